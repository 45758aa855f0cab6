// Random scheduling: at every decision, each enabled thread (or each value of a choose) is
// equally likely. Seeded: the same seed gives the same executions on every machine.
#pragma once

#include <cstdint>

#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class RandomStrategy final : public sim::Strategy {
 public:
  // Starts a run: the next execution draws from `seed` alone.
  void reseed(std::uint64_t seed) { rng_ = Rng(seed); }

  // Every execution draws on from the previous one's state (reseed() starts a run afresh).
  bool next_execution(sim::Plan&) override {
    schedule_.clear();
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;

  // The schedule of the execution that just ran.
  const Schedule& schedule() const override { return schedule_; }

 private:

  Rng rng_;
  Schedule schedule_;
};

}  // namespace weft::checker
