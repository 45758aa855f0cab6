// The branching points of the reduced search (checker/dpor.hpp), kept on a stack across
// executions: at each, which threads were enabled, which must still be tried (backtrack), which
// were (done), and the sleep set on arrival. A point's sets are bitsets (checker/dpor_threadset.hpp)
// that lie one after the other in Buffers::bits.
#pragma once

#include <cstdint>

#include "checker/dpor_saved.hpp"
#include "sim/strategy.hpp"

namespace weft::checker::dpor {

// The sets of a point. kFailed: the threads whose step from here ended the execution with a
// failed check (a step that conflicts with everything); kSleepFailed: the sleepers on arrival
// whose step does.
enum Set : std::uint32_t { kEnabled, kBacktrack, kDone, kSleep, kFailed, kSleepFailed, kSets };

// A branching point. Invariants for a thread point: `chosen` is in kEnabled, which has `options`
// members; kBacktrack is a subset of kEnabled (a race adds one enabled thread, or all of them);
// the thread chosen next is in kBacktrack and in neither kDone nor kSleep. A value point
// (choose(n)) has no sets in use: `chosen` < `options` = n.
struct Point {
  sim::Decision kind;
  std::uint32_t chosen;   // thread points: the thread id; value points: the value
  std::uint32_t options;  // thread points: how many were enabled; value points: n
  std::uint32_t bits;     // offset in Buffers::bits of its sets, `words` words each
  std::uint32_t words;
  std::uint32_t at;       // its decision's index in the schedule
  Saved saved;
  // Bounded searches only (checker/dpor_bound.cpp): the preemptions of the schedule before it,
  // and the thread whose choice there does not preempt (kNone: none would).
  std::uint32_t preemptions = 0;
  std::uint32_t current = kNone;
};

}  // namespace weft::checker::dpor
