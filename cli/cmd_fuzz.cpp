// weft fuzz: seeded random, PCT or POS schedules, or the three side by side (--portfolio), on one scenario or on every registered one (with
// its default parameters, each judged against the findings it declares), failures reported with
// their traces, optionally as JUnit XML for CI.
#include <chrono>
#include <functional>
#include <iostream>
#include <vector>

#include "checker/fuzz.hpp"
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/cut_short.hpp"
#include "cli/expected.hpp"
#include "cli/junit.hpp"
#include "cli/notes.hpp"
#include "cli/verdict_json.hpp"
#include "cli/progress.hpp"

namespace weft::cli {

namespace {

std::vector<std::string> scenario_names(const RunArgs& ra, const FuzzArgs& fa) {
  if (fa.all == !ra.scenario.empty())
    throw UsageError(fa.all ? "give a scenario name or --all, not both"
                            : "give a scenario name, or --all for every scenario");
  if (!fa.all) return {ra.scenario};
  if (!ra.params.empty() || !ra.stdin_file.empty())
    throw UsageError("--all fuzzes every scenario with its defaults; -p and --stdin need a name");
  std::vector<std::string> names;
  for (const Scenario* s : Registry::instance().all()) names.push_back(s->name);
  return names;
}

// The worse of two exit codes: a failure (1) over undecided (4) over nothing wrong (0).
int worse(int a, int b) {
  if (a == 1 || b == 1) return 1;
  return a == 4 || b == 4 ? 4 : 0;
}

JunitCase junit_case(const std::string& name, const Verdict& v, double seconds) {
  JunitCase c{name, seconds, v.exit_code == 1, v.headline, v.failure_type, v.details};
  if (c.failed && !v.trace.empty()) c.message += "; trace " + v.trace;
  return c;
}

// One scenario fuzzed in a supervised child (cli/supervisor.hpp), which prints its verdict and
// sends it to the parent; a crash or a runaway in user code is the verdict's failure. With
// `all`, judged against the findings the scenario declares.
Verdict fuzz_one(const Prepared& p, const checker::Options& opt, checker::Fuzzer fuzzer,
                 bool portfolio, const std::string& trace, const CheckArgs& ca, bool all,
                 bool& interrupted) {
  const auto judged = [&p, all](const Verdict& found) {
    return all ? as_declared(*p.scenario, found) : note_expected(*p.scenario, found);
  };
  const Supervision sup{ca.runaway_after, opt.time_budget};
  const ChildEnd end = supervise(
      [&] {
        const Scenario& s = *p.scenario;
        const Params& params = p.params;
        checker::Options watched = opt;
        checker::FuzzReport r;
        {
          const StatusLine line(watched, p, status_mode(ca.quiet), "run");
          const std::function<void()> body = [&s, &params] { s.body(params); };
          r = portfolio ? checker::fuzz_portfolio(body, watched)
                        : checker::fuzz(body, watched, fuzzer, ca.jobs);
        }
        const Verdict v = judged(conclude_fuzz(p, opt, r, trace));
        if (!ca.json) print_verdict(std::cout, v);
        send_note(notes::verdict(v));
        return v.exit_code;
      },
      sup);
  interrupted = end.interrupted;
  if (end.how == ChildEnd::How::Finished) {
    for (const std::string& note : end.notes)
      if (auto v = notes::read_verdict(note)) return *v;
  }
  const Verdict v =
      judged(cut_short_verdict(end, p, opt, portfolio ? "portfolio" : checker::fuzzer_name(fuzzer),
                               trace, sup));
  if (!ca.json) print_verdict(std::cout, v);
  return v;
}

}  // namespace

int cmd_fuzz(const RunArgs& ra, const CheckArgs& ca, const FuzzArgs& fa) {
  if (fa.portfolio && !ca.strategy.empty())
    throw UsageError("--portfolio runs random, pct and pos: not with --strategy");
  if (fa.portfolio && (ca.jobs > 1 || !ca.shard.empty()))
    throw UsageError("--portfolio runs on one thread: not with --jobs or --shard");
  const std::string strategy = fa.portfolio ? "portfolio" : check_strategy(ca, "pct");
  if (strategy == "dfs") throw UsageError("weft fuzz runs random, pct or pos; weft check runs dfs");
  if (fa.all && !ca.trace_out.empty())
    throw UsageError("--trace-out names one trace; with --all each goes to weft-trace-NAME.json");
  const std::vector<std::string> names = scenario_names(ra, fa);
  if (!fa.junit.empty()) check_junit_path(fa.junit);
  CheckArgs each = ca;  // the time budget is shared out evenly
  each.time_budget = ca.time_budget / static_cast<double>(names.size());
  const auto fuzzer = strategy == "random" ? checker::Fuzzer::Random
                      : strategy == "pos"  ? checker::Fuzzer::Pos
                                           : checker::Fuzzer::Pct;
  int code = 0;
  std::vector<JunitCase> cases;
  std::vector<VerdictEntry> entries;  // for --json
  bool interrupted = false;
  for (const std::string& name : names) {
    if (interrupted) break;
    RunArgs one = ra;
    one.scenario = name;
    const Prepared p = prepare(one);
    const checker::Options opt = check_options(one, each, p, fa.portfolio ? "pct" : strategy);
    const auto started = std::chrono::steady_clock::now();
    const Verdict v = fuzz_one(p, opt, fuzzer, fa.portfolio,
                               ca.trace_out.empty() ? default_trace_path(name) : ca.trace_out,
                               ca, fa.all, interrupted);
    code = worse(code, v.exit_code);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    cases.push_back(junit_case(name, v, took.count()));
    if (ca.json) entries.push_back({name, p.params.values(), strategy, v, took.count()});
  }
  if (!fa.junit.empty()) write_junit(fa.junit, "weft fuzz", cases);
  if (ca.json) print_verdicts_json(std::cout, "fuzz", entries, code);
  return code;
}

}  // namespace weft::cli
