#include "cli/verdict_json.hpp"

#include <nlohmann/json.hpp>

#include "checker/version.hpp"

namespace weft::cli {

namespace {

const char* verdict_word(int exit_code) {
  switch (exit_code) {
    case 0: return "pass";
    case 1: return "failure";
    default: return "undecided";
  }
}

nlohmann::json or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json entry_json(const VerdictEntry& e) {
  const Verdict& v = e.verdict;
  return {{"scenario", e.scenario},
          {"params", e.params},
          {"strategy", e.strategy},
          {"verdict", verdict_word(v.exit_code)},
          {"exit_code", v.exit_code},
          {"failure_type", or_null(v.failure_type)},
          {"trace", or_null(v.trace)},
          {"replay", or_null(v.trace.empty() ? "" : replay_command(v.trace))},
          {"headline", v.headline},
          {"details", v.details},
          {"seconds", e.seconds}};
}

}  // namespace

void print_verdicts_json(std::ostream& os, const std::string& command,
                         const std::vector<VerdictEntry>& entries, int exit_code) {
  nlohmann::json results = nlohmann::json::array();
  for (const VerdictEntry& e : entries) results.push_back(entry_json(e));
  const nlohmann::json doc = {{"weft_version", kVersion},
                              {"schema_version", kSchemaVersion},
                              {"command", command},
                              {"exit_code", exit_code},
                              {"results", results}};
  os << doc.dump(2) << "\n";
}

}  // namespace weft::cli
