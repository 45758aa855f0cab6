#include "checker/split.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "checker/dpor.hpp"
#include "checker/outcomes.hpp"

namespace weft::checker {

Split choose_split(const std::function<void()>& body, const Options& options, std::size_t parts) {
  if (parts <= 1) return {};
  Options count = options;
  count.on_outcome = nullptr;
  count.on_progress = nullptr;
  count.describe_lines = 0;
  Split split;
  for (std::uint32_t depth = 1; depth <= kMaxSplitDepth; ++depth) {
    const PrefixRun run = explore_prefix(body, count, depth, DporStrategy::kAllForeign);
    split = Split{depth, run.prefixes};
    if (run.prefixes >= kPrefixesPerPart * parts || !run.reached) break;
  }
  return split;
}

std::vector<std::size_t> shard_prefixes(const Split& split, std::size_t index, std::size_t count) {
  std::vector<std::size_t> mine;
  for (std::size_t k = index; k < split.prefixes; k += count) mine.push_back(k);
  return mine;
}

namespace {
void recount(Report& r) {
  r.distinct = r.outcomes.size();
  r.counting = Counting::Exact;
  r.distinct_by_status = {};
  for (const OutcomeGroup& g : r.outcomes)
    ++r.distinct_by_status[static_cast<std::size_t>(g.outcome.status)];
}
}  // namespace

// Outcomes are found by fingerprint: a search of many prefixes merges many reports of
// thousands of outcomes each (deadlock, 5 threads: 16,360).
void merge_report(Report& into, Report&& from) {
  std::unordered_multimap<std::uint64_t, std::size_t> by_fingerprint;
  for (std::size_t j = 0; j < into.outcomes.size(); ++j)
    by_fingerprint.emplace(fingerprint(into.outcomes[j].outcome), j);
  for (std::size_t i = 0; i < from.outcomes.size(); ++i) {
    OutcomeGroup& g = from.outcomes[i];
    const std::uint64_t fp = fingerprint(g.outcome);
    std::size_t at = into.outcomes.size();
    for (auto [it, end] = by_fingerprint.equal_range(fp); it != end; ++it)
      if (into.outcomes[it->second].outcome.same_as(g.outcome)) at = it->second;
    if (at == into.outcomes.size()) {
      g.number = into.outcomes.size() + 1;
      into.outcomes.push_back(std::move(g));
      by_fingerprint.emplace(fp, at);
    } else {
      into.outcomes[at].count += g.count;
    }
    if (from.failure == i && !into.failure) {
      into.failure = at;
      into.failure_execution = into.executions + from.failure_execution;
    }
    into.fingerprints.insert(fp);
  }
  into.executions += from.executions;
  into.redundant += from.redundant;
  if (into.complete && !from.complete) into.cut_by = from.cut_by;
  into.complete = into.complete && from.complete;
  into.nondeterministic = into.nondeterministic || from.nondeterministic;
  into.seconds += from.seconds;
  recount(into);
}

Report explore_prefixes(const std::function<void()>& body, const Options& options,
                        const Split& split, const std::vector<std::size_t>& prefixes,
                        const std::function<void(std::size_t, const Report&)>& done) {
  Options each = options;
  each.keep_outcomes = kKeepAll;
  each.describe_lines = 0;
  each.sample = 0;
  Report all;
  all.complete = true;
  all.reduction = true;
  all.fingerprints = FingerprintSet(UINT64_MAX);
  for (const std::size_t k : prefixes) {
    Report r = explore_prefix(body, each, split.depth, k).report;
    each.max_executions -= std::min(each.max_executions, r.executions);
    if (each.time_budget > 0) each.time_budget = std::max(each.time_budget - r.seconds, 1e-3);
    merge_report(all, std::move(r));
    if (!all.complete) break;  // a budget, a failure the search stops at, or a limit
    if (done) done(k, all);
    if (each.max_executions == 0 && &k != &prefixes.back()) {
      all.complete = false;
      all.cut_by = "max-executions";
      break;
    }
  }
  return all;
}

}  // namespace weft::checker
