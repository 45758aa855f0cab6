// Follows a plan of decisions, except where told not to, and runs without preempting where it
// does not follow: the thread that ran last goes on while it can, and when it cannot, the
// enabled thread with the lowest id runs. Shrinking runs candidate schedules through it; it
// records what it took as a new plan, with its preemptions and the places it departed from the
// non-preemptive tail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"

namespace weft::checker {

// One decision as a plan keeps it: the index chosen, and for thread picks the thread's id, so
// that a plan can still be followed after the decisions before it have moved.
struct Planned {
  sim::Decision kind;
  std::uint32_t chosen;   // index among the options; for choose(n), the value
  std::uint32_t options;
  sim::ThreadId thread;   // the thread picked; kNoThread for values or when not known yet
};
using Plan = std::vector<Planned>;

// A Schedule as a plan to follow by index (thread ids not known yet).
Plan plan_of(const Schedule& schedule);

class GuidedStrategy final : public sim::Strategy {
 public:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  // Follows decisions [0, follow) of `plan` (which must outlive this strategy) but `skip`, where
  // it stays on the running thread instead. By thread when the plan has ids, else by index; a
  // planned decision that does not fit (another kind, a thread not enabled) is taken as the
  // tail would.
  GuidedStrategy(const Plan& plan, std::size_t follow, std::size_t skip = kNone);

  // Every execution follows the plan afresh.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;

  // What the execution took: as a schedule, and as a plan with thread ids.
  const Schedule& schedule() const override { return schedule_; }
  const Plan& taken() const { return taken_; }
  // Where it preempted (decision indexes), in order.
  const std::vector<std::size_t>& preemptions() const { return preemptions_; }
  // Where it did not do what the tail would have done: the only places where following a
  // shorter part of its plan changes anything.
  const std::vector<std::size_t>& departures() const { return departures_; }

 private:
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind);
  std::size_t pick_value(std::size_t n);
  std::uint32_t planned_thread(std::span<const sim::ThreadId> enabled, sim::Decision kind,
                               std::uint32_t fallback) const;
  void take(sim::Decision kind, std::size_t n, std::uint32_t chosen, std::uint32_t tail,
            sim::ThreadId thread);

  const Plan& plan_;
  std::size_t follow_, skip_;
  std::vector<std::uint32_t> values_;  // the plan's choose() values, in order
  std::size_t values_seen_ = 0;
  Schedule schedule_;
  Plan taken_;
  std::vector<std::size_t> preemptions_, departures_;
};

}  // namespace weft::checker
