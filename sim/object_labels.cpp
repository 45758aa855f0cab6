// How recorded events name their objects. Only executions that record events come here: the
// labels are noted as each event is recorded, because scenario objects (a Lock local to a
// function) may be destroyed before the execution ends and its trace is built.
#include <string>

#include "sim/runtime.hpp"

namespace weft::sim {

void Runtime::note_object(const Object* object) {
  if (object == nullptr) return;
  const std::uint32_t id = object->id();
  if (object_labels_.size() <= id) object_labels_.resize(id + 1);
  std::string& label = object_labels_[id];
  // The world's objects (stdout, files, ...) are one of a kind: their kind says it all.
  const Object* world[] = {&world_.stdout_object, &world_.stderr_object, &world_.stdin_object,
                           &world_.files_object,  &world_.random_object, &world_.threads_object};
  for (const Object* w : world) {
    if (w == object) {
      label = object->kind();
      return;
    }
  }
  label = object->describe();
}

const std::string& Runtime::object_label(std::uint32_t id) const {
  static const std::string kNone;
  return id < object_labels_.size() ? object_labels_[id] : kNone;
}

}  // namespace weft::sim
