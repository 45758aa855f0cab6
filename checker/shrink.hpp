// Shrinking a failing schedule found by fuzzing, so that the report shows a short story with few
// preemptions instead of whatever the random walk did.
//
// Every candidate is a prefix of the failing schedule followed by the non-preemptive tail of
// GuidedStrategy (stay on the running thread while it can, else the lowest id). Cutting the
// schedule at one of its preemptions removes that preemption and every later one; cutting it
// elsewhere truncates what it did after that point. Only the decisions where the failing schedule
// departed from what the tail would have done give new candidates, and a shorter prefix never
// has more preemptions, so trying those cut points from the first on and keeping the first that
// fails the same way (with fewer preemptions, or as many and fewer steps) gives the fewest
// preemptions this family of candidates can reach.
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

// Shrinks `failing`, a schedule on which `body` fails under `setup`, keeping the failure's kind
// (checker/failure.hpp). Runs at most `max_attempts` candidates.
Shrunk shrink(const std::function<void()>& body, const sim::ExecutionSetup& setup,
              const Schedule& failing, const FailurePolicy& policy,
              std::uint64_t max_attempts = 2000);

}  // namespace weft::checker
