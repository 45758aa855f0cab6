// Partial order sampling (POS): X. Yuan, J. Yang and R. Gu, "Partial order aware concurrency
// sampling", CAV 2018. Random scheduling favours the partial orders that many interleavings
// share; POS samples them more evenly. Every pending operation holds a random priority, and the
// enabled thread whose operation has the highest runs. When an operation runs, every pending
// operation that does not commute with it (the dependency relation of the reduced search,
// checker/dpor_relation.hpp) draws a new priority: whether it comes before or after the next
// operation it races with is decided afresh, as a fair coin would decide the order of each race.
// Each thread's next operation draws its own when it is published. choose(n) is uniform.
// Seeded as the other fuzzers: the same seed gives the same schedules on every machine.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/dpor_relation.hpp"
#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class PosStrategy final : public sim::Strategy {
 public:
  // Starts a run: the next execution draws from `seed` alone.
  void reseed(std::uint64_t seed) { rng_ = Rng(seed); }

  // Steps are observed from the start: each publication and each step changes priorities.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override;
  const Schedule& schedule() const override { return schedule_; }

 private:
  struct Pending {
    dpor::Footprint op{};
    std::uint64_t priority = 0;
    bool published = false;
  };
  Pending& slot(sim::ThreadId t);

  Rng rng_;
  std::vector<Pending> threads_;
  Schedule schedule_;
};

}  // namespace weft::checker
