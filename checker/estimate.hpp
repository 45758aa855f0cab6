// How long an exhaustive search will take, before running it: the number of executions it will
// make, estimated from random probes of its decision tree (D. E. Knuth, "Estimating the
// efficiency of backtrack programs", Math. Comp. 29, 1975): a probe walks from the root to a
// leaf taking a random child at each node, and the product of the numbers of children it met is
// an unbiased estimate of the number of leaves. GenMC's estimation mode applies the same idea to
// its reduced search. Here:
// - without reduction (and with --max-preemptions, without reduction), the tree is that of every
//   schedule (within the bound): a node's children are known where it is met, and the estimate
//   is unbiased;
// - with the reduction (checker/dpor_probe.cpp), a node's children are those the races found in
//   all its subtrees put there, which a probe sees in part (it runs each child's first
//   execution): an estimate, not an unbiased one, measured against the searches' true counts
//   in tests/estimate_test.cpp.
// The time is the estimated executions times the mean time of the probes' executions.
#pragma once

#include <cstdint>
#include <functional>

#include "checker/explore.hpp"

namespace weft::checker {

struct EstimateOptions {
  std::uint64_t probes = 1000;   // probes made, unless the time runs out first
  double time_budget = 10;       // seconds of probing at most (0: no limit), at least one probe
  std::uint64_t seed = 0;        // of the probes' random choices
};

struct Estimate {
  bool reduction = true;
  std::uint32_t max_preemptions = kUnbounded;
  std::uint64_t probes = 0;       // probes made
  std::uint64_t executions = 0;   // executions the probes ran
  double seconds = 0;             // the probing took
  // The estimated executions of the search: the mean over the probes, the standard error of
  // that mean (the probes' standard deviation over the square root of their number), and the
  // 10th, 50th and 90th percentiles of the probes' own estimates.
  double mean = 0;
  double std_error = 0;
  double p10 = 0, p50 = 0, p90 = 0;
  double seconds_per_execution = 0;  // the probes' executions, on average
  double search_seconds = 0;         // mean * seconds_per_execution
};

// The estimate for the search explore(body, options) makes without state caching: reduced
// unless options.reduction is false, within options.max_preemptions. Options' per-execution
// setup applies; its budgets do not (estimate.time_budget is the probing's).
Estimate estimate(const std::function<void()>& body, const Options& options,
                  const EstimateOptions& estimate);

}  // namespace weft::checker
