// The small vocabulary every part of the simulator shares: thread ids, virtual time, and the
// record a thread publishes before each visible operation.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace weft::sim {

// Threads are numbered per execution in start order; MainThread is 0.
using ThreadId = std::uint32_t;
inline constexpr ThreadId kNoThread = std::numeric_limits<ThreadId>::max();

// Virtual time in nanoseconds since the execution began. Integers keep times exact.
using Time = std::int64_t;
inline constexpr Time kNever = std::numeric_limits<Time>::max();
Time from_seconds(double seconds);
double to_seconds(Time t);

// What a visible operation does. Reduction, race checks and traces read these.
enum class OpKind : std::uint8_t {
  Start, Join, Acquire, Release, Wait, Notify, Set, Clear, Put, Get, Sleep, Yield,
  Print, Input, FileWrite, FileRead, Load, Store, Choose, Random, Query, Close, End,
  Bind, Listen, Accept, Connect, Send, Recv, Shutdown,  // sockets
  Terminate,  // a process's terminate(): ends every thread of the process (Runtime::end_process)
  Other,
};
const char* op_name(OpKind kind);
// Operations scenario code performs from destructors (a lock guard's release, a keyboard's close):
// a thread whose execution has ended completes them quietly instead of unwinding from them.
inline bool quiet_when_abandoned(OpKind kind) {
  return kind == OpKind::Release || kind == OpKind::Close;
}

// Whether an operation only observes its object or may change it.
enum class Access : std::uint8_t { Read, Write };

class StateHasher;

// Anything threads synchronise or communicate through: locks, events, queues, shared variables,
// threads themselves (join), the output streams and files. Primitives derive their state from it.
class Object {
 public:
  explicit Object(const char* kind) : kind_(kind) {}
  Object(const char* kind, std::string&& name) : kind_(kind), name_(std::move(name)) {}
  virtual ~Object();  // (the runtime forgets it: sim/state_objects.cpp)
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  const char* kind() const { return kind_; }
  // A Lock or an RLock. Reduction asks at every release whether its thread holds the lock: the
  // kind names are compared once per object, on the first question, so that objects nobody asks
  // about (every object of a search without reduction) cost nothing.
  bool is_lock() const {
    if (lock_ < 0) lock_ = std::string_view(kind_) == "Lock" || std::string_view(kind_) == "RLock";
    return lock_ != 0;
  }
  std::uint32_t id() const { return id_; }
  void set_id(std::uint32_t id) { id_ = id; }
  // The name reports use: the one the scenario gave, or "Lock#3".
  std::string label() const;
  // How reports and traces name the object: its kind and the name the scenario gave ("Lock
  // mutexA"), its kind and a number ("Lock#3"), or what stands for itself, as a thread does under
  // its thread name ("Thread-2").
  virtual std::string describe() const;
  void set_name(std::string name) { name_ = std::move(name); }
  const std::string& name() const { return name_; }
  // Threads that hold this object (a lock's owner, a semaphore's holders), for deadlock reports.
  virtual void holders(std::vector<ThreadId>& out) const { (void)out; }
  // Mixes this object's whole state into `h`, thread ids through h.thread(); false when it
  // cannot (a Shared<T> whose T has no std::hash): state caching is then not used
  // (docs/state-caching.md).
  virtual bool fingerprint(StateHasher& h) const {
    (void)h;
    return false;
  }
  // Mixes into `h` what an operation of kind `kind` can learn from this object, as a function of
  // which its answer to the thread (return value, exception) is determined: by default the whole
  // state. An object whose answers say less overrides it (a semaphore's acquire learns only
  // whether a permit was left), so that threads that learned the same keep the same history
  // (docs/state-caching.md, "What a thread learns"). False when the object cannot say.
  virtual bool learned(OpKind kind, StateHasher& h) const {
    (void)kind;
    return fingerprint(h);
  }
  // What the object holds now, in words, for a screen of the execution's state (weft step): an
  // event's flag, a semaphore's permits, a queue's items. Empty when it has nothing to say beyond
  // its holders() (a lock), or cannot say (items of a type with no text).
  virtual std::string state() const { return {}; }
  // For an object standing for a thread: the class of threads it is interchangeable with under
  // symmetry reduction, 0 for none (docs/state-caching.md, "Symmetry").
  virtual std::uint64_t symmetry_class() const { return 0; }

 private:
  const char* kind_;
  std::string name_;
  std::uint32_t id_ = 0;
  mutable std::int8_t lock_ = -1;  // is_lock(): -1 until asked
};

// The kind of the object standing for a process (weft::Process): its start copies the memory the
// program shares (docs/processes.md), which the reduction knows by this kind's address.
inline constexpr char kProcessKind[] = "Process";

// Whether a blocked operation may proceed now, for thread `self`.
using ReadyFn = bool (*)(const Object* object, ThreadId self);

// The record a thread publishes before each visible operation. It is enabled when `ready` is
// null or returns true, or when virtual time has reached `deadline` (a timeout).
struct Op {
  OpKind kind = OpKind::Other;
  Access access = Access::Write;
  // Set for a Store that overwrites its object with `value`, known before it runs (a
  // Shared<integer>'s store()): two such stores of one value to one object commute, which
  // reduction uses (docs/reduction.md, "Stores of equal values").
  bool overwrites = false;
  const Object* object = nullptr;
  ReadyFn ready = nullptr;
  Time deadline = kNever;
  // Set for pure reads only (a Load or Query, with Access::Read, of an object): the code
  // location that asked (the caller's return address). The same read from the same place, of a
  // value nobody changed, is what a spin loop does; null: not a read, never a spin.
  const void* site = nullptr;
  std::int64_t value = 0;  // what an `overwrites` store writes
};

// The caller's code location, for Op::site. Use it in a function that is never inlined.
#define WEFT_CALL_SITE() __builtin_extract_return_addr(__builtin_return_address(0))

}  // namespace weft::sim
