#include "checker/replay.hpp"

#include "sim/runtime.hpp"

namespace weft::checker {

namespace {

std::string str(std::uint64_t n) { return std::to_string(n); }

// What a recorded decision says, in words.
std::string describe(const TraceDecision& d) {
  switch (d.kind) {
    case sim::Decision::Thread:
      return d.thread + " runs (" + str(d.options) + " threads enabled)";
    case sim::Decision::TimerTie:
      return d.thread + " goes first (" + str(d.options) + " threads due at once)";
    case sim::Decision::Value:
      return "choose(" + str(d.options) + ") returns " + str(d.chosen);
  }
  return "?";
}

// What the execution asks at a decision, in words.
std::string asked(sim::Decision kind, std::uint32_t options) {
  switch (kind) {
    case sim::Decision::Thread: return "which of " + str(options) + " enabled threads runs";
    case sim::Decision::TimerTie:
      return "which of " + str(options) + " threads due at once goes first";
    case sim::Decision::Value: return "a value for choose(" + str(options) + ")";
  }
  return "?";
}

std::string listed(const std::vector<std::string>& names) {
  if (names.empty()) return {};
  std::string s = "; enabled: ";
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

// Where `d`'s thread is among the enabled ones: the recorded index when the name is there (two
// threads may share a name), else the first with that name, else none.
std::optional<std::size_t> find_thread(const TraceDecision& d,
                                       const std::vector<std::string>& names) {
  if (d.chosen < names.size() && names[d.chosen] == d.thread) return d.chosen;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == d.thread) return i;
  return std::nullopt;
}

}  // namespace

// Every step is observed, lone picks included: choose() cannot be refused, so after a divergence
// there the execution stops at its next scheduling point, whichever it is.
bool ReplayStrategy::next_execution(sim::Plan& plan) {
  next_ = 0;
  divergence_.reset();
  schedule_.clear();
  plan.observe_from = 0;
  plan.ask_alone = true;
  return true;
}

std::size_t ReplayStrategy::pick(const sim::Runtime& rt, const sim::Request& r) {
  const std::size_t i = r.kind == sim::Decision::Value ? pick_value(rt, r.options)
                                                        : pick_thread(rt, r.threads(), r.kind);
  if (i != kStop && r.options > 1)
    schedule_.push_back(Choice{r.kind, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(r.options)});
  return i;
}

std::size_t ReplayStrategy::pick_thread(const sim::Runtime& rt,
                                        std::span<const sim::ThreadId> enabled,
                                        sim::Decision kind) {
  if (divergence_) return kStop;
  if (enabled.size() == 1) return 0;  // no decision: the trace has no entry for it
  std::vector<std::string> names;
  for (sim::ThreadId t : enabled) names.push_back(rt.thread_name(t));
  const auto n = static_cast<std::uint32_t>(enabled.size());
  if (next_ == decisions_.size()) {
    diverge(rt, kind, n, names, "the trace has no more decisions, but the replay asks " +
                                    asked(kind, n));
    return kStop;
  }
  const TraceDecision& d = decisions_[next_];
  if (d.kind != kind || d.options != n) {
    diverge(rt, kind, n, names, "the trace says " + describe(d) + ", but the replay asks " +
                                    asked(kind, n));
    return kStop;
  }
  const std::optional<std::size_t> at = find_thread(d, names);
  if (!at) {
    diverge(rt, kind, n, names,
            "the trace says " + describe(d) + ", but " + d.thread + " is not enabled");
    return kStop;
  }
  ++next_;
  return *at;
}

std::size_t ReplayStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  const auto options = static_cast<std::uint32_t>(n);
  if (divergence_) return 0;
  if (next_ == decisions_.size()) {
    diverge(rt, sim::Decision::Value, options, {},
            "the trace has no more decisions, but the replay asks " +
                asked(sim::Decision::Value, options));
    return 0;
  }
  const TraceDecision& d = decisions_[next_];
  if (d.kind != sim::Decision::Value || d.options != options || d.chosen >= n) {
    diverge(rt, sim::Decision::Value, options, {},
            "the trace says " + describe(d) + ", but the replay asks " +
                asked(sim::Decision::Value, options));
    return 0;
  }
  ++next_;
  return d.chosen;
}

void ReplayStrategy::finish(const sim::Runtime& rt, const sim::Outcome& outcome) {
  if (divergence_ || next_ == decisions_.size()) return;
  diverge(rt, decisions_[next_].kind, 0, {},
          std::string("the replay ended (") + sim::status_name(outcome.status) + ") with " +
              str(decisions_.size() - next_) +
              (decisions_.size() - next_ == 1 ? " recorded decision" : " recorded decisions") +
              " left; the next says " +
              describe(decisions_[next_]));
}

void ReplayStrategy::diverge(const sim::Runtime& rt, sim::Decision kind, std::uint32_t options,
                             std::vector<std::string> enabled, std::string why) {
  Divergence d;
  d.decision = next_;
  d.step = rt.steps();
  if (next_ < decisions_.size()) d.recorded = decisions_[next_];
  d.kind = kind;
  d.options = options;
  d.reason = std::move(why) + listed(enabled);
  d.enabled = std::move(enabled);
  divergence_ = std::move(d);
}

ReplayResult replay(const std::function<void()>& body, const Trace& trace) {
  sim::ExecutionSetup setup;
  setup.max_steps = trace.max_steps;
  setup.max_time = sim::from_seconds(trace.max_time);
  setup.timing = trace.timing;
  setup.max_segments = trace.max_segments;
  setup.stdin_lines = trace.stdin_lines;
  setup.seed = trace.seed;
  setup.record_events = true;
  ReplayStrategy follow(trace.decisions);
  sim::Runtime rt;
  ReplayResult r;
  r.outcome = rt.execute(body, follow, setup);
  follow.finish(rt, r.outcome);
  r.events = trace_events(rt, r.outcome);
  r.divergence = follow.divergence();
  r.matches = !r.divergence && r.outcome.same_as(trace.outcome);
  r.failure = failure_kind(r.outcome, trace.failures);
  return r;
}

}  // namespace weft::checker
