#include "cli/narration.hpp"

#include "checker/in_flight.hpp"
#include "checker/narrated.hpp"
#include "checker/version.hpp"
#include "cli/notes.hpp"

namespace weft::cli {

namespace {

class ToParent : public checker::Listener {
 public:
  void decided(const checker::TraceDecision& d) override { send_note(notes::decision(d)); }
  void happened(std::size_t index, const checker::TraceEvent& e) override {
    send_note(notes::event(index, e));
  }
};

// The child: the execution, told as it goes, and its outcome once it has ended.
int run_narrated(const Prepared& p, const sim::ExecutionSetup& setup,
                 const checker::Schedule& schedule) {
  ToParent listener;
  checker::Narrated narrated(schedule, listener);
  sim::ExecutionSetup recording = setup;
  recording.record_events = true;
  sim::Runtime rt;
  checker::note_execution(schedule, recording);  // the last words carry the output
  const sim::Outcome& o = rt.execute([&p] { p.scenario->body(p.params); }, narrated, recording);
  narrated.finish(rt, o);
  send_note(notes::outcome(o));
  return 0;
}

// The trace's outcome: the one the child told, or its end in its last words.
sim::Outcome outcome_of(const ChildEnd& end, const std::vector<checker::TraceEvent>& events,
                        const std::optional<sim::Outcome>& told) {
  if (end.how == ChildEnd::How::Finished && told) return *told;
  sim::Outcome o;
  o.status = status_of(end);
  o.message = end.message;
  if (end.under_way) {
    o.out = end.under_way->out;
    o.err = end.under_way->err;
  }
  if (!events.empty()) o.end_time = sim::from_seconds(events.back().time);
  return o;
}

// A process that crashed or ran away right after a print told its event before the text was
// written: the text is what the output holds beyond the earlier prints.
void complete_last_print(checker::Trace& t) {
  for (const bool err : {false, true}) {
    const std::string stream = err ? "stderr" : "stdout";
    const std::string& out = err ? t.outcome.err : t.outcome.out;
    checker::TraceEvent* last = nullptr;
    std::string before;
    for (checker::TraceEvent& e : t.events) {
      if (e.op != "print" || e.object != stream) continue;
      if (last != nullptr) before += last->text;
      last = &e;
    }
    if (last != nullptr && last->text.empty() && out.size() > before.size() &&
        out.compare(0, before.size(), before) == 0)
      last->text = out.substr(before.size());
  }
}

}  // namespace

sim::Status status_of(const ChildEnd& end) {
  switch (end.how) {
    case ChildEnd::How::Crashed: return sim::Status::Crashed;
    case ChildEnd::How::Runaway: return sim::Status::Runaway;
    default: return sim::Status::Ok;
  }
}

Narration narrate(const Prepared& p, const sim::ExecutionSetup& setup,
                  const checker::Schedule& schedule, const Supervision& supervision,
                  const std::string& strategy) {
  Narration n;
  n.end = supervise([&] { return run_narrated(p, setup, schedule); }, supervision);
  checker::Trace& t = n.trace;
  std::optional<sim::Outcome> told;
  for (const std::string& note : n.end.notes) {
    if (auto d = notes::read_decision(note)) {
      t.decisions.push_back(std::move(*d));
    } else if (auto e = notes::read_event(note)) {
      if (t.events.size() <= e->first) t.events.resize(e->first + 1);
      t.events[e->first] = std::move(e->second);
    } else if (auto o = notes::read_outcome(note)) {
      told = std::move(*o);
    }
  }
  t.weft_version = kVersion;
  t.scenario = p.scenario->name;
  t.params = p.params.values();
  t.stdin_lines = setup.stdin_lines;
  t.seed = setup.seed;
  t.strategy = strategy;
  t.max_steps = setup.max_steps;
  t.max_time = sim::to_seconds(setup.max_time);
  t.timing = setup.timing;
  t.max_segments = setup.max_segments;
  t.outcome = outcome_of(n.end, t.events, told);
  complete_last_print(t);
  return n;
}

}  // namespace weft::cli
