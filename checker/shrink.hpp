// Shrinking a failing schedule found by fuzzing, so that the report tells a short story with few
// preemptions instead of whatever the random walk did.
//
// Candidates run through GuidedStrategy, which follows the failing schedule by thread identity
// and otherwise stays on the running thread while it can:
// - removing one preemption: at that decision the running thread goes on instead, and the rest
//   of the schedule is followed wherever it still fits;
// - truncating: the schedule's first m decisions, then no preemption at all (only the m where
//   the schedule departed from that tail give new candidates).
// A candidate is kept when it fails the same way (checker/failure.hpp) with fewer preemptions, or
// as many and fewer steps; the search starts again from it until no candidate improves.
// Preemption removal comes first: it is what makes a schedule easy to follow.
#pragma once

#include <cstdint>
#include <functional>

#include "checker/failure.hpp"
#include "checker/schedule.hpp"
#include "sim/outcome.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

// A failing schedule after shrinking, and what shrinking gained.
struct Shrunk {
  Schedule schedule;      // still fails the same way
  sim::Outcome outcome;   // its outcome
  std::uint32_t preemptions_before = 0, preemptions_after = 0;
  std::uint64_t steps_before = 0, steps_after = 0;  // visible operations executed
  std::uint64_t attempts = 0;                       // executions shrinking ran
};

// Shrinks `failing`, a schedule on which `body` fails under `setup`, keeping the failure's kind.
// Runs at most `max_attempts` executions.
Shrunk shrink(const std::function<void()>& body, const sim::ExecutionSetup& setup,
              const Schedule& failing, const FailurePolicy& policy,
              std::uint64_t max_attempts = 2000);

}  // namespace weft::checker
