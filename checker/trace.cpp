// Recording a trace: one more execution that follows a search's schedule by choice index, this
// time with events recorded and each picked thread noted by name, so that a replay can check
// that it follows the same threads and not merely the same indexes.
#include "checker/trace.hpp"

#include <algorithm>

#include "checker/version.hpp"

namespace weft::checker {

namespace {

// Follows a Schedule by index and notes every decision it makes, with the picked thread's name.
class FollowSchedule final : public sim::Strategy {
 public:
  explicit FollowSchedule(const Schedule& schedule) : schedule_(schedule) {}

  bool next_execution(sim::Plan&) override {
    next_ = 0;
    decisions_.clear();
    taken_.clear();
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    const std::size_t i = next_choice(r.options);
    const auto chosen = static_cast<std::uint32_t>(i);
    const auto options = static_cast<std::uint32_t>(r.options);
    decisions_.push_back(TraceDecision{
        r.kind, r.kind == sim::Decision::Value ? std::string() : rt.thread_name(r.enabled[i]),
        chosen, options});
    taken_.push_back(Choice{r.kind, chosen, options});
    return i;
  }
  const Schedule& schedule() const override { return taken_; }
  std::vector<TraceDecision>& decisions() { return decisions_; }

 private:
  // The recorded index. Choices with one option are skipped: the runtime asks no strategy about
  // those. Past the schedule's end, or beyond the options (a scenario that depends on something
  // weft does not control), the execution goes on as a first-choice search would.
  std::size_t next_choice(std::size_t n) {
    while (next_ < schedule_.size() && schedule_[next_].options < 2) ++next_;
    if (next_ == schedule_.size()) return 0;
    return std::min<std::size_t>(schedule_[next_++].chosen, n - 1);
  }

  const Schedule& schedule_;
  std::size_t next_ = 0;
  std::vector<TraceDecision> decisions_;
  Schedule taken_;  // the decisions as made
};

}  // namespace

const char* timing_name(sim::Timing timing) {
  return timing == sim::Timing::Untimed ? "untimed" : "exact";
}

const char* decision_name(sim::Decision kind) {
  switch (kind) {
    case sim::Decision::Thread: return "thread";
    case sim::Decision::TimerTie: return "timer-tie";
    case sim::Decision::Value: return "value";
  }
  return "?";
}

namespace {

// What print event `index` wrote: what its stream gained until the next event (or the end).
std::string printed(const sim::Runtime& rt, std::size_t index, const std::string& out,
                    const std::string& err_stream) {
  const std::vector<sim::Event>& events = rt.events();
  const bool err = rt.object_label(events[index].object) == "stderr";
  const std::string& stream = err ? err_stream : out;
  const auto at = [err](const sim::Event& e) { return err ? e.err_at : e.out_at; };
  const std::size_t from = std::min(at(events[index]), stream.size());
  const std::size_t to =
      index + 1 < events.size() ? std::min(at(events[index + 1]), stream.size()) : stream.size();
  return from < to ? stream.substr(from, to - from) : std::string();
}

}  // namespace

TraceEvent trace_event(const sim::Runtime& rt, std::size_t index, const std::string& out,
                       const std::string& err) {
  const sim::Event& e = rt.events()[index];
  TraceEvent told{e.step, sim::to_seconds(e.time), rt.thread_name(e.thread),
                  sim::op_name(e.kind), rt.object_label(e.object), e.result};
  if (e.kind == sim::OpKind::Print) told.text = printed(rt, index, out, err);
  told.waited = e.wait.waited;
  told.waited_after = e.wait.after;
  told.woken_by = e.wait.woken_by;
  for (const sim::ThreadId t : e.wait.held_by) told.held_by.push_back(rt.thread_name(t));
  return told;
}

std::vector<TraceEvent> trace_events(const sim::Runtime& rt, const sim::Outcome& outcome) {
  std::vector<TraceEvent> events;
  events.reserve(rt.events().size());
  for (std::size_t i = 0; i < rt.events().size(); ++i)
    events.push_back(trace_event(rt, i, outcome.out, outcome.err));
  return events;
}

Trace record_trace(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                   const Schedule& schedule) {
  sim::ExecutionSetup recording = setup;
  recording.record_events = true;
  FollowSchedule follow(schedule);
  sim::Runtime rt;
  Trace t;
  t.outcome = rt.execute(body, follow, recording);
  t.weft_version = kVersion;
  t.stdin_lines = setup.stdin_lines;
  t.seed = setup.seed;
  t.max_steps = setup.max_steps;
  t.max_time = sim::to_seconds(setup.max_time);
  t.timing = setup.timing;
  t.max_segments = setup.max_segments;
  t.decisions = std::move(follow.decisions());
  t.events = trace_events(rt, t.outcome);
  return t;
}

}  // namespace weft::checker
