// weft possible: can the program print exactly that?
#include <iostream>

#include "checker/possible.hpp"
#include "checker/trace.hpp"
#include "cli/commands.hpp"
#include "cli/cut_short.hpp"
#include "cli/interrupt.hpp"
#include "cli/progress.hpp"
#include "cli/report.hpp"
#include "cli/traces.hpp"
#include "cli/why_not_report.hpp"

namespace weft::cli {

namespace {

checker::Target make_target(const PossibleArgs& pa) {
  checker::Target t;
  t.out = read_input_file(pa.stdout_file, "stdout");
  t.exact_bytes = pa.exact_bytes;
  for (const std::string& kv : pa.files) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size())
      throw UsageError("--file '" + kv + "' is not of the form NAME=PATH");
    t.files[kv.substr(0, eq)] = read_input_file(kv.substr(eq + 1), "--file");
  }
  return t;
}

int possible(const Prepared& p, const SearchArgs& sa, const PossibleArgs& pa,
             const checker::Target& target, const checker::Options& opt) {
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  checker::PossibleResult r;
  {
    checker::Options watched = opt;
    const StatusLine line(watched, p, status_mode(sa.quiet));
    r = checker::find_output([&s, &params] { s.body(params); }, target, watched);
  }
  const bool possible = r.answer == checker::PossibleResult::Answer::Possible;
  // The trace first (the witness, or the closest execution when there is none): when it cannot
  // be written the command fails before reporting anything.
  const bool traced = possible || r.why_not.seen;
  const std::string path = !traced                 ? std::string()
                           : !pa.trace_out.empty() ? pa.trace_out
                           : possible              ? "weft-witness-" + s.name + ".json"
                                                   : "weft-closest-" + s.name + ".json";
  if (traced) {
    try {
      checker::write_trace(path, make_trace(p, opt, possible ? r.witness : r.why_not.closest,
                                            "possible"));
    } catch (const checker::TraceError& e) {
      throw UsageError(e.what());
    }
  }
  const int code = possible ? 0 : r.answer == checker::PossibleResult::Answer::Impossible ? 1 : 4;
  if (sa.json) {
    print_possible_json(std::cout, ReportContext{s.name, params.values()}, r, path);
    return code;
  }
  const std::string searched = std::to_string(r.executions) + " executions (" +
                               std::to_string(r.pruned) + " abandoned as soon as they went astray, " +
                               std::to_string(r.redundant) + " where nothing new was left)";
  if (possible) {
    std::cout << "possible: an execution prints exactly that (found after " << searched << ")\n";
    print_run(std::cout, r.outcome);
    std::cout << "witness trace: " << path << "  (" << replay_command(path) << ")\n";
  } else if (code == 1) {
    std::cout << "impossible: no execution prints exactly that (every schedule tried: " << searched
              << ")\n";
    print_why_not(std::cout, r.why_not, true, path);
  } else {
    std::cout << "undecided: the search was " << cut_text(r.cut_by) << " after " << searched
              << "; no execution printed exactly that so far\n";
    print_why_not(std::cout, r.why_not, false, path);
  }
  return code;
}

}  // namespace

// The search runs in a supervised child (cli/supervisor.hpp): a crash or a runaway in user code
// is a finding, with its trace.
int cmd_possible(const RunArgs& ra, const SearchArgs& sa, const PossibleArgs& pa) {
  const Prepared p = prepare(ra);
  const checker::Target target = make_target(pa);
  const checker::Options opt = search_options(ra, sa, p);
  const Supervision sup{sa.runaway_after, opt.time_budget};
  const ChildEnd end = supervise([&] { return possible(p, sa, pa, target, opt); }, sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  const std::string trace =
      pa.trace_out.empty() ? "weft-trace-" + p.scenario->name + ".json" : pa.trace_out;
  return report_cut_possible(end, p, opt, trace, sup, sa.json);
}

}  // namespace weft::cli
