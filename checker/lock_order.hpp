// Lock-order warnings: over the executions of a search, the lock-order graph (an edge A -> B
// when a thread acquires B while it holds A) and its cycles, each with what decides whether it
// can deadlock: an execution that deadlocked on its locks, or a gate lock held at every
// acquisition on it. A cycle is the shape of a deadlock (E. Knapp, "Deadlock detection in
// distributed databases", ACM Computing Surveys 19(4), 1987); a gate lock that serialises its
// acquisitions rules it out (S. Bensalem and K. Havelund, "Dynamic deadlock analysis of
// multi-threaded programs", Haifa Verification Conference 2005). The search says which cycles are
// real, so a report never warns of one no schedule reaches.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "checker/explore.hpp"

namespace weft::checker {

// Every acquisition of `to` by a thread that held `from` (locks as reports name them).
struct LockEdge {
  std::string from, to;
  std::set<std::string> threads;  // the threads that made one
  std::set<std::string> gates;    // other locks held at every one of them
};

// A cycle of the graph: locks[0] -> locks[1] -> ... -> locks[0], locks[0] the least name.
struct LockCycle {
  std::vector<std::string> locks;
  std::set<std::string> gates;  // locks held at every acquisition on it
  bool deadlocked = false;      // an execution explored ended in a deadlock on exactly these locks
  Schedule deadlock;            // the first such execution's schedule
};

struct LockOrder {
  std::vector<LockEdge> edges;  // by (from, to)
  std::vector<LockCycle> cycles;  // by their locks; at most kMaxCycles
  bool more_cycles = false;       // the graph has more cycles than are listed
  bool complete = false;          // every class of equivalent schedules was explored
  std::string cut_by;             // when not complete: "max-executions", "time-budget", ...
  std::uint64_t executions = 0;
};

inline constexpr std::size_t kMaxCycles = 32;

// Runs the reduced search over `body` with `options` (setup and budgets), watching every lock
// acquisition and release. Equivalent executions make the same acquisitions holding the same
// locks, so a complete search sees every edge, and every deadlock.
LockOrder lock_order(const std::function<void()>& body, const Options& options);

// The elementary cycles of the graph `edges` make, each once (at most kMaxCycles; `more` tells
// whether there were more).
std::vector<LockCycle> find_cycles(const std::vector<LockEdge>& edges, bool& more);

// The locks the threads of a deadlock's wait-for cycle wait for; empty when it has none.
std::set<std::string> deadlock_locks(const sim::Outcome& o);

}  // namespace weft::checker
