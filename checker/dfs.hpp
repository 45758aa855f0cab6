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
#include "checker/progress.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class DfsStrategy final : public sim::Strategy, public Measured {
 public:
  // Explores the schedules with at most `max_preemptions` preemptions (kUnbounded: all).
  explicit DfsStrategy(std::uint32_t max_preemptions = kUnbounded)
      : max_preemptions_(max_preemptions) {}

  // The first call plans the first execution; each later one moves to the next unexplored
  // schedule, and says none is left once every schedule has been explored.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    skip_repeated(rt.picks());
    const std::size_t current = bounded() && r.kind == sim::Decision::Thread
                                    ? continuing_index(rt, r.threads(), r.kind)
                                    : kNoCurrent;
    return take(r.options, r.kind, current, rt.picks());
  }
  void repeated_pick_changed(const sim::Runtime& rt) override;
  // The schedule of the execution that just ran.
  const Schedule& schedule() const override { return stack_; }
  // The fraction of the tree explored, estimated (checker/progress.hpp).
  double explored() const override { return explored_fraction(stack_); }

 private:
  // What a bounded search keeps per decision to know which of its options it may take.
  struct Budget {
    std::uint32_t before;  // preemptions made earlier in the schedule
    std::size_t current;   // the continuing thread's index, or kNoCurrent
  };

  bool bounded() const { return max_preemptions_ != kUnbounded; }
  // Inline for the common case, an unbounded search repeating the previous schedule's prefix:
  // it runs at nearly every decision of every execution.
  std::size_t take(std::size_t n, sim::Decision kind, std::size_t current, std::size_t at) {
    if (depth_ < stack_.size() && !bounded()) {
      const Choice& c = stack_[depth_];
      if (c.options == n && c.kind == kind) [[likely]] {
        ++depth_;
        return c.chosen;
      }
    }
    return take_slow(n, kind, current, at);
  }
  std::size_t take_slow(std::size_t n, sim::Decision kind, std::size_t current, std::size_t at);
  // Passes the thread decisions the runtime repeated before its pick number `picks`: they are
  // not asked. (Values always are.)
  void skip_repeated(std::size_t picks) {
    if (picks >= repeated_picks_ && depth_ < start_depth_) depth_ = start_depth_;
    while (depth_ < stack_.size() && stack_[depth_].kind != sim::Decision::Value &&
           at_[depth_] < picks)
      ++depth_;
  }
  std::size_t follow_stack(std::size_t n, sim::Decision kind, std::size_t current);
  bool advance();
  // The next option after `c.chosen` the bound allows, or c.options when none.
  std::uint32_t next_allowed(const Choice& c, const Budget& b) const;
  void count(std::size_t current, std::size_t chosen);
  void pop();  // the last decision of the stack

  Schedule stack_;
  // Parallel to stack_: rt.picks() when each decision was made (for a thread, the number of
  // its pick).
  std::vector<std::size_t> at_;
  std::size_t repeated_picks_ = 0;  // Plan::repeated_picks for the next execution
  // Where an execution that repeated its first repeated_picks_ picks is in the stack then: at the
  // decision advance() moved on when no choose() comes before it (every decision before is a
  // repeated pick); else 0, and skip_repeated() walks there.
  std::size_t start_depth_ = 0;
  std::size_t values_ = 0;  // Value decisions in stack_
  std::vector<Budget> budgets_;  // parallel to stack_ when bounded
  std::size_t depth_ = 0;
  std::uint32_t max_preemptions_;
  std::uint32_t preemptions_ = 0;  // in this execution so far
  bool started_ = false;  // next_execution() planned the first execution
};

}  // namespace weft::checker
