// The result of one shard of an exhaustive search (weft outputs/check --shard I/N --result FILE),
// and its checkpoint (--checkpoint FILE): the prefixes searched in full and what they found, with
// every outcome's count and witness, so that `weft merge` can union the shards and a shard
// killed midway can go on from where it was. One JSON document (docs/scale.md).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "checker/split.hpp"

namespace weft::cli {

struct ShardFile {
  std::string command;  // "outputs" or "check"
  std::string scenario;
  std::map<std::string, std::string> params;
  // The options that shape the search, as text: shards of one search have the same.
  std::string search;
  std::size_t shard = 0;
  std::size_t shards = 1;
  checker::Split split;
  std::vector<std::size_t> done;  // the shard's prefixes searched in full, ascending
  // The prefix whose search found the failure the report holds (weft check stops at it).
  std::optional<std::size_t> failure_prefix;
  checker::Report report;  // of the prefixes done; complete when all the shard's are
};

// Written whole or not at all (checker/output_file.hpp); a UsageError when it cannot be.
void write_shard_file(const std::string& path, const ShardFile& f);
// A UsageError (one line, naming the file) when it cannot be read or is not a shard's result.
ShardFile read_shard_file(const std::string& path);

}  // namespace weft::cli
