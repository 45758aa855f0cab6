// The built-in scenarios at sizes every exhaustive search in the tests can finish, in one list the
// whole-suite tests share (differential, description, counting, possible), so a new scenario is
// added once and a test of the list says when one is missing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace weft::test {

struct SmallScenario {
  std::string name;
  std::map<std::string, std::string> params;
  // The naive search (no reduction, no state caching) finishes within the tests' budgets. Not so
  // for event_class and text_pipeline even at their smallest, nor for event_overtime beyond one
  // worker (34,002,360 schedules with two): their reduced outcome sets are pinned in
  // scenario_outcomes_test.cpp.
  bool naive = true;
};

// Each registered scenario at least once (gil_counter twice: with and without its lock).
const std::vector<SmallScenario>& small_scenarios();

}  // namespace weft::test
