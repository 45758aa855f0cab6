// JUnit XML, the report format CI systems read: one <testcase> per scenario fuzzed.
#pragma once

#include <string>
#include <vector>

namespace weft::cli {

struct JunitCase {
  std::string name;     // the scenario
  double seconds = 0;
  bool failed = false;
  std::string message;  // the failure's one line, its trace named in it
  std::string type;     // "deadlock", ...
  std::string text;     // the failure's full report
};

// Throws UsageError unless a report can be written at `path` (checked before a long run).
void check_junit_path(const std::string& path);
// Writes the test suite `suite` to `path` with checker::write_output_file (whole or not at all).
// Throws UsageError when it cannot be written.
void write_junit(const std::string& path, const std::string& suite,
                 const std::vector<JunitCase>& cases);

}  // namespace weft::cli
