// What recorded events carry beyond the operation: how each object is named, how much output
// there was before it (so that a print's text is known), and how the operation waited before it
// ran. Only executions that record events come here, so none of it costs a search anything.
#include <string>

#include "sim/runtime.hpp"

namespace weft::sim {

void Runtime::record_event(const Slot& me) {
  note_waits();
  note_object(me.pending.object);
  Event e{steps_, now(), current_, me.pending.kind, me.pending.access,
          me.pending.object ? me.pending.object->id() : 0, 0};
  e.out_at = world_.out.size();
  e.err_at = world_.err.size();
  e.wait = std::move(threads_[current_]->wait);
  threads_[current_]->wait = Wait{};
  events_.push_back(std::move(e));
}

// Looks at every thread's pending operation once per step, before the step runs: what it sees is
// the effect of the steps before. An operation that cannot be performed has begun to wait; one
// that could not and now can was let go by the step before (or, with its condition still false,
// by its deadline). A thread publishes its next operation right after performing one, so the
// first look at an operation is the one after its thread's previous step.
void Runtime::note_waits() {
  const std::uint64_t before = steps_ - 1;
  for (ThreadId t = 0; t < count_; ++t) {
    if (slots_[t].state != State::Running) continue;
    const Op& op = slots_[t].pending;
    const bool ready = op.ready == nullptr || op.ready(op.object, t);
    const bool able = ready || op.deadline <= enabled_until_;
    Wait& w = threads_[t]->wait;
    if (!able && !w.waited) {
      w.waited = true;
      w.after = before;
      if (op.object != nullptr) op.object->holders(w.held_by);
    } else if (able && !w.able) {
      w.woken_by = ready ? before : 0;
    }
    w.able = able;
  }
}

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
