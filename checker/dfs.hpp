// Exhaustive depth-first search over every scheduling decision, timer tie and choose() value,
// without reduction: stateless model checking, each execution replayed from the start.
#pragma once

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class DfsStrategy : public sim::Strategy {
 public:
  void begin_execution() override { depth_ = 0; }
  std::size_t pick_thread(const sim::Runtime&, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override {
    return pick(enabled.size(), kind);
  }
  std::size_t pick_value(const sim::Runtime&, std::size_t n) override {
    return pick(n, sim::Decision::Value);
  }

  // Moves to the next unexplored schedule; false once every schedule has been explored.
  bool advance();
  // The schedule of the execution that just ran.
  const Schedule& schedule() const { return stack_; }
  // True if a replayed prefix met a different number of options than recorded: the scenario
  // depends on something weft does not control (plain shared memory, wall time).
  bool nondeterministic() const { return nondeterministic_; }

 private:
  std::size_t pick(std::size_t n, sim::Decision kind);

  Schedule stack_;
  std::size_t depth_ = 0;
  bool nondeterministic_ = false;
};

}  // namespace weft::checker
