// weft diff's answer: as text for people, as one JSON document for programs.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "checker/diff.hpp"

namespace weft::cli {

// One side of the comparison as the report names it.
struct DiffSide {
  std::string scenario;
  std::map<std::string, std::string> params;  // resolved values
  sim::Timing timing = sim::Timing::Exact;
  const checker::Report* report = nullptr;
};

// Each side's summary, then the outcomes only in A, only in B and in both, each with its
// executions on each side, then one line of verdict.
void print_diff(std::ostream& os, const DiffSide& a, const DiffSide& b,
                const checker::OutcomeDiff& d);
// The same as one JSON document (docs/json.md); `exit_code` the command's.
void print_diff_json(std::ostream& os, const DiffSide& a, const DiffSide& b,
                     const checker::OutcomeDiff& d, int exit_code);

// "deadlock threads=2, timing exact"
std::string side_name(const DiffSide& s);

}  // namespace weft::cli
