#include "checker/sample.hpp"

#include <algorithm>

#include "checker/explore.hpp"

namespace weft::checker {

// The seed is mixed so that a sample and a fuzzing run under the same --seed draw apart.
Reservoir::Reservoir(std::size_t k, std::uint64_t seed) : k_(k), rng_(seed ^ 0x73616d706c65ULL) {}

void Reservoir::offer(const sim::Outcome& o, const Schedule& witness, std::uint64_t number) {
  if (k_ == 0) return;
  ++offered_;
  if (held_.size() < k_) {
    held_.push_back(OutcomeGroup{o, 0, witness, number});
    return;
  }
  const std::uint64_t slot = rng_.below(offered_);
  if (slot < k_) held_[slot] = OutcomeGroup{o, 0, witness, number};
}

std::vector<OutcomeGroup> Reservoir::take() {
  std::sort(held_.begin(), held_.end(),
            [](const OutcomeGroup& a, const OutcomeGroup& b) { return a.number < b.number; });
  return std::move(held_);
}

}  // namespace weft::checker
