// Witness traces of a search, as the commands write them (`weft outputs --traces DIR`, failures
// found by `weft check` and `weft fuzz`).
#pragma once

#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "checker/trace.hpp"
#include "cli/args.hpp"

namespace weft::cli {

// The trace of scenario `p` run under `opt.setup` following `schedule`, with the scenario, its
// parameters and the `strategy` that found the schedule filled in.
checker::Trace make_trace(const Prepared& p, const checker::Options& opt,
                          const checker::Schedule& schedule, const std::string& strategy);

// Records and writes one witness trace per outcome of `report` as DIR/outcome-1.json, ...,
// creating DIR. All or nothing: when one cannot be written, those already written are removed
// and a UsageError says why. Returns the paths written, in outcome order.
std::vector<std::string> write_outcome_traces(const std::string& dir, const Prepared& p,
                                              const checker::Options& opt,
                                              const checker::Report& report,
                                              const std::string& strategy);

}  // namespace weft::cli
