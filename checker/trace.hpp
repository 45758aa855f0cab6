// The JSON trace of one execution: enough to replay it on any machine, and a readable story of
// what happened. The format is versioned and documented in docs/trace-format.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "checker/failure.hpp"
#include "checker/schedule.hpp"
#include "sim/outcome.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

// One decision, typed: which thread ran (by name, so a replay can check it), which of the
// threads due at one instant went first, or which value choose(n) returned.
struct TraceDecision {
  sim::Decision kind;
  std::string thread;      // thread and timer-tie decisions: the thread picked
  std::uint32_t chosen;    // index among the options (a value, for choose)
  std::uint32_t options;   // how many there were

  bool operator==(const TraceDecision&) const = default;
};

// One visible operation, as the story shows it.
struct TraceEvent {
  std::uint64_t step;
  double time;         // virtual seconds
  std::string thread;  // "Thread-2"
  std::string op;      // "acquire"
  std::string object;  // "Lock mutexA", "" when none
  std::int64_t result;
  std::string text = {};  // what a print wrote
  // How it waited before it ran (sim::Wait): after which step, let go by which step (0: by its
  // deadline), and who held its object when the wait began. Traces older than these fields, and
  // operations that never waited, have waited = false.
  bool waited = false;
  std::uint64_t waited_after = 0;
  std::uint64_t woken_by = 0;
  std::vector<std::string> held_by = {};

  bool operator==(const TraceEvent&) const = default;
};

struct Trace {
  // Version 2 adds the statuses crashed and runaway; version 3 the failure policy the outcome
  // was judged under. Older traces are read with the default policy.
  static constexpr int kVersion = 3;        // what this weft writes
  static constexpr int kOldestVersion = 1;  // the oldest it reads
  int version = kVersion;                   // the version read (informational)
  std::string weft_version;
  std::string scenario;
  std::map<std::string, std::string> params;
  std::vector<std::string> stdin_lines;
  std::uint64_t seed = 0;          // the scenario's random generator
  std::string strategy;            // how the execution was found: dfs, random, pct, ...
  std::uint64_t max_steps = 0;     // the limits it ran under
  double max_time = 0;
  sim::Timing timing = sim::Timing::Exact;  // the timing model it ran under
  std::uint32_t max_segments = sim::ExecutionSetup{}.max_segments;  // pieces per socket send
  FailurePolicy failures;  // what counted as a failure when it was found: replay judges alike
  std::vector<TraceDecision> decisions;
  sim::Outcome outcome;
  std::vector<TraceEvent> events;
};

// A trace that cannot be read: the one-line reason (malformed, truncated, wrong version, ...).
struct TraceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "exact", "untimed": how traces and the command line spell a timing model.
const char* timing_name(sim::Timing timing);

// "thread", "timer-tie", "value": how traces spell a decision's kind.
const char* decision_name(sim::Decision kind);

// The events `rt` recorded in its last execution, which ended as `outcome`, with thread names,
// object labels and what each print wrote.
std::vector<TraceEvent> trace_events(const sim::Runtime& rt, const sim::Outcome& outcome);
// Event number `index` of the execution under way or ended, whose output so far is `out` and
// `err`; a print's text is complete once the next event is recorded.
TraceEvent trace_event(const sim::Runtime& rt, std::size_t index, const std::string& out,
                       const std::string& err);

// Runs `body` once more following `schedule` (as a search recorded it) with events recorded, and
// returns the trace: decisions with thread names, outcome and events. Scenario, params, stdin and
// strategy are left for the caller to fill in.
Trace record_trace(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                   const Schedule& schedule);
// Writes the trace as JSON with write_output_file (checker/output_file.hpp): whole or not at all.
// Throws TraceError when the file cannot be written.
void write_trace(const std::string& path, const Trace& trace);
// Reads a trace; throws TraceError with a one-line reason that starts with the path.
Trace read_trace(const std::string& path);
// Reads a trace from its text; throws TraceError with a one-line reason.
Trace parse_trace(std::string_view text);
// The JSON document write_trace writes.
std::string to_json(const Trace& trace);

}  // namespace weft::checker
