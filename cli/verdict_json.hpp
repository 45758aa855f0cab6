// `weft check --json` and `weft fuzz --json`: the verdicts as one JSON document, in the schema
// docs/json.md describes (docs/schema/verdicts.schema.json).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "cli/check_report.hpp"

namespace weft::cli {

// One scenario's verdict and what it was checked with.
struct VerdictEntry {
  std::string scenario;
  std::map<std::string, std::string> params;  // resolved values
  std::string strategy;                       // dfs, random or pct
  Verdict verdict;
  double seconds = 0;  // wall-clock time its check took
};

// The document: weft's version, the schema's version, the command, the exit code and one entry
// per scenario checked.
void print_verdicts_json(std::ostream& os, const std::string& command,
                         const std::vector<VerdictEntry>& entries, int exit_code);

}  // namespace weft::cli
