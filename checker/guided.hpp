// Follows a prefix of a recorded schedule, then runs without preempting: the continuing thread
// goes on while it can, and when it cannot, the enabled thread with the lowest id runs. Shrinking
// runs failing schedules through it; it counts their preemptions and steps as it goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class GuidedStrategy : public sim::Strategy {
 public:
  // Follows the first `prefix` choices of `schedule` (which must outlive this strategy).
  GuidedStrategy(const Schedule& schedule, std::size_t prefix);

  void begin_execution() override;
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override;
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override;

  // The schedule the execution took.
  const Schedule& schedule() const { return taken_; }
  // Its preemptions.
  std::uint32_t preemptions() const { return preemptions_; }
  // The decisions at which it did not do what the tail would have done: the only places where
  // following a shorter prefix changes anything.
  const std::vector<std::size_t>& departures() const { return departures_; }
  // True if the prefix could not be followed (the program asked for something else there).
  bool diverged() const { return diverged_; }

 private:
  // The recorded choice at this position if it fits, else `fallback`.
  std::uint32_t follow(sim::Decision kind, std::size_t n, std::uint32_t fallback);
  void take(sim::Decision kind, std::size_t n, std::uint32_t chosen, std::uint32_t tail);

  const Schedule& schedule_;
  std::size_t prefix_;
  std::vector<std::uint32_t> values_;  // the recorded choose() values, in order
  std::size_t values_seen_ = 0;
  Schedule taken_;
  std::vector<std::size_t> departures_;
  std::uint32_t preemptions_ = 0;
  bool diverged_ = false;
};

}  // namespace weft::checker
