// Checking concurrent code from a test suite: run a search on a registered scenario or on a
// function, then look at what it found. Plain C++ (no test framework); <weft/catch2.hpp> adds
// Catch2 matchers on top. Searches run in the calling process, one at a time per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace weft::testing {

// How a search picks schedules.
enum class Strategy {
  Exhaustive,  // every class of equivalent interleavings (`weft check`'s dfs): finds every outcome
  Random,      // seeded runs, uniform among the threads that can step
  Pct,         // seeded runs of probabilistic concurrency testing (a bound on the miss chance)
};
// "dfs", "random", "pct": how the command line names them.
const char* strategy_name(Strategy s);

struct SearchOptions {
  Strategy strategy = Strategy::Exhaustive;
  // A registered scenario's parameters, name=value; the scenario's defaults fill in the rest.
  std::map<std::string, std::string> params;
  // Exhaustive: executions before the search is cut (0: 1,000,000); Random, Pct: runs (0: 1000).
  std::uint64_t runs = 0;
  double time_budget = 0;        // wall-clock seconds, 0 for none
  std::uint64_t seed = 0;        // the program's random generator; fuzzing: the first run's
  std::uint32_t pct_depth = 3;   // Pct: the bug depth d it aims at
  bool reduction = true;         // Exhaustive: one execution per class, not every schedule
  bool fail_on_exception = false;  // an exception escaping a thread is a failure too
  // Standard input, one line each; a registered scenario's own lines when empty.
  std::vector<std::string> stdin_lines;
  // Where a failure's trace is written, as DIR/weft-trace-NAME.json.
  std::string trace_dir = ".";
  // The program a failure's trace is replayed with: `REPLAY_WITH replay TRACE`. A trace names
  // its scenario, so this is a program in which the scenario is registered (your own weft-style
  // binary linking weft::cli); "weft" for the built-in scenarios.
  std::string replay_with = "weft";
};

// Executions that ended the same way.
struct Outcome {
  std::string status;   // "ok", "deadlock", "livelock", "failure", "limit", ...
  std::string message;  // a failed check's message, or what cut the execution
  std::string out;      // stdout
  std::string err;      // stderr
  std::map<std::string, std::string> files;  // files the program wrote, by name
  std::uint64_t count = 0;  // executions that reached it (Exhaustive)
};

// The first failure found.
struct Failure {
  std::string kind;          // "deadlock", "livelock", "failed check", "uncaught exception"
  Outcome outcome;
  std::string interleaving;  // the execution told step by step, one lane per thread
  std::string trace;         // the trace file written, or "" when it could not be written
  std::string replay;        // the command that replays it: "weft replay weft-trace-NAME.json"
};

struct SearchResult {
  std::string name;      // the scenario and its parameters: "counter lock=false"
  Strategy strategy = Strategy::Exhaustive;
  bool complete = false;  // Exhaustive and within its budget: `outcomes` is every outcome
  std::uint64_t executions = 0;  // executions (or runs) made
  std::vector<Outcome> outcomes;  // Exhaustive: the distinct outcomes, in order found
  std::optional<Failure> failure;
  std::string report;     // all of the above for people, as `weft check` prints it

  // The distinct stdouts among `outcomes`.
  std::set<std::string> outputs() const;
};

// Searches the registered scenario `scenario` (WEFT_SCENARIO). Throws std::invalid_argument for
// an unknown scenario or a bad parameter.
SearchResult search(const std::string& scenario, const SearchOptions& options = {});
// Searches `body`, run as the program's MainThread; `name` names it in reports and traces (a
// trace replays only in a program where a scenario of that name is registered).
SearchResult search(const std::string& name, const std::function<void()>& body,
                    const SearchOptions& options = {});

}  // namespace weft::testing
