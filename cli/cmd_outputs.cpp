// weft outputs: every possible outcome.
#include <algorithm>
#include <cstdint>
#include <iostream>

#include "checker/explore.hpp"
#include "cli/commands.hpp"
#include "cli/cut_short.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

namespace {

// Budget of the untimed search that follows a complete exact one: a line of context, so it must
// not keep the user waiting long.
constexpr double kUntimedSeconds = 1.0;
constexpr std::uint64_t kUntimedExecutions = 200000;

// How many outcomes the untimed model has that the exact search did not find; -1 when the
// untimed search was cut by its budget, or either count is only a lower bound. The two sets are
// compared by fingerprint: every distinct outcome of each has one.
std::int64_t untimed_further(const std::function<void()>& body, checker::Options opt,
                             const checker::Report& exact) {
  opt.setup.timing = sim::Timing::Untimed;
  opt.on_outcome = nullptr;  // the parent hears of the exact search's outcomes only
  // Within what is left of the command's own budget, which its supervisor keeps.
  if (opt.time_budget > 0 && opt.time_budget - exact.seconds <= 0) return -1;
  opt.time_budget = opt.time_budget > 0
                        ? std::min(opt.time_budget - exact.seconds, kUntimedSeconds)
                        : kUntimedSeconds;
  opt.max_executions = std::min(opt.max_executions, kUntimedExecutions);
  opt.keep_outcomes = 0;
  const checker::Report untimed = checker::explore(body, opt);
  if (!untimed.complete || untimed.counting == checker::Counting::LowerBound ||
      exact.counting == checker::Counting::LowerBound)
    return -1;
  std::int64_t further = 0;
  untimed.fingerprints.for_each([&](std::uint64_t fp) {
    if (!exact.fingerprints.contains(fp)) ++further;
  });
  return further;
}

int outputs(const Prepared& p, const SearchArgs& sa, const TraceArgs& ta,
            checker::Options opt) {
  stream_outcomes(opt);
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  checker::Report report;
  {
    const StatusLine line(opt, p, status_mode(sa.quiet));
    report = checker::explore(body, opt);
  }
  // Traces first: when they cannot be written the command fails before reporting anything.
  std::vector<std::string> traces;
  if (!ta.dir.empty()) traces = write_outcome_traces(ta.dir, p, opt, report, "dfs");
  ReportContext ctx{s.name, params.values(), opt.setup.timing, {}};
  if (opt.setup.timing == sim::Timing::Exact && report.complete)
    ctx.untimed_further = untimed_further(body, opt, report);
  if (sa.json) {
    print_json(std::cout, ctx, report);
  } else {
    print_text(std::cout, ctx, report);
    if (!traces.empty())
      std::cout << "traces: " << traces.front()
                << (traces.size() > 1 ? " ... " + traces.back() : std::string())
                << " (weft replay FILE tells how one came about)\n";
  }
  return exit_code(report);
}

}  // namespace

// The search runs in a supervised child (cli/supervisor.hpp): a crash or a runaway in user code
// is reported with the outcomes found until then.
int cmd_outputs(const RunArgs& ra, const SearchArgs& sa, const TraceArgs& ta) {
  const Prepared p = prepare(ra);
  checker::Options opt = search_options(ra, sa, p);
  opt.state_caching = !sa.no_reduction && !sa.no_state_caching;
  opt.reduction_first = checker::kReductionFirst;
  const Supervision sup{sa.runaway_after, opt.time_budget};
  const ChildEnd end = supervise([&] { return outputs(p, sa, ta, opt); }, sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  return report_cut_outputs(end, p, opt, ta.dir, sup, sa.json);
}

}  // namespace weft::cli
