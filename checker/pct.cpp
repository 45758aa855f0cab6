#include "checker/pct.hpp"

#include <algorithm>
#include <cmath>

#include "sim/runtime.hpp"

namespace weft::checker {

void PctStrategy::reseed(std::uint64_t seed) {
  rng_ = Rng(seed);
  priorities_.clear();
  draw_change_points();
}

// d-1 distinct steps in [1, k] (all of them when k < d-1); the i-th drawn gives priority i.
void PctStrategy::draw_change_points() {
  change_points_.clear();
  const std::uint64_t want = std::min<std::uint64_t>(depth_ - 1, max_steps_);
  while (change_points_.size() < want) {
    const std::uint64_t step = 1 + rng_.below(max_steps_);
    const bool taken = std::any_of(change_points_.begin(), change_points_.end(),
                                   [step](const auto& c) { return c.first == step; });
    if (!taken) change_points_.emplace_back(step, change_points_.size() + 1);
  }
  std::sort(change_points_.begin(), change_points_.end());
}

bool PctStrategy::next_execution(sim::Plan&) {
  next_change_ = 0;
  steps_ = 0;
  schedule_.clear();
  return true;
}

// Initial priorities lie above every change point's (at least d); drawn from 2^62 values, two
// threads share one only by a negligible chance, and then the older one wins.
void PctStrategy::prioritize_new_threads(const sim::Runtime& rt) {
  while (priorities_.size() < rt.thread_count())
    priorities_.push_back(depth_ + rng_.below(std::uint64_t{1} << 62));
}

std::size_t PctStrategy::highest(std::span<const sim::ThreadId> enabled) const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < enabled.size(); ++i)
    if (priorities_[enabled[i]] > priorities_[enabled[best]]) best = i;
  return best;
}

std::size_t PctStrategy::pick(const sim::Runtime& rt, const sim::Request& r) {
  if (r.kind != sim::Decision::Value) return pick_thread(rt, r.threads(), r.kind);
  // Data choices are not the paper's concern: each value is equally likely.
  const auto v = static_cast<std::uint32_t>(rng_.below(r.options));
  schedule_.push_back(Choice{sim::Decision::Value, v, static_cast<std::uint32_t>(r.options)});
  return v;
}

std::size_t PctStrategy::pick_thread(const sim::Runtime& rt,
                                     std::span<const sim::ThreadId> enabled,
                                     sim::Decision kind) {
  prioritize_new_threads(rt);
  max_steps_ = std::max(max_steps_, ++steps_);
  if (next_change_ < change_points_.size() && change_points_[next_change_].first == steps_) {
    priorities_[enabled[highest(enabled)]] = change_points_[next_change_].second;
    ++next_change_;
  }
  const std::size_t i = highest(enabled);
  schedule_.push_back(Choice{kind, static_cast<std::uint32_t>(i),
                             static_cast<std::uint32_t>(enabled.size())});
  return i;
}

double pct_probability(std::size_t n, std::uint64_t k, std::uint32_t d) {
  const double nn = static_cast<double>(std::max<std::size_t>(n, 1));
  const double kk = static_cast<double>(std::max<std::uint64_t>(k, 1));
  return 1.0 / (nn * std::pow(kk, static_cast<double>(d > 0 ? d - 1 : 0)));
}

}  // namespace weft::checker
