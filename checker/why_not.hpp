// Why a program cannot print an output: the longest prefix of it, in lines, that some execution
// prints, the target's next line (or its end) that cannot follow, and what executions print there
// instead. Exact when the search that fed it was complete (checker/possible.cpp argues why every
// execution's prefix and next line are seen), what was observed otherwise.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

// Text cut into lines, each with its '\n' except a last one that has none.
std::vector<std::string> lines_of(const std::string& text);

struct WhyNot {
  bool seen = false;  // some execution was fed in (nothing below means anything otherwise)
  std::vector<std::string> prefix;    // the longest prefix of the target's lines printed
  std::optional<std::string> wanted;  // the target's next line; none: the target ends there
  std::set<std::string> instead;      // lines executions print right after the prefix
  bool end_instead = false;           // some execution's output ends right after the prefix
  Schedule closest;                   // an execution that prints the prefix and goes on
  sim::Outcome closest_outcome;       // its outcome, once completed (complete_closest)
};

// Collects executions' outputs against the target (both with ANSI codes removed unless the
// comparison is exact).
class WhyNotWatch {
 public:
  explicit WhyNotWatch(const std::string& want) : want_(lines_of(want)) {}
  // An execution printed `shown`: all of its output when `ended`, else at least one whole line
  // after its common prefix with the target (an execution abandoned there).
  void saw(const std::string& shown, bool ended, const Schedule& schedule);
  const WhyNot& result() const { return why_; }
  WhyNot take() { return std::move(why_); }

 private:
  std::vector<std::string> want_;
  WhyNot why_;
};

// Runs why.closest once more, then on without preempting to its end: why.closest becomes that
// whole execution's schedule, which prints the prefix and the line after it as before.
void complete_closest(WhyNot& why, sim::Runtime& rt, const std::function<void()>& body,
                      const sim::ExecutionSetup& setup);

// Where `shown` first departs from `want` when a whole line of it differs from the target's line
// there (or goes past its end): an execution may be abandoned there and its next line is known.
bool astray_by_a_line(const std::string& shown, const std::string& want);

}  // namespace weft::checker
