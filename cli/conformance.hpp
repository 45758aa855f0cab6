// Does reality stay inside the model? Real runs are compared with the untimed model, which must
// contain every behaviour on any machine (DESIGN.md, Semantics 2), and with the exact model,
// the textbook answer, which a loaded machine (or a small --time-scale) may stray from.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "checker/explore.hpp"

namespace weft::cli {

// Whether a real outcome is the model outcome `model`: the same stdout, stderr and files, and
// the same status and message; except that a run killed as hung matches a deadlock or livelock
// with the same output (a program that can never end prints nothing more).
bool real_matches_model(const sim::Outcome& real, const sim::Outcome& model);

struct Conformance {
  // Per real outcome group: the index of the untimed model outcome it is, if any.
  std::vector<std::optional<std::size_t>> untimed;
  // Per real outcome group: whether the exact model has it too.
  std::vector<bool> in_exact;
  // Per untimed model outcome: real runs that reached it.
  std::vector<std::uint64_t> coverage;

  // Every real outcome is an untimed model outcome.
  bool conforms() const;
};

Conformance compare(const std::vector<checker::OutcomeGroup>& real,
                    const checker::Report& untimed, const checker::Report& exact);

}  // namespace weft::cli
