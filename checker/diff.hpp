// Two searches' outcomes side by side (weft diff): those only the first reached, those only the
// second reached, and those both did, each with how many executions reached it on each side.
// Outcomes are matched by their identity (sim::Outcome::same_as): status, message, stdout,
// stderr and files.
#pragma once

#include <vector>

#include "checker/explore.hpp"

namespace weft::checker {

struct OutcomeDiff {
  // One outcome: its group in each search that reached it (null in the other).
  struct Row {
    const OutcomeGroup* a = nullptr;
    const OutcomeGroup* b = nullptr;
  };
  std::vector<Row> only_a, only_b, both;  // in each side's order of discovery (a's for both)
  // Each search listed every distinct outcome it met in full, and was complete: the sets above
  // are every outcome's, exactly.
  bool complete_a = false, complete_b = false;

  bool equal() const { return only_a.empty() && only_b.empty(); }
};

// Compares the outcomes `a` and `b` list; both must outlive the result.
OutcomeDiff diff_outcomes(const Report& a, const Report& b);

// The search listed every distinct outcome it met, and met every one.
bool lists_every_outcome(const Report& r);

}  // namespace weft::checker
