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
  // The class whose whole run of joins thread t's `op` stands in, when a state may leave out
  // which of the class's threads it names and how far the run has gone: a plain join by the
  // thread that started every thread of that class, in its only run, under exact timing. 0 when
  // not. A run waits until every thread of the class has ended, wherever it stands and whatever
  // order it names them in; its joins of ended threads change nothing another thread can see
  // (docs/state-caching.md, "Symmetry", "A run of joins, folded").
  std::uint64_t run_class(const sim::Runtime& rt, sim::ThreadId t, const sim::Op& op) const;
  // Thread t has performed a join of its run, which is not closed yet.
  bool in_run(sim::ThreadId t) const { return t < run_.size() && run_[t] == Run::Open; }

 private:
  enum class Run : std::uint8_t { None, Open, Closed };
  bool close(const sim::Runtime& rt, sim::ThreadId t);
  void grow(std::size_t n);

  std::vector<sim::ThreadId> starter_;  // per thread
  std::vector<Run> run_;                // per thread: its run of joins of class threads
  std::vector<std::uint32_t> joined_;   // per thread: class threads joined in its run
};

}  // namespace weft::checker
