// Exhaustive depth-first search over every scheduling decision, timer tie and choose() value,
// without reduction: stateless model checking, each execution run again from the start.
//
// Optionally bounded: M. Musuvathi and S. Qadeer, "Iterative context bounding for systematic
// testing of multithreaded programs", PLDI 2007. With a bound K, a branch that would make a
// schedule's (K+1)-th preemption (checker/preemption.hpp) is not explored; free switches (the
// running thread blocked or ended) always are. The search is then complete only up to K
// preemptions.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/preemption.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class DfsStrategy : public sim::Strategy {
 public:
  // Explores the schedules with at most `max_preemptions` preemptions (kUnbounded: all).
  explicit DfsStrategy(std::uint32_t max_preemptions = kUnbounded)
      : max_preemptions_(max_preemptions) {}

  void begin_execution() override {
    depth_ = 0;
    preemptions_ = 0;
  }
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override {
    skip_repeated(rt.picks());
    return pick(enabled.size(), kind, bounded() ? continuing_index(rt, enabled, kind) : kNoCurrent,
                rt.picks());
  }
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override {
    skip_repeated(rt.picks());
    return pick(n, sim::Decision::Value, kNoCurrent, rt.picks());
  }
  // The picks before the decision that advance() moved on: the runtime repeats them (a bounded
  // search counts preemptions at every decision, so it follows them itself).
  std::size_t repeated_picks() const override { return repeated_picks_; }
  void repeated_pick_changed(const sim::Runtime& rt) override;

  // Moves to the next unexplored schedule; false once every schedule has been explored.
  bool advance();
  // The schedule of the execution that just ran.
  const Schedule& schedule() const { return stack_; }
  // True if a repeated prefix met a different number of options than recorded: the scenario
  // depends on something weft does not control (plain shared memory, wall time).
  bool nondeterministic() const { return nondeterministic_; }

 private:
  // What a bounded search keeps per decision to know which of its options it may take.
  struct Budget {
    std::uint32_t before;  // preemptions made earlier in the schedule
    std::size_t current;   // the continuing thread's index, or kNoCurrent
  };

  bool bounded() const { return max_preemptions_ != kUnbounded; }
  // Inline for the common case, an unbounded search repeating the previous schedule's prefix:
  // it runs at nearly every decision of every execution.
  std::size_t pick(std::size_t n, sim::Decision kind, std::size_t current, std::size_t at) {
    if (depth_ < stack_.size() && !bounded()) {
      const Choice& c = stack_[depth_];
      if (c.options == n && c.kind == kind) [[likely]] {
        ++depth_;
        return c.chosen;
      }
    }
    return pick_slow(n, kind, current, at);
  }
  std::size_t pick_slow(std::size_t n, sim::Decision kind, std::size_t current, std::size_t at);
  // Passes the thread decisions the runtime repeated before its pick number `picks`: they are
  // not asked. (Values always are.)
  void skip_repeated(std::size_t picks) {
    if (picks >= repeated_picks_ && depth_ < start_depth_) depth_ = start_depth_;
    while (depth_ < stack_.size() && stack_[depth_].kind != sim::Decision::Value &&
           at_[depth_] < picks)
      ++depth_;
  }
  std::size_t follow_stack(std::size_t n, sim::Decision kind, std::size_t current);
  // The next option after `c.chosen` the bound allows, or c.options when none.
  std::uint32_t next_allowed(const Choice& c, const Budget& b) const;
  void count(std::size_t current, std::size_t chosen);
  void pop();  // the last decision of the stack

  Schedule stack_;
  // Parallel to stack_: rt.picks() when each decision was made (for a thread, the number of
  // its pick).
  std::vector<std::size_t> at_;
  std::size_t repeated_picks_ = 0;  // repeated_picks() for the next execution
  // Where an execution that repeated its first repeated_picks_ picks is in the stack then: at the
  // decision advance() moved on when no choose() comes before it (every decision before is a
  // repeated pick); else 0, and skip_repeated() walks there.
  std::size_t start_depth_ = 0;
  std::size_t values_ = 0;  // Value decisions in stack_
  std::vector<Budget> budgets_;  // parallel to stack_ when bounded
  std::size_t depth_ = 0;
  std::uint32_t max_preemptions_;
  std::uint32_t preemptions_ = 0;  // in this execution so far
  bool nondeterministic_ = false;
};

}  // namespace weft::checker
