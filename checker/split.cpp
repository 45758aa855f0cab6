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
    if (run.awake >= kPrefixesPerPart * parts || !run.reached ||
        run.prefixes >= kMaxPrefixesPerPart * parts)
      break;
  }
  return split;
}

std::vector<std::size_t> shard_prefixes(const Split& split, std::size_t index, std::size_t count) {
  std::vector<std::size_t> mine;
  for (std::size_t k = index; k < split.prefixes; k += count) mine.push_back(k);
  return mine;
}

// Outcomes are found by fingerprint: a search of many prefixes merges many reports of
// thousands of outcomes each (deadlock, 5 threads: 16,360).
ReportMerger::ReportMerger(Report& into) : into_(into) {
  into_.distinct_by_status = {};
  for (std::size_t j = 0; j < into_.outcomes.size(); ++j) {
    index_.emplace(fingerprint(into_.outcomes[j].outcome), j);
    ++into_.distinct_by_status[static_cast<std::size_t>(into_.outcomes[j].outcome.status)];
  }
  into_.distinct = into_.outcomes.size();
  into_.counting = Counting::Exact;
}

void ReportMerger::add(Report&& from) {
  Report& into = into_;
  for (std::size_t i = 0; i < from.outcomes.size(); ++i) {
    OutcomeGroup& g = from.outcomes[i];
    const std::uint64_t fp = fingerprint(g.outcome);
    std::size_t at = into.outcomes.size();
    for (auto [it, end] = index_.equal_range(fp); it != end; ++it)
      if (into.outcomes[it->second].outcome.same_as(g.outcome)) at = it->second;
    if (at == into.outcomes.size()) {
      g.number = into.outcomes.size() + 1;
      ++into.distinct_by_status[static_cast<std::size_t>(g.outcome.status)];
      into.outcomes.push_back(std::move(g));
      index_.emplace(fp, at);
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
  into.distinct = into.outcomes.size();
  into.counting = Counting::Exact;
}

void merge_report(Report& into, Report&& from) { ReportMerger(into).add(std::move(from)); }

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
  ReportMerger merger(all);
  for (const std::size_t k : prefixes) {
    Report r = explore_prefix(body, each, split.depth, k).report;
    each.max_executions -= std::min(each.max_executions, r.executions);
    if (each.time_budget > 0) each.time_budget = std::max(each.time_budget - r.seconds, 1e-3);
    merger.add(std::move(r));
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
