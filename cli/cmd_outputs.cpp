// weft outputs: every possible outcome.
#include <iostream>

#include "checker/explore.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"

namespace weft::cli {

int cmd_outputs(const RunArgs& ra, const SearchArgs& sa) {
  Prepared p = prepare(ra);
  const checker::Options opt = search_options(ra, sa, p);
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  const checker::Report report = checker::explore(body, opt);
  ReportContext ctx{s.name, params.values()};
  if (sa.json) {
    print_json(std::cout, ctx, report);
  } else {
    print_text(std::cout, ctx, report);
  }
  return exit_code(report);
}

}  // namespace weft::cli
