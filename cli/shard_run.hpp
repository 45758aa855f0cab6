// One shard of an exhaustive search, from the command line (docs/scale.md): --shard I/N,
// --result FILE, --checkpoint FILE.
#pragma once

#include <functional>
#include <string>

#include "checker/explore.hpp"
#include "cli/args.hpp"
#include "cli/shard_file.hpp"

namespace weft::cli {

// The options that shape a search's executions, as text: shards of one search must agree on it.
std::string search_key(const checker::Options& opt);

// Shard I of N of the reduced search of `body` (`command`: "outputs" or "check"), going on from
// the checkpoint when there is one; writes the result file. The report covers the shard's
// prefixes, those of the checkpoint included.
ShardFile run_shard(const std::string& command, const Prepared& p, const checker::Options& opt,
                    const ShardArgs& sa);

// Refuses what a sharded search, or one on `jobs` threads, cannot do; call before searching.
void check_shard_args(const ShardArgs& sa, const checker::Options& opt, unsigned jobs = 1);

}  // namespace weft::cli
