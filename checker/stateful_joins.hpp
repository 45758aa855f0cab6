// What a symmetry class allows of joins, checked on every execution the search runs: the threads
// of a class are started by one thread, which joins every one of them in a single run of plain
// joins (join() without a timeout, one right after another: the tutorial's `for t in threads:
// t.join()`), or joins none. A run of plain joins waits for a set of threads whatever order it
// names them in, so renaming the threads it will join among themselves changes nothing the
// joiner does (docs/state-caching.md, "Symmetry", promise (3)). Any other use of a class thread
// by another thread (a join with a timeout, a second run, a join by a thread that did not start
// it, is_alive) breaks the promise, and the search must run again without symmetry.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {
class Runtime;
}

namespace weft::checker {

class JoinRuns {
 public:
  void begin_execution();
  // Thread u has just appeared, started by `starter` (kNoThread for MainThread).
  void started(sim::ThreadId u, sim::ThreadId starter);
  // Thread t performs `op`: false when that breaks the promise.
  bool executed(const sim::Runtime& rt, sim::ThreadId t, const sim::Op& op);

 private:
  enum class Run : std::uint8_t { None, Open, Closed };
  bool close(const sim::Runtime& rt, sim::ThreadId t);
  void grow(std::size_t n);

  std::vector<sim::ThreadId> starter_;  // per thread
  std::vector<Run> run_;                // per thread: its run of joins of class threads
  std::vector<std::uint32_t> joined_;   // per thread: class threads joined in its run
};

}  // namespace weft::checker
