// What `weft stress` shows: the distinct outcomes real runs produced, with counts, in the
// formats of `weft outputs`; with --against-model, how they compare with the models.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "checker/explore.hpp"
#include "cli/args.hpp"
#include "cli/conformance.hpp"
#include "cli/report.hpp"

namespace weft::cli {

// Whether a hung real outcome is a deadlock or livelock of the untimed model (searched for by
// its exact output when the whole model was not listed).
struct HungCheck {
  std::size_t outcome = 0;   // index into StressResult::outcomes
  bool found = false;        // the model has a deadlock or livelock with exactly this output
  bool undecided = false;    // the search's budget ran out first
  sim::Outcome model;        // when found: the model's outcome (blocked threads, cycle)
  double cpu_seconds = -1;   // the CPU time the (first such) run's processes used
};

// Looks the hung real outcome `o` up in the untimed model of `p` (seed `seed`).
HungCheck look_up_hung(const Prepared& p, std::uint64_t seed, const sim::Outcome& o);
// What a hung run was, as the model tells it: its CPU time, then the model's deadlock or
// livelock with its output (the threads and what each waits for), or that there is none.
void print_hung_check(std::ostream& os, const HungCheck& h);

struct StressResult {
  std::vector<checker::OutcomeGroup> outcomes;  // real outcomes, in order of first appearance
  std::uint64_t runs = 0;
  std::size_t jobs = 1;
  double time_scale = 1;
  double timeout = 0;
  bool perturb = false;
  std::uint64_t seed = 0;  // the scenario's random seed, and the perturbation's
  double seconds = 0;      // wall-clock time of the real runs
  // With --against-model: the two models and how reality compares with them.
  std::optional<checker::Report> untimed, exact;
  Conformance conformance;
  // Without --against-model: each hung outcome, looked up in the untimed model.
  std::vector<HungCheck> hung;
};

// Adds one real run's outcome to the groups.
void add_run(std::vector<checker::OutcomeGroup>& groups, const sim::Outcome& o);

void print_stress_text(std::ostream& os, const ReportContext& ctx, const StressResult& r);
void print_stress_json(std::ostream& os, const ReportContext& ctx, const StressResult& r);
// 1 when a run hung or failed, or (against the model) reality left the untimed model; else 0.
int stress_exit_code(const StressResult& r);

}  // namespace weft::cli
