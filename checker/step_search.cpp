// find_deadlock (checker/step_through.hpp): a depth-first search without reduction over the
// executions that begin with a prefix. Without reduction every schedule is run, so a search that
// ends within its budget has tried every way on from the prefix: "none" is then an answer.
#include <algorithm>
#include <chrono>

#include "checker/in_flight.hpp"
#include "checker/step_through.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

namespace {

// Follows the prefix, then the search's stack of decisions beyond it (option 0 where the stack
// ends); each next execution moves the deepest decision with an option left to its next one.
class DepthFirstFrom final : public sim::Strategy {
 public:
  explicit DepthFirstFrom(const Schedule& prefix) : prefix_(prefix) {}

  bool next_execution(sim::Plan&) override {
    if (started_) {
      while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().options)
        stack_.pop_back();
      if (stack_.empty()) return false;
      ++stack_.back().chosen;
    }
    started_ = true;
    taken_.clear();
    return true;
  }
  std::size_t pick(const sim::Runtime&, const sim::Request& r) override {
    const auto n = static_cast<std::uint32_t>(r.options);
    std::uint32_t chosen = 0;
    const std::size_t at = taken_.size();
    if (at < prefix_.size()) {
      chosen = std::min(prefix_[at].chosen, n - 1);
    } else {
      const std::size_t depth = at - prefix_.size();
      // The same decisions lead to the same place; where one did not (a program that depends on
      // something weft does not control), the stack is cut there and goes on afresh.
      if (depth < stack_.size() && (stack_[depth].kind != r.kind || stack_[depth].options != n))
        stack_.resize(depth);
      if (depth == stack_.size()) stack_.push_back(Choice{r.kind, 0, n});
      chosen = stack_[depth].chosen;
    }
    taken_.push_back(Choice{r.kind, chosen, n});
    return chosen;
  }
  const Schedule& schedule() const override { return taken_; }

 private:
  const Schedule& prefix_;
  Schedule stack_;  // the decisions beyond the prefix of the execution under way or last run
  Schedule taken_;  // every decision of the execution under way
  bool started_ = false;
};

}  // namespace

DeadlockSearch find_deadlock(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                             const Schedule& prefix, std::uint64_t max_executions,
                             double seconds) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point end =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(seconds > 0 ? seconds : 1e9));
  DeadlockSearch result;
  DepthFirstFrom search(prefix);
  sim::Runtime rt;
  sim::Plan plan;
  const InFlightScope scope;
  while (search.next_execution(plan)) {
    if (result.executions == max_executions || Clock::now() >= end) {
      result.complete = false;
      break;
    }
    note_execution(search.schedule(), setup);
    const sim::Outcome& outcome = rt.execute(body, search, setup, plan);
    ++result.executions;
    if (outcome.status == sim::Status::Deadlock) {
      result.found = true;
      result.schedule = search.schedule();
      break;
    }
    plan = sim::Plan{};
  }
  return result;
}

}  // namespace weft::checker
