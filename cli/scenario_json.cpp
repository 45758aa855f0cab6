#include "cli/scenario_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "checker/version.hpp"

namespace weft::cli {

namespace {

// A bound, or null where the parameter has none.
nlohmann::json bound(double b) { return std::isinf(b) ? nlohmann::json(nullptr) : nlohmann::json(b); }

nlohmann::json param_json(const ParamSpec& p) {
  return {{"name", p.name},       {"type", type_name(p.type)}, {"default", p.default_value},
          {"help", p.help},       {"min", bound(p.min)},       {"max", bound(p.max)}};
}

void print(std::ostream& os, const nlohmann::json& doc) {
  os << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

void print_list_json(std::ostream& os, const std::vector<const Scenario*>& scenarios) {
  nlohmann::json list = nlohmann::json::array();
  for (const Scenario* s : scenarios) list.push_back({{"name", s->name}, {"summary", s->summary}});
  print(os, {{"weft_version", kVersion}, {"schema_version", kSchemaVersion}, {"scenarios", list}});
}

void print_describe_json(std::ostream& os, const Scenario& s) {
  nlohmann::json params = nlohmann::json::array();
  for (const ParamSpec& p : s.params) params.push_back(param_json(p));
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding f : s.expected_findings) findings.push_back(finding_name(f));
  print(os, {{"weft_version", kVersion},
             {"schema_version", kSchemaVersion},
             {"name", s.name},
             {"summary", s.summary},
             {"description", s.description},
             {"params", params},
             {"stdin", s.stdin_lines},
             {"expected_findings", findings},
             {"expected_exceptions", s.expected_exceptions}});
}

}  // namespace weft::cli
