// The exhaustive reduced search split into independent parts (docs/scale.md, "The exhaustive
// search split"): the branching points above a split depth explore every enabled thread, with
// sleep sets; each way down to that depth is a prefix, numbered in the order of the walk, and
// the reduced search below one prefix needs nothing from another's. So shards of a search (each
// its own process, anywhere) and threads of one process can each search a share of the prefixes,
// and their reports merge.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

#include "checker/explore.hpp"

namespace weft::checker {

struct Split {
  std::uint32_t depth = 0;   // 0: not split (one prefix, the whole search)
  std::size_t prefixes = 1;  // prefixes at that depth
};

// Prefixes per part the split aims at: enough that the parts' shares even out. Only prefixes
// with no thread asleep at the split depth count: most of the others hold no execution that
// ends (docs/scale.md, "Prefixes with nothing in them"), and a split that counted them left the
// whole search in its first prefix (rlock and deadlock at 5 threads: 16 prefixes at depth 5,
// all but the first empty, so --jobs 2 ran on one thread).
constexpr std::size_t kPrefixesPerPart = 8;
// But no more prefixes than this per part, found or searched: each prefix's search walks the
// top of the tree again up to it.
constexpr std::size_t kMaxPrefixesPerPart = 32;
// The deepest split tried: a program whose walk has fewer prefixes there is split there.
constexpr std::uint32_t kMaxSplitDepth = 24;

// The split for `parts` parts: the shallowest depth with at least kPrefixesPerPart * parts
// prefixes (or where no execution branches any deeper). It depends only on the program, the
// options and `parts`, so every shard of one search finds the same one. One part: not split.
Split choose_split(const std::function<void()>& body, const Options& options, std::size_t parts);

// Shard `index` of `count` searches prefixes index, index + count, index + 2·count, ...: shares
// of at most one prefix more than another, spread over the walk (early prefixes, with smaller
// sleep sets, have larger subtrees).
std::vector<std::size_t> shard_prefixes(const Split& split, std::size_t index, std::size_t count);

// Adds the reports of later prefixes, one after another, to `into`: outcomes (by identity, counts
// summed, the earlier witness kept), executions, completeness (both), the first cut and failure.
// Both keep every outcome in full (split searches do). The index of `into`'s outcomes by
// fingerprint is kept from one report to the next: rebuilt for each, it made merging the
// prefixes quadratic (rlock at 5 threads on 2 threads: a quarter of the CPU time).
class ReportMerger {
 public:
  explicit ReportMerger(Report& into);
  void add(Report&& from);

 private:
  Report& into_;
  std::unordered_multimap<std::uint64_t, std::size_t> index_;
};

// One report added to `into`, as ReportMerger does.
void merge_report(Report& into, Report&& from);

// The reduced search of each prefix in `prefixes` (ascending), merged in that order; with
// stop_at_failure it ends after the first prefix that fails, and with a budget spent. `done`,
// when set, is called after each prefix searched in full with the prefix and the report so far.
// Options::keep_outcomes and describe_lines do not apply: every outcome is kept, none described.
Report explore_prefixes(const std::function<void()>& body, const Options& options,
                        const Split& split, const std::vector<std::size_t>& prefixes,
                        const std::function<void(std::size_t, const Report&)>& done = nullptr);

// The search of explore() on `jobs` OS threads, each with its own runtime and strategy: the
// prefixes of the split for `jobs` parts are handed out in order, each to the next thread free,
// and their reports merged in prefix order. Outcomes, completeness and failures are those of
// explore(); the executions are those of the split search (docs/scale.md). A scenario searched
// so must share no mutable state outside the simulator.
Report explore_on_jobs(const std::function<void()>& body, const Options& options, unsigned jobs);

// explore_prefix for one of several threads searching at once: the executions are counted for a
// supervising process, but none is named as the one under way (checker/in_flight.hpp).
PrefixRun explore_prefix(const std::function<void()>& body, const Options& options,
                         std::uint32_t depth, std::size_t prefix, bool among_jobs);

}  // namespace weft::checker
