// Scenarios by name. Any translation unit registers one with WEFT_SCENARIO; the command line and
// tests find them here. Nothing here knows about particular scenarios.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace weft {

// One parameter a scenario takes, with its default ("-p threads=3" on the command line).
struct ParamSpec {
  enum class Type { Int, Bool, Double, String };
  std::string name;
  Type type = Type::Int;
  std::string default_value;
  std::string help;
  // The values that mean something (Int, Double), both included: a count of threads starts at 1.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  // Threads the scenario starts per unit of the value (Int): what a run costs grows with them,
  // and a value too large to run in memory is refused before anything runs.
  int threads_each = 0;
};
const char* type_name(ParamSpec::Type t);
// "at least 1", "from 0 to 2147483647"; "" for a parameter without bounds.
std::string bounds_text(const ParamSpec& spec);

// Parameter values, checked against the scenario's specs.
class Params {
 public:
  Params() = default;
  explicit Params(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  std::int64_t get_int(const std::string& name) const;
  bool get_bool(const std::string& name) const;
  double get_double(const std::string& name) const;
  const std::string& get_string(const std::string& name) const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  const std::string& raw(const std::string& name) const;
  std::map<std::string, std::string> values_;
};

// A failure a scenario shows by design (the seed's lesson is the bug), so that checking every
// scenario passes when each behaves as declared. The same words as checker::failure_name.
enum class Finding { Deadlock, Livelock, FailedCheck, UncaughtException };
const char* finding_name(Finding f);

struct Scenario {
  std::string name;
  std::string summary;      // one line, for `weft list`
  std::string description;  // a paragraph: what the seed asks and what to look for
  std::vector<ParamSpec> params;
  std::vector<std::string> stdin_lines;  // scripted standard input, unless the user gives one
  // Exception types (Python names) its threads die of by design, which --fail-on-exception
  // does not count as failures: text_pipeline's EOFError at the end of input.
  std::vector<std::string> expected_exceptions;
  // What checking it must find: any of these, and nothing else, is how it behaves as declared.
  std::vector<Finding> expected_findings;
  std::function<void(const Params&)> body;  // runs as MainThread

  // Defaults overlaid with `given` (name=value). Throws std::invalid_argument with a one-line
  // reason for an unknown parameter or a value of the wrong type.
  Params resolve(const std::map<std::string, std::string>& given) const;
};

class Registry {
 public:
  static Registry& instance();
  // Adds a scenario; a second one with the same name is a programming error (aborts).
  bool add(Scenario s);
  const Scenario* find(const std::string& name) const;
  // All scenarios, by name.
  std::vector<const Scenario*> all() const;
  // Up to three registered names closest to `name` (for "did you mean").
  std::vector<std::string> closest(const std::string& name) const;

 private:
  std::map<std::string, Scenario> scenarios_;
};

// Checks a value against a type; returns an empty string when it fits, else the reason.
std::string check_value(ParamSpec::Type type, const std::string& value);

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b);

}  // namespace weft

#define WEFT_SCENARIO_CONCAT2(a, b) a##b
#define WEFT_SCENARIO_CONCAT(a, b) WEFT_SCENARIO_CONCAT2(a, b)
// WEFT_SCENARIO({.name = "...", .summary = "...", ..., .body = [](const weft::Params& p) {...}});
#define WEFT_SCENARIO(...)                                                          \
  [[maybe_unused]] static const bool WEFT_SCENARIO_CONCAT(weft_scenario_, __LINE__) = \
      ::weft::Registry::instance().add(::weft::Scenario __VA_ARGS__)
