#include "cli/expected.hpp"

#include <algorithm>

namespace weft::cli {

namespace {

// "a deadlock", "a deadlock or an uncaught exception"
std::string declared_list(const Scenario& s) {
  std::string out;
  for (const Finding f : s.expected_findings) {
    const std::string name = finding_name(f);
    out += (out.empty() ? "" : " or ") + std::string(name[0] == 'u' ? "an " : "a ") + name;
  }
  return out;
}

// Replaces the headline, and the first line of the details, which repeats it.
void set_headline(Verdict& v, const std::string& headline) {
  if (v.details.rfind(v.headline, 0) == 0) v.details.replace(0, v.headline.size(), headline);
  v.headline = headline;
}

}  // namespace

bool declared(const Scenario& s, const std::string& failure_type) {
  return std::any_of(s.expected_findings.begin(), s.expected_findings.end(),
                     [&failure_type](Finding f) { return failure_type == finding_name(f); });
}

Verdict note_expected(const Scenario& s, Verdict v) {
  if (v.exit_code == 1 && declared(s, v.failure_type))
    set_headline(v, v.headline + " (expected: the scenario declares " + declared_list(s) + ")");
  return v;
}

Verdict as_declared(const Scenario& s, Verdict v) {
  if (s.expected_findings.empty()) return v;
  if (v.exit_code == 1 && declared(s, v.failure_type)) {
    const std::string failure = "FAILURE (" + v.failure_type + ") found";
    std::string headline = v.headline;
    if (const auto at = headline.find(failure); at != std::string::npos)
      headline.replace(at, failure.size(), "the declared " + v.failure_type + ", found");
    if (!v.trace.empty()) headline += "; trace " + v.trace;
    v.headline = headline;
    v.details.clear();
    v.exit_code = 0;
    return v;
  }
  if (v.exit_code == 1) {
    set_headline(v, v.headline + " (the scenario declares only " + declared_list(s) + ")");
    return v;
  }
  v.headline += "; FAILURE: the scenario declares " + declared_list(s) + ", and none was found";
  v.details.clear();
  v.failure_type = "declared finding not found";
  v.exit_code = 1;
  return v;
}

}  // namespace weft::cli
