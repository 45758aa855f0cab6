// What the runtime knows of its objects for state caching: which are alive, which stand for
// threads, and what an operation can learn from one (docs/state-caching.md, "Histories").
#include "sim/runtime.hpp"
#include "sim/state_hash.hpp"

namespace weft::sim {

Object::~Object() {
  if (id_ == 0) return;
  if (Runtime* rt = Runtime::current()) rt->forget_object(*this);
}

void Runtime::forget_object(const Object& object) {
  const std::uint32_t id = object.id();
  // Only this execution's entry for it: an object kept from an earlier execution may carry an
  // id that now names another.
  if (id < objects_by_id_.size() && objects_by_id_[id] == &object) {
    objects_by_id_[id] = nullptr;
    return;
  }
  // An object that took another's id after registering (a Condition takes its lock's) is listed
  // under the id it registered with.
  for (std::uint32_t i = kWorldObjects + 1; i <= objects_ && i < objects_by_id_.size(); ++i)
    if (objects_by_id_[i] == &object) objects_by_id_[i] = nullptr;
}

Time Runtime::read_clock() {
  Thread& me = *threads_[current_];
  ++me.clock_reads;
  return me.clock_read_at = now();
}

std::pair<std::uint32_t, Time> Runtime::clock_read(ThreadId t) const {
  return {threads_[t]->clock_reads, threads_[t]->clock_read_at};
}

ThreadId Runtime::thread_of(const Object* object) const {
  if (object == nullptr) return kNoThread;
  // Every thread object with an id is in object_thread_ from its spawn on (an entry left from an
  // earlier execution names a thread whose object is another, or a thread not spawned yet).
  if (const std::uint32_t id = object->id(); id != 0) {
    const ThreadId t = id < object_thread_.size() ? object_thread_[id] : kNoThread;
    return t < count_ && threads_[t]->object == object ? t : kNoThread;
  }
  for (ThreadId t = 0; t < count_; ++t)
    if (threads_[t]->object == object) return t;
  return kNoThread;
}

namespace {
// Markers that keep the fields of different kinds of objects apart.
constexpr std::uint64_t kThreadMark = 0x7468726561640001ULL;
}  // namespace

bool Runtime::fingerprint_object(const Object* object, OpKind kind, ThreadId self,
                                 StateHasher& h) const {
  if (object == nullptr) return true;
  if (const ThreadId u = thread_of(object); u != kNoThread) {
    // Join and is_alive learn whether it ended; the thread's identity is the reference itself.
    h.mix(kThreadMark);
    h.mix(static_cast<std::uint64_t>(slots_[u].state));
    if (object->kind() != kProcessKind) return true;
    // A process's exitcode is its own (0, 1, or -15 after a terminate), not its MainThread's.
    h.relative_to(self);
    const bool known = object->learned(kind, h);
    h.relative_to(kNoThread);
    return known;
  }
  const World& w = world_;
  if (object == &w.stdout_object || object == &w.stderr_object) return true;  // write only
  if (object == &w.stdin_object) {
    h.mix(w.stdin_next);
    h.mix(static_cast<std::uint64_t>(w.keyboards_open));
    h.mix(w.stdin_lines.size());
    if (w.stdin_next < w.stdin_lines.size()) h.mix_bytes(w.stdin_lines[w.stdin_next]);
    return true;
  }
  if (object == &w.files_object) {
    for (const auto& [name, text] : w.files) {
      h.mix_bytes(name);
      h.mix_bytes(text);
    }
    return true;
  }
  if (object == &w.random_object) {
    Random copy = w.random;  // its next draw stands for its state (splitmix64 is a bijection)
    h.mix(copy.next());
    return true;
  }
  if (object == &w.threads_object) {
    // enumerate() hands out every live thread: their identities themselves.
    for (ThreadId t = 0; t < count_; ++t) {
      h.mix(t);
      h.mix(static_cast<std::uint64_t>(slots_[t].state));
    }
    return true;
  }
  h.relative_to(self);
  const bool known = object->learned(kind, h);
  h.relative_to(kNoThread);
  return known;
}

}  // namespace weft::sim
