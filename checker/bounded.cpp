// Iterative bounding (checker/explore.hpp): bugs need few preemptions, so searching within 0,
// then 1, then 2 finds them early, and each bound completed is a guarantee of its own ("no
// failure within 2 preemptions") where the search without bound would be cut with none.
#include <algorithm>

#include "checker/explore.hpp"

namespace weft::checker {

Report explore_iterating(const std::function<void()>& body, const Options& options) {
  Report last;
  std::uint64_t executions = 0;
  double seconds = 0;
  std::int64_t proved = -1;
  for (std::uint32_t k = 0;; ++k) {
    Options o = options;
    o.max_preemptions = k;
    // The budgets are the whole iteration's: what one bound spent is spent.
    o.max_executions = options.max_executions - executions;
    if (options.time_budget > 0) o.time_budget = std::max(options.time_budget - seconds, 1e-3);
    Report r = explore(body, o);
    const std::uint64_t before = executions;
    executions += r.executions;
    seconds += r.seconds;
    if (r.failure) r.failure_execution += before;
    last = std::move(r);
    last.last_bound_executions = last.executions;
    if (last.complete) proved = k;
    // A bound that cut nothing searched what the unbounded search would have.
    const bool everything = last.complete && last.reduction && !last.bound_cut;
    if (last.failure || !last.complete || everything || executions >= options.max_executions ||
        k + 1 == kUnbounded)
      break;
  }
  // Complete means complete with no bound: a budget that ran out after bound k leaves k + 1 cut
  // after no execution.
  if (last.complete && !(last.reduction && !last.bound_cut) && !last.failure) {
    last.complete = false;
    last.cut_by = "max-executions";
    ++last.max_preemptions;
    last.last_bound_executions = 0;
  }
  last.executions = executions;
  last.seconds = seconds;
  last.iterated = true;
  last.proved_bound = proved;
  return last;
}

}  // namespace weft::checker
