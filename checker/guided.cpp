#include "checker/guided.hpp"

#include "checker/preemption.hpp"

namespace weft::checker {

GuidedStrategy::GuidedStrategy(const Schedule& schedule, std::size_t prefix)
    : schedule_(schedule), prefix_(prefix < schedule.size() ? prefix : schedule.size()) {
  for (const Choice& c : schedule)
    if (c.kind == sim::Decision::Value) values_.push_back(c.chosen);
}

void GuidedStrategy::begin_execution() {
  values_seen_ = 0;
  taken_.clear();
  departures_.clear();
  preemptions_ = 0;
  diverged_ = false;
}

std::uint32_t GuidedStrategy::follow(sim::Decision kind, std::size_t n, std::uint32_t fallback) {
  const std::size_t at = taken_.size();
  if (at >= prefix_) return fallback;
  const Choice& c = schedule_[at];
  if (c.kind == kind && c.options == n && c.chosen < n) return c.chosen;
  diverged_ = true;
  return fallback;
}

void GuidedStrategy::take(sim::Decision kind, std::size_t n, std::uint32_t chosen,
                          std::uint32_t tail) {
  if (chosen != tail) departures_.push_back(taken_.size());
  taken_.push_back(Choice{kind, chosen, static_cast<std::uint32_t>(n)});
}

std::size_t GuidedStrategy::pick_thread(const sim::Runtime& rt,
                                        std::span<const sim::ThreadId> enabled,
                                        sim::Decision kind) {
  // The tail stays on the thread that ran last when it can (at a timer tie as well, though
  // there that is no preemption), else takes the lowest id.
  std::size_t last = continuing_index(rt, enabled, sim::Decision::Thread);
  const auto tail = static_cast<std::uint32_t>(last == kNoCurrent ? 0 : last);
  const std::uint32_t chosen = follow(kind, enabled.size(), tail);
  if (is_preemption(continuing_index(rt, enabled, kind), chosen)) ++preemptions_;
  take(kind, enabled.size(), chosen, tail);
  return chosen;
}

// The tail gives the i-th choose() the value the recorded schedule's i-th choose() had (when it
// fits): removing a preemption moves decisions around, but rarely reorders a thread's choices.
std::size_t GuidedStrategy::pick_value(const sim::Runtime&, std::size_t n) {
  const std::size_t i = values_seen_++;
  const std::uint32_t tail = i < values_.size() && values_[i] < n ? values_[i] : 0;
  const std::uint32_t chosen = follow(sim::Decision::Value, n, tail);
  take(sim::Decision::Value, n, chosen, tail);
  return chosen;
}

}  // namespace weft::checker
