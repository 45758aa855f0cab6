// The findings a scenario declares (Scenario::expected_findings) applied to what checking it
// found: `weft check` and `weft fuzz NAME` still report the failure but say it is expected;
// `weft fuzz --all` passes a scenario exactly when it behaves as declared.
#pragma once

#include "cli/check_report.hpp"
#include "scenarios/registry.hpp"

namespace weft::cli {

// True when `failure_type` (checker::failure_name's words) is one of the findings `s` declares.
bool declared(const Scenario& s, const std::string& failure_type);

// A failure the scenario declares keeps exit code 1 and is marked as expected.
Verdict note_expected(const Scenario& s, Verdict v);

// Exit 0 when the scenario found one of the failures it declares; exit 1 when it found another
// one, or declares one and none was found (an expected deadlock no longer found is a
// regression). A scenario that declares nothing is judged as before.
Verdict as_declared(const Scenario& s, Verdict v);

}  // namespace weft::cli
