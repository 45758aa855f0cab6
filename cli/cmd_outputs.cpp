// weft outputs: every possible outcome.
#include <iostream>

#include "checker/explore.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

int cmd_outputs(const RunArgs& ra, const SearchArgs& sa, const TraceArgs& ta) {
  Prepared p = prepare(ra);
  const checker::Options opt = search_options(ra, sa, p);
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  const checker::Report report = checker::explore(body, opt);
  // Traces first: when they cannot be written the command fails before reporting anything.
  std::vector<std::string> traces;
  if (!ta.dir.empty()) traces = write_outcome_traces(ta.dir, p, opt, report, "dfs");
  ReportContext ctx{s.name, params.values()};
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

}  // namespace weft::cli
