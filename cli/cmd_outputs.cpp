// weft outputs: every possible outcome.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <optional>

#include "checker/explore.hpp"
#include "checker/memory.hpp"
#include "checker/output_count.hpp"
#include "checker/split.hpp"
#include "cli/commands.hpp"
#include "cli/cut_short.hpp"
#include "cli/lanes.hpp"
#include "cli/pictures.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/shard_run.hpp"
#include "cli/steps.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

namespace {

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

// The distinct outcomes of an exact search whose listing a budget cut, counted without listing
// them; unset when the count does not finish (within what is left of the command's budget).
std::optional<checker::Count> counted(const std::function<void()>& body,
                                      const checker::Options& opt, const checker::Report& listing) {
  if (listing.cut_by != "max-executions" && listing.cut_by != "time-budget") return std::nullopt;
  checker::OutputCountOptions co;
  co.setup = opt.setup;
  co.max_memory = opt.max_memory;
  co.max_executions = UINT64_MAX;
  // A state of the graph and a set of the count take a few hundred bytes each: together within
  // a quarter of the memory limit, like the search's own tables.
  const std::uint64_t limit = opt.max_memory != 0 ? opt.max_memory : checker::default_max_memory();
  const std::uint64_t bytes = limit / 4;
  co.max_states = bytes / 512;
  co.max_sets = bytes / 512;
  co.max_count_bytes = bytes;
  co.time_budget = checker::kCountSeconds;
  if (opt.time_budget > 0)
    co.time_budget = std::min(co.time_budget, opt.time_budget - listing.seconds);
  if (co.time_budget <= 0) return std::nullopt;
  const checker::OutputCount c = checker::count_outputs(body, co);
  if (!c.exact) return std::nullopt;
  return c.distinct;
}

bool is_failure(sim::Status s) { return s != sim::Status::Ok && s != sim::Status::Limit; }

// The listed outcome --lanes draws: the one asked for, or the first failure, or the first.
const checker::OutcomeGroup& chosen(const checker::Report& report, std::size_t number) {
  for (const checker::OutcomeGroup& g : report.outcomes)
    if (number != 0 ? g.number == number : is_failure(g.outcome.status)) return g;
  if (number != 0 || report.outcomes.empty())
    throw UsageError("--outcome " + std::to_string(number) + ": the listing has outcomes 1 to " +
                     std::to_string(report.outcomes.size()) + " (--max-list N lists more)");
  return report.outcomes.front();
}

// --lanes: the chosen outcome's witness execution, drawn.
int draw(const Prepared& p, const checker::Options& opt, const checker::Report& report,
         std::size_t number) {
  const checker::OutcomeGroup& g = chosen(report, number);
  const checker::Trace t = make_trace(p, opt, g.witness, "dfs");
  std::cout << "outcome " << g.number << " of " << report.distinct << ": "
            << sim::status_name(g.outcome.status) << " (" << g.count
            << (g.count == 1 ? " execution" : " executions") << "; --outcome K draws another)\n\n";
  print_lanes(std::cout, t.events, t.outcome, LaneStyle{80, colour_on_stdout()});
  return exit_code(report);
}

// --perfetto, --html: the chosen outcome's witness, and for --html every listed outcome's.
void write_outcome_pictures(const Prepared& p, const checker::Options& opt,
                            const checker::Report& report, const ViewArgs& va) {
  const checker::OutcomeGroup& pick = chosen(report, va.outcome);
  std::vector<Witness> listed;
  std::size_t at = 0;
  for (const checker::OutcomeGroup& g : report.outcomes) {
    if (&g == &pick) at = listed.size();
    if (&g != &pick && va.files.html.empty()) continue;
    listed.push_back({g.number, g.count,
                      "outcome " + std::to_string(g.number) + " of " + std::to_string(report.distinct),
                      make_trace(p, opt, g.witness, "dfs")});
  }
  write_pictures(va.files, program_title(p.scenario->name, p.params.values()), listed, at);
}

// --times: each listed outcome's stdout lines, timed in its witness execution.
std::map<std::size_t, std::vector<double>> line_times(const Prepared& p,
                                                      const checker::Options& opt,
                                                      const checker::Report& report) {
  std::map<std::size_t, std::vector<double>> out;
  for (const checker::OutcomeGroup& g : report.outcomes) {
    const checker::Trace t = make_trace(p, opt, g.witness, "dfs");
    out[g.number] = stdout_line_times(t.events, g.outcome.out);
  }
  return out;
}

int outputs(const Prepared& p, const SearchArgs& sa, const TraceArgs& ta, const ViewArgs& va,
            checker::Options opt) {
  stream_outcomes(opt);
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  checker::Report report;
  const bool sharded = !sa.sharding.shard.empty();
  {
    const StatusLine line(opt, p, status_mode(sa.quiet));
    if (sharded) {
      report = run_shard("outputs", p, opt, sa.sharding).report;
    } else if (sa.jobs > 1) {
      report = checker::explore_on_jobs(body, opt, sa.jobs);
    } else {
      report = checker::explore(body, opt);
    }
  }
  // Traces first: when they cannot be written the command fails before reporting anything.
  std::vector<std::string> traces;
  if (!ta.dir.empty()) traces = write_outcome_traces(ta.dir, p, opt, report, "dfs");
  if (va.files.any()) write_outcome_pictures(p, opt, report, va);
  if (va.lanes) return draw(p, opt, report, va.outcome);
  ReportContext ctx{s.name, params.values(), opt.setup.timing, {}, {}};
  if (va.times) ctx.stdout_times = line_times(p, opt, report);
  // A shard's outcomes are part of the search's: neither is compared with the untimed model.
  if (opt.setup.timing == sim::Timing::Exact && report.complete && !sharded)
    ctx.untimed_further = untimed_further(body, opt, report);
  if (opt.setup.timing == sim::Timing::Exact && !report.complete && !report.counted && !sharded)
    ctx.counted = counted(body, opt, report);
  if (sa.json) {
    print_json(std::cout, ctx, report);
  } else {
    print_text(std::cout, ctx, report);
    if (!traces.empty())
      std::cout << "traces: " << traces.front()
                << (traces.size() > 1 ? " ... " + traces.back() : std::string())
                << " (" << replay_command("FILE") << " tells how one came about)\n";
  }
  return exit_code(report);
}

}  // namespace

// The search runs in a supervised child (cli/supervisor.hpp): a crash or a runaway in user code
// is reported with the outcomes found until then.
int cmd_outputs(const RunArgs& ra, const SearchArgs& sa, const TraceArgs& ta,
                const ViewArgs& va) {
  const Prepared p = prepare(ra);
  checker::Options opt = search_options(ra, sa, p);
  check_shard_args(sa.sharding, opt, sa.jobs);
  // A shard, or a thread, searches its prefixes with the reduction (checker/split.hpp).
  opt.state_caching =
      !sa.no_reduction && !sa.no_state_caching && sa.sharding.shard.empty() && sa.jobs == 1;
  opt.reduction_first = checker::kReductionFirst;
  opt.count_unlisted = true;
  const Supervision sup{sa.runaway_after, opt.time_budget};
  const ChildEnd end = supervise([&] { return outputs(p, sa, ta, va, opt); }, sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  return report_cut_outputs(end, p, opt, ta.dir, sup, sa.json);
}

}  // namespace weft::cli
