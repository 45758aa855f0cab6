#include "cli/timeline.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "cli/report.hpp"

namespace weft::cli {

namespace {

// Locks and permits each lane holds, counted (an RLock taken twice is released twice).
class Holds {
 public:
  explicit Holds(std::vector<Span>& out) : out_(out) {}

  void step(std::size_t i, const Step& s) {
    const checker::TraceEvent& e = *s.event;
    const auto key = std::make_pair(s.lane, e.object);
    if (e.op == "acquire" && e.result == 1 && count_[key]++ == 0)
      open_[key] = i;
    if (e.op == "release" && count_[key] > 0 && --count_[key] == 0) {
      out_.push_back({Span::Kind::Hold, s.lane, open_[key], i, "holds " + e.object});
      open_.erase(key);
    }
  }

  // What is still held at the end.
  void end() {
    for (const auto& [key, from] : open_)
      out_.push_back({Span::Kind::Hold, key.first, from, std::nullopt, "holds " + key.second});
  }

 private:
  std::vector<Span>& out_;
  std::map<std::pair<std::size_t, std::string>, int> count_;
  std::map<std::pair<std::size_t, std::string>, std::size_t> open_;  // where each hold began
};

bool stuck_end(sim::Status s) { return s == sim::Status::Deadlock || s == sim::Status::Livelock; }

// Where each lane is at the end: stuck (deadlock, livelock), or MainThread waiting at exit
// while the program's other threads ran on.
void end_spans(Timeline& t, const sim::Outcome& outcome) {
  std::vector<std::optional<std::size_t>> last(t.threads.size());
  std::map<std::string, std::size_t> started;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    last[t.steps[i].lane] = i;
    if (t.steps[i].event->op == "start") started[t.steps[i].event->object] = i;
  }
  for (std::size_t l = 0; l < t.threads.size(); ++l) {
    if (!last[l] && started.count(t.threads[l]) != 0) last[l] = started[t.threads[l]];
    const auto b = std::find_if(outcome.blocked.begin(), outcome.blocked.end(),
                                [&](const sim::BlockedThread& x) { return x.thread == t.threads[l]; });
    if (stuck_end(outcome.status) && b != outcome.blocked.end()) {
      t.spans.push_back({Span::Kind::Stuck, l, last[l], std::nullopt, stuck_label(*b)});
    } else if (l == 0 && last[l] && t.steps[*last[l]].event->op == "end" &&
               *last[l] + 1 < t.steps.size()) {
      t.spans.push_back({Span::Kind::Wait, l, last[l], std::nullopt, "waits at exit"});
    }
  }
}

void read_cycle(Timeline& t, const sim::Outcome& outcome) {
  for (const sim::BlockedThread* b : wait_cycle(outcome)) {
    const auto at = std::find(t.threads.begin(), t.threads.end(), b->thread);
    if (at == t.threads.end()) continue;
    t.cycle.push_back(static_cast<std::size_t>(at - t.threads.begin()));
    t.cycle_objects.push_back(b->object);
  }
}

}  // namespace

const char* span_kind_name(Span::Kind kind) {
  switch (kind) {
    case Span::Kind::Hold: return "hold";
    case Span::Kind::Wait: return "wait";
    case Span::Kind::Sleep: return "sleep";
    case Span::Kind::Stuck: return "stuck";
  }
  return "?";
}

Timeline read_timeline(const std::vector<checker::TraceEvent>& events,
                       const sim::Outcome& outcome) {
  Steps steps = read_steps(events);
  Timeline t{std::move(steps.threads), std::move(steps.steps), {}, {}, {}, {},
             outcome.status, sim::to_seconds(outcome.end_time)};
  for (const sim::BlockedThread& b : outcome.blocked)
    if (std::find(t.threads.begin(), t.threads.end(), b.thread) == t.threads.end())
      t.threads.push_back(b.thread);
  Holds holds(t.spans);
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    holds.step(i, s);
    if (s.waited) {
      const bool sleep = s.event->op == "sleep";
      t.spans.push_back({sleep ? Span::Kind::Sleep : Span::Kind::Wait, s.lane, s.waited_after, i,
                         wait_label(*s.event)});
    }
    if (s.woken_by)
      t.arrows.push_back({*s.woken_by, i,
                          events[*s.woken_by].op == "release" && s.event->op == "acquire"});
  }
  holds.end();
  end_spans(t, outcome);
  read_cycle(t, outcome);
  // By lane, then by where they begin (a hold at its step, the others just after theirs).
  const auto begins = [](const Span& s) {
    return s.from ? 2 * *s.from + 1 + (s.kind == Span::Kind::Hold ? 0 : 1) : 0;
  };
  std::stable_sort(t.spans.begin(), t.spans.end(), [&](const Span& a, const Span& b) {
    return a.lane != b.lane ? a.lane < b.lane : begins(a) < begins(b);
  });
  return t;
}

}  // namespace weft::cli
