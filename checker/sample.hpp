// A uniform sample of K outcomes among those a search does not keep, in memory for K of them:
// reservoir sampling (Vitter, "Random Sampling with a Reservoir", ACM TOMS 1985, Algorithm R).
// The i-th outcome offered replaces a random one of the K held with probability K/i, so each of
// the n offered is held at the end with probability K/n. The generator is seeded: the same search
// with the same seed gives the same sample.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

struct OutcomeGroup;

class Reservoir {
 public:
  Reservoir(std::size_t k, std::uint64_t seed);

  // Offers a distinct outcome, `number` its place among all distinct outcomes (from 1).
  void offer(const sim::Outcome& o, const Schedule& witness, std::uint64_t number);
  // The sample, in order of discovery; its groups' counts are 0 (not counted).
  std::vector<OutcomeGroup> take();

 private:
  std::size_t k_;
  Rng rng_;
  std::uint64_t offered_ = 0;
  std::vector<OutcomeGroup> held_;
};

}  // namespace weft::checker
