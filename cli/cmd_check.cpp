// weft check: look for deadlocks, livelocks and failed checks, exhaustively (dfs) or by fuzzing
// (random, pct); on a failure, show it, write its trace and say how to replay it. The search runs
// in a supervised child (cli/supervisor.hpp): a crash or a runaway in user code is a failure too.
#include <chrono>
#include <functional>
#include <iostream>
#include <sstream>

#include "checker/explore.hpp"
#include "checker/fuzz.hpp"
#include "checker/split.hpp"
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/expected.hpp"
#include "cli/cut_short.hpp"
#include "cli/description.hpp"
#include "cli/verdict_json.hpp"
#include "cli/progress.hpp"
#include "cli/shard_run.hpp"

namespace weft::cli {

namespace {

// The lock-order warnings after the check's own verdict, their text at the end of its details.
void add_lock_order(Verdict& v, const Prepared& p, const checker::Options& opt,
                    const sim::Outcome* failure) {
  v.lock_order = judge_lock_order(p, opt, failure, v.trace);
  std::ostringstream os;
  print_lock_order(os, v.lock_order);
  if (v.details.empty()) v.details = v.headline + "\n";
  v.details += os.str();
}

Verdict search(const Prepared& p, checker::Options opt, const std::string& strategy,
               const std::string& trace, bool quiet, unsigned jobs, const ShardArgs& shard) {
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  if (strategy == "dfs") {
    checker::Report r;
    {
      const StatusLine line(opt, p, status_mode(quiet));
      if (!shard.shard.empty()) {
        r = run_shard("check", p, opt, shard).report;
      } else if (jobs > 1) {
        r = checker::explore_on_jobs(body, opt, jobs);
      } else {
        r = opt.iterate_bound ? checker::explore_iterating(body, opt) : checker::explore(body, opt);
      }
    }
    Verdict v = conclude_search(p, opt, r, trace);
    // Without a failure, what the outcomes were: the statuses reached, and the output's shape.
    if (v.details.empty()) {
      std::ostringstream os;
      os << v.headline << "\n";
      print_description(os, r);
      v.details = os.str();
    }
    add_lock_order(v, p, opt, r.failure ? &r.outcomes[*r.failure].outcome : nullptr);
    return v;
  }
  const auto fuzzer = strategy == "random" ? checker::Fuzzer::Random
                      : strategy == "pos"  ? checker::Fuzzer::Pos
                                           : checker::Fuzzer::Pct;
  checker::FuzzReport r;
  {
    const StatusLine line(opt, p, status_mode(quiet), "run");
    r = checker::fuzz(body, opt, fuzzer, jobs);
  }
  Verdict v = conclude_fuzz(p, opt, r, trace);
  add_lock_order(v, p, opt, r.failure ? &r.failure->shrunk.outcome : nullptr);
  return v;
}

// The verdict as text, or with --json as the one document of weft check.
void show(const CheckArgs& ca, const Prepared& p, const std::string& strategy, const Verdict& v,
          std::chrono::steady_clock::time_point started) {
  if (!ca.json) return print_verdict(std::cout, v);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  print_verdicts_json(std::cout, "check",
                      {{p.scenario->name, p.params.values(), strategy, v, took.count()}},
                      v.exit_code);
}

}  // namespace

int cmd_check(const RunArgs& ra, const CheckArgs& ca) {
  const std::string strategy = check_strategy(ca, "dfs");
  const Prepared p = prepare(ra);
  checker::Options opt = check_options(ra, ca, p, strategy);
  const ShardArgs shard{strategy == "dfs" ? ca.shard : "", ca.result, ca.checkpoint};
  if (strategy == "dfs") check_shard_args(shard, opt, ca.jobs);
  // A shard, or a thread, searches its prefixes with the reduction (checker/split.hpp).
  if (strategy == "dfs" && (!shard.shard.empty() || ca.jobs > 1)) opt.state_caching = false;
  const std::string trace = ca.trace_out.empty() ? default_trace_path(p.scenario->name)
                                                 : ca.trace_out;
  const Supervision sup{ca.runaway_after, opt.time_budget};
  const auto started = std::chrono::steady_clock::now();
  const ChildEnd end = supervise(
      [&] {
        const Verdict v =
            note_expected(*p.scenario, search(p, opt, strategy, trace, ca.quiet, ca.jobs, shard));
        show(ca, p, strategy, v, started);
        return v.exit_code;
      },
      sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  const Verdict v = note_expected(*p.scenario, cut_short_verdict(end, p, opt, strategy, trace, sup));
  show(ca, p, strategy, v, started);
  return v.exit_code;
}

}  // namespace weft::cli
