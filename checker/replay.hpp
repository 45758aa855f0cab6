// Replay: run a scenario once more following a trace's decisions, by thread name. A replay that
// cannot follow its decisions says where and why (it diverged) instead of silently doing
// something else: the scenario changed, or depends on something weft does not control.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "checker/trace.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

// The first decision a replay could not follow.
struct Divergence {
  std::size_t decision = 0;  // index into the trace's decisions (== their count: none was left)
  std::uint64_t step = 0;    // visible operations executed when it happened
  std::optional<TraceDecision> recorded;  // what the trace says; none when it had no more
  sim::Decision kind = sim::Decision::Thread;  // what the execution asked for
  std::uint32_t options = 0;                   // how many options it offered (0: it had ended)
  std::vector<std::string> enabled;  // thread decisions: the enabled threads' names
  std::string reason;                // one line: what was recorded, what was possible instead
};

// What a replay did.
struct ReplayResult {
  sim::Outcome outcome;  // the new outcome; meaningless after a divergence, which stops it
  std::vector<TraceEvent> events;    // the new event list
  std::optional<Divergence> divergence;  // set when a recorded decision was impossible
  bool matches = false;  // followed every decision and reached the recorded outcome
  // What the new outcome is under the trace's failure policy: an `ok` outcome with an uncaught
  // exception is a failure when the search that found it was told so.
  FailureKind failure = FailureKind::None;
};

// Follows a trace's decisions: the recorded thread by name among the enabled ones, after
// checking the decision's kind and number of options. At the first decision it cannot follow it
// notes a Divergence and stops the execution.
class ReplayStrategy final : public sim::Strategy {
 public:
  explicit ReplayStrategy(const std::vector<TraceDecision>& decisions) : decisions_(decisions) {}

  // Every execution follows the trace from its first decision.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;
  // The decisions followed (by index) as a schedule.
  const Schedule& schedule() const override { return schedule_; }

  // Decisions followed so far.
  std::size_t followed() const { return next_; }
  const std::optional<Divergence>& divergence() const { return divergence_; }
  // After the execution that ended with `outcome`: notes a divergence if recorded decisions
  // were left over.
  void finish(const sim::Runtime& rt, const sim::Outcome& outcome);

 private:
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind);
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n);
  void diverge(const sim::Runtime& rt, sim::Decision kind, std::uint32_t options,
               std::vector<std::string> enabled, std::string why);

  const std::vector<TraceDecision>& decisions_;
  std::size_t next_ = 0;
  std::optional<Divergence> divergence_;
  Schedule schedule_;
};

// Runs `body` (the trace's scenario with its parameters) under the trace's stdin, seed and
// limits, following its decisions, with events recorded, and judges the outcome by the trace's
// failure policy.
ReplayResult replay(const std::function<void()>& body, const Trace& trace);

// The JSON document `weft replay --json` prints (written next to the trace format).
std::string to_json(const ReplayResult& result);

}  // namespace weft::checker
