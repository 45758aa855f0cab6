#include "checker/dfs.hpp"

#include "sim/runtime.hpp"

namespace weft::checker {

std::size_t DfsStrategy::take_slow(std::size_t n, sim::Decision kind, std::size_t current,
                                   std::size_t at) {
  if (depth_ < stack_.size()) return follow_stack(n, kind, current);
  // A new decision: its first option, or, when the budget is spent, the continuing thread.
  std::uint32_t first = 0;
  if (bounded()) {
    if (preemptions_ >= max_preemptions_ && current != kNoCurrent)
      first = static_cast<std::uint32_t>(current);
    budgets_.push_back(Budget{preemptions_, current});
    count(current, first);
  }
  stack_.push_back(Choice{kind, first, static_cast<std::uint32_t>(n)});
  at_.push_back(at);
  if (kind == sim::Decision::Value) ++values_;
  ++depth_;
  return first;
}

// Following the stack: the prefix the previous execution took, up to the decision advance()
// moved on.
std::size_t DfsStrategy::follow_stack(std::size_t n, sim::Decision kind, std::size_t current) {
  Choice& c = stack_[depth_++];
  if (c.options != n || c.kind != kind) {
    found_nondeterminism();
    c.options = static_cast<std::uint32_t>(n);
    c.kind = kind;
    if (c.chosen >= n) c.chosen = static_cast<std::uint32_t>(n - 1);
  }
  if (bounded()) {
    budgets_[depth_ - 1] = Budget{preemptions_, current};
    count(current, c.chosen);
  }
  return c.chosen;
}

void DfsStrategy::count(std::size_t current, std::size_t chosen) {
  if (is_preemption(current, chosen)) ++preemptions_;
}

// With the budget spent only the continuing thread may run, and it was taken first.
std::uint32_t DfsStrategy::next_allowed(const Choice& c, const Budget& b) const {
  if (b.current != kNoCurrent && b.before >= max_preemptions_) return c.options;
  return c.chosen + 1;
}

bool DfsStrategy::next_execution(sim::Plan& plan) {
  if (started_ && !advance()) return false;
  started_ = true;
  depth_ = 0;
  preemptions_ = 0;
  plan.repeated_picks = repeated_picks_;
  return true;
}

// Moves to the next unexplored schedule; false once every schedule has been explored.
bool DfsStrategy::advance() {
  while (stack_.size() > depth_) pop();
  while (!stack_.empty()) {
    Choice& c = stack_.back();
    const std::uint32_t next = bounded() ? next_allowed(c, budgets_.back()) : c.chosen + 1;
    if (next < c.options) {
      c.chosen = next;
      // Everything before this decision happens as in the execution that just ran.
      repeated_picks_ = bounded() ? 0 : at_.back();
      const bool values_before = values_ > (c.kind == sim::Decision::Value ? 1 : 0);
      start_depth_ = bounded() || values_before ? 0 : stack_.size() - 1;
      return true;
    }
    pop();
  }
  return false;
}

void DfsStrategy::pop() {
  if (stack_.back().kind == sim::Decision::Value) --values_;
  stack_.pop_back();
  at_.pop_back();
  if (bounded()) budgets_.pop_back();
}

// The runtime stopped repeating picks at its pick number rt.picks(): the decisions it made
// before are passed, and so are the values asked before that pick.
void DfsStrategy::repeated_pick_changed(const sim::Runtime& rt) {
  found_nondeterminism();
  const std::size_t picks = rt.picks();
  start_depth_ = 0;
  depth_ = 0;
  while (depth_ < stack_.size() &&
         (stack_[depth_].kind == sim::Decision::Value ? at_[depth_] <= picks : at_[depth_] < picks))
    ++depth_;
}

}  // namespace weft::checker
