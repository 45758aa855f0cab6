// weft merge: the shards of one exhaustive search (--shard I/N --result FILE), united into the
// search's report (docs/scale.md).
#include <iostream>
#include <map>

#include "checker/split.hpp"
#include "cli/commands.hpp"
#include "cli/report.hpp"
#include "cli/shard_file.hpp"

namespace weft::cli {

namespace {

// Every file a shard of the same search as the first.
void check_same_search(const std::vector<ShardFile>& shards,
                       const std::vector<std::string>& paths) {
  const ShardFile& a = shards.front();
  for (std::size_t i = 1; i < shards.size(); ++i) {
    const ShardFile& b = shards[i];
    const auto differ = [&](const std::string& what) {
      return UsageError("'" + paths[i] + "' is of another search than '" + paths[0] + "' (" + what +
                        " differs)");
    };
    if (b.command != a.command) throw differ("the command");
    if (b.scenario != a.scenario || b.params != a.params) throw differ("the scenario");
    if (b.search != a.search) throw differ("the search options");
    if (b.shards != a.shards) throw differ("the number of shards");
    if (b.split.depth != a.split.depth || b.split.prefixes != a.split.prefixes)
      throw differ("the split");
  }
}

// "missing shards 1, 3 of 4", empty when none is.
std::string missing(const std::map<std::size_t, const ShardFile*>& by_index, std::size_t n) {
  std::string list;
  for (std::size_t i = 0; i < n; ++i)
    if (!by_index.count(i)) list += (list.empty() ? "" : ", ") + std::to_string(i);
  return list.empty() ? list : "missing shards " + list + " of " + std::to_string(n);
}

}  // namespace

int cmd_merge(const std::vector<std::string>& paths, bool json) {
  std::vector<ShardFile> shards;
  for (const std::string& path : paths) shards.push_back(read_shard_file(path));
  check_same_search(shards, paths);
  std::map<std::size_t, const ShardFile*> by_index;
  for (std::size_t i = 0; i < shards.size(); ++i)
    if (!by_index.emplace(shards[i].shard, &shards[i]).second)
      throw UsageError("shard " + std::to_string(shards[i].shard) + " is given twice ('" +
                       paths[i] + "')");
  checker::Report all;
  all.complete = true;
  all.reduction = true;
  all.fingerprints = checker::FingerprintSet(UINT64_MAX);
  // The failure of the whole search: that of the lowest prefix (the search of one piece walks
  // the prefixes in their order).
  const ShardFile* failing = nullptr;
  checker::ReportMerger merger(all);
  for (auto& [index, f] : by_index) {
    merger.add(checker::Report(f->report));
    if (f->failure_prefix && (failing == nullptr || *f->failure_prefix < *failing->failure_prefix))
      failing = f;
  }
  if (failing != nullptr) {
    const sim::Outcome& o = failing->report.outcomes[*failing->report.failure].outcome;
    for (std::size_t i = 0; i < all.outcomes.size(); ++i)
      if (all.outcomes[i].outcome.same_as(o)) all.failure = i;
    all.complete = false;
    all.cut_by = "failure";
  }
  if (const std::string gap = missing(by_index, shards.front().shards); !gap.empty()) {
    all.complete = false;
    if (failing == nullptr) all.cut_by = gap;
  }
  const ShardFile& first = shards.front();
  ReportContext ctx{
      first.scenario, first.params,
      first.search.find("timing=untimed") == 0 ? sim::Timing::Untimed : sim::Timing::Exact};
  if (json) {
    print_json(std::cout, ctx, all);
  } else {
    print_text(std::cout, ctx, all);
  }
  return exit_code(all);
}

}  // namespace weft::cli
