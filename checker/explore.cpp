#include "checker/explore.hpp"

#include <chrono>

#include "checker/dfs.hpp"
#include "checker/outcomes.hpp"

namespace weft::checker {

Report explore_all(const std::function<void()>& body, const Options& options) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };

  sim::Runtime rt;
  DfsStrategy dfs;
  OutcomeTable table;
  Report report;
  for (;;) {
    const sim::Outcome& o = rt.execute(body, dfs, options.setup);
    ++report.executions;
    table.add(o, dfs.schedule());
    if (!dfs.advance()) {
      report.complete = true;
      break;
    }
    if (report.executions >= options.max_executions) {
      report.cut_by = "max-executions";
      break;
    }
    if (options.time_budget > 0 && (report.executions & 255) == 0 &&
        elapsed() >= options.time_budget) {
      report.cut_by = "time-budget";
      break;
    }
  }
  report.nondeterministic = dfs.nondeterministic();
  report.outcomes = table.take();
  report.seconds = elapsed();
  return report;
}

}  // namespace weft::checker
