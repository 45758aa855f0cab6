// weft diff: two scenarios (or one under two parameter sets or timing models) searched in full,
// their outcomes side by side.
#include <iostream>

#include "checker/diff.hpp"
#include "cli/commands.hpp"
#include "cli/diff_report.hpp"
#include "cli/progress.hpp"
#include "cli/supervisor.hpp"

namespace weft::cli {

namespace {

// One side: its scenario resolved and the options of its search.
struct Side {
  Prepared prepared;
  checker::Options options;
};

Side side_of(const RunArgs& ra, const SearchArgs& sa) {
  Side s{prepare(ra), {}};
  s.options = search_options(ra, sa, s.prepared);
  // Every outcome in full: a difference is shown, not counted.
  s.options.keep_outcomes = checker::kKeepAll;
  s.options.describe_lines = 0;
  s.options.state_caching = !sa.no_reduction && !sa.no_state_caching;
  // The reduction first, as weft outputs and weft check search (docs/state-caching.md, "Choosing
  // the search"): either search alone is complete.
  s.options.reduction_first = checker::kReductionFirst;
  return s;
}

checker::Report search(const Side& side, bool quiet) {
  const Scenario& s = *side.prepared.scenario;
  const Params& params = side.prepared.params;
  checker::Options watched = side.options;
  const StatusLine line(watched, side.prepared, status_mode(quiet));
  return checker::explore([&s, &params] { s.body(params); }, watched);
}

DiffSide described(const Side& side, const checker::Report& r) {
  return DiffSide{side.prepared.scenario->name, side.prepared.params.values(),
                  side.options.setup.timing, &r};
}

int diff(const Side& a, const Side& b, const SearchArgs& sa) {
  const checker::Report ra = search(a, sa.quiet);
  const checker::Report rb = search(b, sa.quiet);
  const checker::OutcomeDiff d = checker::diff_outcomes(ra, rb);
  const int code = !d.complete_a || !d.complete_b ? 4 : d.equal() ? 0 : 1;
  if (sa.json)
    print_diff_json(std::cout, described(a, ra), described(b, rb), d, code);
  else
    print_diff(std::cout, described(a, ra), described(b, rb), d);
  return code;
}

}  // namespace

// Both searches run in one supervised child (cli/supervisor.hpp): user code that crashes or runs
// away leaves the comparison undecided.
int cmd_diff(const RunArgs& ra, const RunArgs& rb, const SearchArgs& sa) {
  const Side a = side_of(ra, sa);
  const Side b = side_of(rb, sa);
  // Each search has the whole budget; the child, both of them.
  const Supervision sup{sa.runaway_after, 2 * a.options.time_budget};
  const ChildEnd end = supervise([&] { return diff(a, b, sa); }, sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  std::cout << "undecided: a search was cut short (" << end.message
            << "); weft outputs on each side says which and how\n";
  return 4;
}

}  // namespace weft::cli
