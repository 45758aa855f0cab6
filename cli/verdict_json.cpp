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

const char* cycle_word(CycleVerdict::Is is) {
  switch (is) {
    case CycleVerdict::Is::Reachable: return "reachable";
    case CycleVerdict::Is::Guarded: return "guarded";
    case CycleVerdict::Is::Unreachable: return "not reachable";
    case CycleVerdict::Is::Undecided: break;
  }
  return "undecided";
}

// weft check's lock-order warnings (cli/lock_order_report.hpp); null where there are none.
nlohmann::json lock_order_json(const LockOrderVerdict& v) {
  if (!v.checked) return nullptr;
  nlohmann::json edges = nlohmann::json::array(), cycles = nlohmann::json::array();
  for (const checker::LockEdge& e : v.edges)
    edges.push_back({{"from", e.from}, {"to", e.to}, {"threads", e.threads}, {"gates", e.gates}});
  for (const CycleVerdict& c : v.cycles)
    cycles.push_back({{"locks", c.locks},
                      {"verdict", cycle_word(c.is)},
                      {"trace", or_null(c.trace)},
                      {"gate", or_null(c.gate)}});
  return {{"complete", v.complete},
          {"cut_by", or_null(v.complete ? "" : v.cut_by)},
          {"executions", v.executions},
          {"edges", edges},
          {"cycles", cycles},
          {"more_cycles", v.more_cycles}};
}

nlohmann::json or_null(std::int64_t n) {
  return n < 0 ? nlohmann::json(nullptr) : nlohmann::json(n);
}

// What a bounded search proved; null for a search without a bound.
nlohmann::json bound_json(const BoundVerdict& b) {
  if (!b.bounded) return nullptr;
  return {{"iterated", b.iterated},
          {"bound", b.bound},
          {"proved", or_null(b.proved)},
          {"complete_without_bound", b.complete_without_bound},
          {"last_bound_executions", b.last_bound_executions},
          {"last_bound_cut_by", or_null(b.last_bound_cut_by)},
          {"failure_at", or_null(b.failure_at)}};
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
          {"lock_order", lock_order_json(v.lock_order)},
          {"bound", bound_json(v.bound)},
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
