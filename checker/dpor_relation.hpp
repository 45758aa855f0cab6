// The dependency relation of the reduced search (checker/dpor.hpp): what it keeps of an
// operation, and when two operations do not commute. Two operations are dependent when they
// touch the same object and at least one changes it, unless both store one value; the flags carry the rules across objects
// that docs/reduction.md argues (starts and ends against listings of the live threads, the
// program's exit against the daemon threads, a process's start against every store, a process's
// terminate against its threads' operations, the pairs that can never both be enabled).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {
class Runtime;
}

namespace weft::checker::dpor {

// No event, thread, point or object: an index's "none".
inline constexpr std::uint32_t kNone = 0xffffffffU;

// What reduction keeps of an operation: enough to tell whether two operations commute.
struct Footprint {
  std::uint32_t object = 0;  // sim::Object id, 0 for none
  sim::OpKind kind = sim::OpKind::Other;
  sim::Access access = sim::Access::Read;
  std::uint16_t flags = 0;  // the k* bits below
  std::int64_t value = 0;  // what a kOverwrites store writes; stale otherwise
};
inline constexpr std::uint16_t kDaemon = 1;   // performed by a daemon thread
inline constexpr std::uint16_t kLists = 2;    // reads the set of live threads
inline constexpr std::uint16_t kChanges = 4;  // a start or end: changes that set
inline constexpr std::uint16_t kExit = 8;     // the end of the last non-daemon thread: the
                                             // program ends, cutting off the daemons
inline constexpr std::uint16_t kWaitsRelease = 16;  // a blocking acquire: never co-enabled with
                                                   // the lock's release by its holder
inline constexpr std::uint16_t kWaitsEnd = 32;      // a blocking join: never co-enabled with the
                                                   // joined thread's end
inline constexpr std::uint16_t kHeldRelease = 64;   // a release of a lock by its holder
inline constexpr std::uint16_t kOverwrites = 128;   // a store of a value known before it ran
                                                   // (sim::Op::overwrites): `value`
inline constexpr std::uint16_t kFork = 256;    // a process's start: reads every shared variable
inline constexpr std::uint16_t kMemory = 512;  // a store to a shared variable
inline constexpr std::uint16_t kTerminate = 1024;  // a process's terminate(): its object is the
                                                   // process, whose threads it ends
inline constexpr std::uint16_t kInProcess = 2048;  // performed by a thread of a forked process

// f, the footprint of `op` performed by a thread (a daemon or not); threads_object is the id of
// World::threads_object, which enumerate() and active_count() read. Written field by field into
// place: building it in registers and storing it whole costs more.
inline void footprint(const sim::Op& op, bool daemon, std::uint32_t threads_object,
                      Footprint& f) {
  f.object = op.object != nullptr ? op.object->id() : 0;
  f.kind = op.kind;
  f.access = op.access;
  f.flags = daemon ? kDaemon : 0;
  if (op.overwrites) {
    f.flags |= kOverwrites;
    f.value = op.value;
  }
  const bool blocking = op.ready != nullptr && op.deadline == sim::kNever;
  switch (op.kind) {
    case sim::OpKind::Start:
      f.flags |= op.object != nullptr && op.object->kind() == sim::kProcessKind ? kChanges | kFork
                                                                                : kChanges;
      break;
    case sim::OpKind::End: f.flags |= kChanges; break;
    case sim::OpKind::Store: f.flags |= kMemory; break;
    case sim::OpKind::Query: f.flags |= f.object == threads_object ? kLists : 0; break;
    case sim::OpKind::Acquire: f.flags |= blocking ? kWaitsRelease : 0; break;
    case sim::OpKind::Join: f.flags |= blocking ? kWaitsEnd : 0; break;
    case sim::OpKind::Terminate: f.flags |= kTerminate; break;
    default: break;
  }
}

// Whether a and b are stores of one value, which commute on one object: either order leaves it
// holding that value, and a store gives its thread nothing back, so every later step and the
// final state are the same (docs/reduction.md, "Stores of equal values").
inline bool equal_stores(const Footprint& a, const Footprint& b) {
  return (a.flags & b.flags & kOverwrites) && a.value == b.value;
}

// Whether a and b touch the same object, at least one changes it, and they are not stores of
// one value.
inline bool same_object(const Footprint& a, const Footprint& b) {
  return a.object != 0 && a.object == b.object &&
         (a.access == sim::Access::Write || b.access == sim::Access::Write) &&
         !equal_stores(a, b);
}

// Whether event e and a pending operation op do not commute.
inline bool conflict(const Footprint& e, const Footprint& op) {
  if (same_object(e, op)) return true;
  // enumerate() and active_count() read the set of live threads, which every start and end
  // changes.
  if (((e.flags & kLists) && (op.flags & kChanges)) || ((e.flags & kChanges) && (op.flags & kLists)))
    return true;
  // A process's start copies every shared variable (docs/processes.md): it reads them all.
  if (((e.flags & kFork) && (op.flags & kMemory)) || ((e.flags & kMemory) && (op.flags & kFork)))
    return true;
  // The last non-daemon thread's end ends the program, cutting off the daemon threads.
  return ((e.flags & kExit) && (op.flags & kDaemon)) || ((op.flags & kExit) && (e.flags & kDaemon));
}

// Whether `op`, performed by a thread of the process whose object id is `process`, and `kill`
// do not commute because `kill` terminates that process: before it op runs, after it op never
// does (sim::Runtime::end_process). Every operation of every thread of the process races with
// its terminate (docs/reduction.md, "A process's terminate").
inline bool kills(const Footprint& kill, const Footprint& op, std::uint32_t process) {
  return (kill.flags & kTerminate) && (op.flags & kInProcess) && kill.object == process;
}

// Commutes with every operation: no object, no rule across objects applies.
// A local operation of a thread of a process commutes with its terminate too: what it changes is
// the thread's own state, which the terminate makes unobservable.
inline bool local(const Footprint& op) {
  return op.object == 0 && (op.flags & ~kInProcess) == 0;
}

// Whether thread t, about to perform its pending operation, holds the Lock or RLock it is on.
// `holders` is scratch space.
bool holds_lock(const sim::Runtime& rt, sim::ThreadId t, std::vector<sim::ThreadId>& holders);

}  // namespace weft::checker::dpor
