// Random scheduling: at every decision, each enabled thread (or each value of a choose) is
// equally likely. Seeded: the same seed gives the same executions on every machine.
#pragma once

#include <cstdint>

#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class RandomStrategy : public sim::Strategy {
 public:
  // Starts a run: the next execution draws from `seed` alone.
  void reseed(std::uint64_t seed) { rng_ = Rng(seed); }

  void begin_execution() override { schedule_.clear(); }
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override;
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override;

  // The schedule of the execution that just ran.
  const Schedule& schedule() const { return schedule_; }

 private:
  std::size_t take(std::size_t n, sim::Decision kind);

  Rng rng_;
  Schedule schedule_;
};

}  // namespace weft::checker
