// weft check: look for deadlocks, livelocks and failed checks, exhaustively (dfs) or by fuzzing
// (random, pct); on a failure, show it, write its trace and say how to replay it.
#include <functional>
#include <iostream>

#include "checker/explore.hpp"
#include "checker/fuzz.hpp"
#include "cli/check_report.hpp"
#include "cli/commands.hpp"
#include "cli/expected.hpp"

namespace weft::cli {

int cmd_check(const RunArgs& ra, const CheckArgs& ca) {
  const std::string strategy = check_strategy(ca, "dfs");
  const Prepared p = prepare(ra);
  const checker::Options opt = check_options(ra, ca, p, strategy);
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  const std::string trace = ca.trace_out.empty() ? default_trace_path(s.name) : ca.trace_out;
  Verdict v;
  if (strategy == "dfs") {
    v = conclude_search(p, opt, checker::explore(body, opt), trace);
  } else {
    const auto fuzzer = strategy == "pct" ? checker::Fuzzer::Pct : checker::Fuzzer::Random;
    v = conclude_fuzz(p, opt, checker::fuzz(body, opt, fuzzer), trace);
  }
  v = note_expected(s, v);
  print_verdict(std::cout, v);
  return v.exit_code;
}

}  // namespace weft::cli
