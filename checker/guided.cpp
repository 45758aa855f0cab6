#include "checker/guided.hpp"

#include <algorithm>

#include "checker/preemption.hpp"

namespace weft::checker {

Plan plan_of(const Schedule& schedule) {
  Plan plan;
  plan.reserve(schedule.size());
  for (const Choice& c : schedule)
    plan.push_back(Planned{c.kind, c.chosen, c.options, sim::kNoThread});
  return plan;
}

GuidedStrategy::GuidedStrategy(const Plan& plan, std::size_t follow, std::size_t skip)
    : plan_(plan), follow_(std::min(follow, plan.size())), skip_(skip) {
  for (const Planned& p : plan)
    if (p.kind == sim::Decision::Value) values_.push_back(p.chosen);
}

bool GuidedStrategy::next_execution(sim::Plan&) {
  values_seen_ = 0;
  schedule_.clear();
  taken_.clear();
  preemptions_.clear();
  departures_.clear();
  return true;
}

std::size_t GuidedStrategy::pick(const sim::Runtime& rt, const sim::Request& r) {
  if (r.kind == sim::Decision::Value) return pick_value(r.options);
  return pick_thread(rt, r.threads(), r.kind);
}

// The planned thread's index among `enabled`, or `fallback` when this decision is not to be
// followed or its plan does not fit.
std::uint32_t GuidedStrategy::planned_thread(std::span<const sim::ThreadId> enabled,
                                             sim::Decision kind, std::uint32_t fallback) const {
  const std::size_t at = taken_.size();
  if (at >= follow_ || at == skip_) return fallback;
  const Planned& p = plan_[at];
  if (p.kind != kind) return fallback;
  if (p.thread == sim::kNoThread)  // by index
    return p.options == enabled.size() ? p.chosen : fallback;
  const auto it = std::find(enabled.begin(), enabled.end(), p.thread);
  return it == enabled.end() ? fallback : static_cast<std::uint32_t>(it - enabled.begin());
}

void GuidedStrategy::take(sim::Decision kind, std::size_t n, std::uint32_t chosen,
                          std::uint32_t tail, sim::ThreadId thread) {
  if (chosen != tail) departures_.push_back(taken_.size());
  const auto options = static_cast<std::uint32_t>(n);
  schedule_.push_back(Choice{kind, chosen, options});
  taken_.push_back(Planned{kind, chosen, options, thread});
}

std::size_t GuidedStrategy::pick_thread(const sim::Runtime& rt,
                                        std::span<const sim::ThreadId> enabled,
                                        sim::Decision kind) {
  // The tail stays on the thread that ran last when it can (at a timer tie as well, though
  // there that is no preemption), else takes the lowest id.
  const std::size_t last = continuing_index(rt, enabled, sim::Decision::Thread);
  const auto tail = static_cast<std::uint32_t>(last == kNoCurrent ? 0 : last);
  const std::uint32_t chosen = planned_thread(enabled, kind, tail);
  if (is_preemption(continuing_index(rt, enabled, kind), chosen))
    preemptions_.push_back(taken_.size());
  take(kind, enabled.size(), chosen, tail, enabled[chosen]);
  return chosen;
}

// Where the plan is not followed, the i-th choose() gets the plan's i-th value (when it fits):
// moving a preemption moves decisions around, but rarely reorders a program's choices.
std::size_t GuidedStrategy::pick_value(std::size_t n) {
  const std::size_t i = values_seen_++;
  const std::uint32_t tail = i < values_.size() && values_[i] < n ? values_[i] : 0;
  std::uint32_t chosen = tail;
  const std::size_t at = taken_.size();
  if (at < follow_ && at != skip_ && plan_[at].kind == sim::Decision::Value &&
      plan_[at].chosen < n)
    chosen = plan_[at].chosen;
  take(sim::Decision::Value, n, chosen, tail, sim::kNoThread);
  return chosen;
}

}  // namespace weft::checker
