// weft check's lock-order warnings (checker/lock_order.hpp) judged and shown: each cycle of the
// lock-order graph reachable (with the trace of a deadlock on it), guarded by a gate lock, not
// reachable (the search was complete), or undecided.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "checker/lock_order.hpp"
#include "cli/args.hpp"

namespace weft::cli {

struct CycleVerdict {
  enum class Is { Reachable, Guarded, Unreachable, Undecided };
  std::vector<std::string> locks;  // locks[0] -> locks[1] -> ... -> locks[0]
  Is is = Is::Undecided;
  std::string trace;  // Reachable: a deadlock's trace on exactly these locks
  std::string gate;   // Guarded: a lock held at every acquisition on the cycle
};

struct LockOrderVerdict {
  bool checked = false;  // the lock-order search ran (weft check, not cut short)
  std::vector<checker::LockEdge> edges;
  std::vector<CycleVerdict> cycles;
  bool more_cycles = false;
  bool complete = false;
  std::string cut_by;
  std::uint64_t executions = 0;
};

// The executions the lock-order search runs at most: its graph is a warning beside the check's
// verdict, so it must not keep the check waiting long on a program too large to search whole.
inline constexpr std::uint64_t kLockOrderExecutions = 10000;

// Runs the lock-order search on `p` (kLockOrderExecutions at most, within `opt`'s time budget)
// and judges each cycle. `deadlock`: the deadlock the check found (null if none), whose trace is
// `deadlock_trace`; another deadlock the search finds gets its own trace,
// weft-lock-cycle-NAME-K.json.
LockOrderVerdict judge_lock_order(const Prepared& p, const checker::Options& opt,
                                  const sim::Outcome* deadlock, const std::string& deadlock_trace);

// The graph's edges, then one line per cycle.
void print_lock_order(std::ostream& os, const LockOrderVerdict& v);

}  // namespace weft::cli
