#include "cli/lanes_rows.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "cli/steps.hpp"

namespace weft::cli {

namespace {

// What each lane does between its steps, row by row.
class Picture {
 public:
  Picture(const std::vector<checker::TraceEvent>& events, const sim::Outcome& outcome)
      : events_(events), outcome_(outcome), steps_(read_steps(events)), threads_(steps_.threads) {
    for (const sim::BlockedThread& b : outcome.blocked) {
      stuck_[b.thread] = &b;
      // A thread stuck before its first step gets a lane too.
      if (std::find(threads_.begin(), threads_.end(), b.thread) == threads_.end())
        threads_.push_back(b.thread);
    }
    first_.assign(threads_.size(), events.size());
    last_.assign(threads_.size(), events.size());
    steps_of_.resize(threads_.size());
    woke_.resize(events.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      const Step& s = steps_.steps[i];
      if (first_[s.lane] == events.size()) first_[s.lane] = i;
      last_[s.lane] = i;
      steps_of_[s.lane].push_back(i);
      if (s.woken_by) woke_[*s.woken_by].push_back(i);
      if (events[i].op == "start") started_[events[i].object] = i;
    }
  }

  const std::vector<std::string>& threads() const { return threads_; }

  std::vector<Row> rows() const {
    std::vector<Row> out;
    std::string time;
    for (std::size_t i = 0; i < events_.size(); ++i) {
      const std::string t = seconds(events_[i].time);
      Row row{t == time ? "" : t, step_name(events_[i].step), {}};
      time = t;
      for (std::size_t l = 0; l < threads_.size(); ++l) row.cells.push_back(cell(l, i));
      out.push_back(std::move(row));
    }
    if (std::optional<Row> end = end_row(time)) out.push_back(std::move(*end));
    return out;
  }

 private:
  bool stuck(std::size_t l) const { return stuck_.count(threads_[l]) != 0; }
  bool never_stepped(std::size_t l) const { return first_[l] == events_.size(); }

  // Whether lane l's thread exists at row i: from its start (MainThread: from the beginning)
  // until its end, after which a thread that is not MainThread is gone.
  bool alive(std::size_t l, std::size_t i) const {
    const auto s = started_.find(threads_[l]);
    const std::size_t from = s != started_.end() ? s->second + 1 : l == 0 ? 0 : first_[l];
    if (never_stepped(l)) return s != started_.end() && i >= from;
    if (i < from && i < first_[l]) return false;
    return !(i > last_[l] && events_[last_[l]].op == "end" && l != 0 && !stuck(l));
  }

  Cell cell(std::size_t l, std::size_t i) const {
    const Step& s = steps_.steps[i];
    if (s.lane == l) return acting(i);
    if (!alive(l, i)) return {};
    if (std::optional<Cell> w = waiting(l, i)) return *w;
    return {"|", Look::Plain, '|'};
  }

  // The step itself, with who let it go and whom it lets go.
  Cell acting(std::size_t i) const {
    const Step& s = steps_.steps[i];
    std::string text = s.action;
    if (s.woken_by) text += " (" + waker_phrase(*s.woken_by, i) + ")";
    for (const std::size_t k : woke_[i])
      text += "; " + (hand_off(i, k) ? std::string("hands over to ") : std::string("wakes ")) +
              events_[k].thread;
    return {text, s.woken_by ? Look::Wake : Look::Step, ' '};
  }

  bool hand_off(std::size_t waker, std::size_t woken) const {
    return events_[waker].op == "release" && events_[woken].op == "acquire";
  }

  std::string waker_phrase(std::size_t waker, std::size_t woken) const {
    return std::string(hand_off(waker, woken) ? "handed over by " : "woken by ") +
           events_[waker].thread + " " + step_name(events_[waker].step);
  }

  // Lane l waits at row i: for a step it takes later, or for good at the end.
  std::optional<Cell> waiting(std::size_t l, std::size_t i) const {
    const std::vector<std::size_t>& mine = steps_of_[l];
    if (const auto next = std::upper_bound(mine.begin(), mine.end(), i); next != mine.end()) {
      const Step& s = steps_.steps[*next];
      if (!s.waited) return std::nullopt;
      const std::size_t from = s.waited_after ? *s.waited_after + 1 : 0;
      if (i < from) return std::nullopt;
      const bool sleep = s.event->op == "sleep";
      const char m = sleep ? '~' : ':';
      if (i != from) return Cell{std::string(1, m), Look::Wait, m};
      return Cell{std::string(1, m) + " " + wait_label(*s.event), Look::Wait, m};
    }
    const bool main_at_exit = l == 0 && !never_stepped(l) && events_[last_[l]].op == "end";
    if (!stuck(l) && !main_at_exit) return std::nullopt;
    if (!never_stepped(l) && i <= last_[l]) return std::nullopt;
    const std::size_t from = never_stepped(l) ? started_.at(threads_[l]) + 1 : last_[l] + 1;
    if (i != from) return Cell{":", Look::Wait, ':'};
    return Cell{": " + (stuck(l) ? stuck_label(*stuck_.at(threads_[l])) : "waits at exit"),
                Look::Wait, ':'};
  }

  // The end: every stuck thread marked, and daemon threads the program's end cut off.
  std::optional<Row> end_row(const std::string& last_time) const {
    const bool stuck_end =
        outcome_.status == sim::Status::Deadlock || outcome_.status == sim::Status::Livelock;
    Row row{seconds(sim::to_seconds(outcome_.end_time)), "end", {}};
    if (row.time == last_time) row.time.clear();
    bool any = false;
    for (std::size_t l = 0; l < threads_.size(); ++l) {
      Cell c;
      if (stuck_end && stuck(l)) {
        c = {std::string(outcome_.status == sim::Status::Deadlock ? "DEADLOCK: " : "LIVELOCK: ") +
                 stuck_label(*stuck_.at(threads_[l])),
             Look::Stuck, ' '};
      } else if (outcome_.status == sim::Status::Ok && l != 0 && alive(l, events_.size()) &&
                 !(never_stepped(l) ? false : events_[last_[l]].op == "end")) {
        c = {"cut off at exit (daemon)", Look::Stuck, ' '};
      }
      any = any || !c.text.empty();
      row.cells.push_back(std::move(c));
    }
    if (!any) return std::nullopt;
    return row;
  }

  const std::vector<checker::TraceEvent>& events_;
  const sim::Outcome& outcome_;
  Steps steps_;
  std::vector<std::string> threads_;
  std::map<std::string, const sim::BlockedThread*> stuck_;
  std::map<std::string, std::size_t> started_;  // the row of each thread's start
  std::vector<std::size_t> first_, last_;       // each lane's first and last row
  std::vector<std::vector<std::size_t>> steps_of_;  // by lane: the rows of its steps
  std::vector<std::vector<std::size_t>> woke_;      // by row: the steps it let go
};

}  // namespace

LaneRows lane_rows(const std::vector<checker::TraceEvent>& events, const sim::Outcome& outcome) {
  const Picture picture(events, outcome);
  return {picture.threads(), picture.rows()};
}

}  // namespace weft::cli
