#include "cli/perfetto.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <vector>

#include "cli/json_text.hpp"

namespace weft::cli {

namespace {

constexpr double kStepUs = kTickUs / 2;  // a step's slice: half a tick, so that steps never touch
constexpr int kPid = 1;

int tid(std::size_t lane) { return static_cast<int>(lane) + 1; }

// A slice on a thread's track, before it is written.
struct Slice {
  double from, to;
  std::string name, cat, args;  // args: a JSON object's members, "" for none

  bool operator<(const Slice& o) const {  // by start, the longer first: parents before children
    return std::tie(from, o.to, name) < std::tie(o.from, to, o.name);
  }
};

class Writer {
 public:
  explicit Writer(const Timeline& t) : t_(t) {
    double at = 0;
    for (std::size_t i = 0; i < t.steps.size(); ++i) {
      const double virtual_us = t.steps[i].event->time * 1e6;
      at = i == 0 ? virtual_us : std::max(virtual_us, at + kTickUs);
      ts_.push_back(at);
    }
    end_ = std::max(t.end_time * 1e6, t.steps.empty() ? kTickUs : at + kTickUs);
    slices_.resize(t.threads.size());
  }

  std::string document(const std::string& title) {
    add_metadata(title);
    for (std::size_t i = 0; i < t_.steps.size(); ++i) add_step(i);
    std::vector<std::vector<Slice>> holds(t_.threads.size());
    for (const Span& s : t_.spans) {
      if (s.kind == Span::Kind::Hold) {
        holds[s.lane].push_back({ts_[*s.from], s.to ? ts_[*s.to] : end_, s.label, "lock", ""});
      } else {
        const double from = s.from ? ts_[*s.from] + kStepUs : 0;
        slices_[s.lane].push_back({from, s.to ? ts_[*s.to] : end_, s.label,
                                   span_kind_name(s.kind), ""});
      }
    }
    for (std::size_t l = 0; l < holds.size(); ++l) nest(holds[l], slices_[l]);
    for (std::size_t l = 0; l < slices_.size(); ++l) {
      std::sort(slices_[l].begin(), slices_[l].end());
      for (const Slice& s : slices_[l]) add_slice(l, s);
    }
    add_flows();
    std::string out = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
    for (std::size_t i = 0; i < events_.size(); ++i)
      out += events_[i] + (i + 1 < events_.size() ? ",\n" : "\n");
    return out + "]}\n";
  }

 private:
  void event(const std::string& ph, std::size_t lane, const std::string& rest) {
    events_.push_back("{\"ph\":\"" + ph + "\",\"pid\":" + std::to_string(kPid) +
                      ",\"tid\":" + std::to_string(tid(lane)) + "," + rest + "}");
  }

  void add_metadata(const std::string& title) {
    event("M", 0, "\"name\":\"process_name\",\"args\":{\"name\":" + json_string(title) + "}");
    for (std::size_t l = 0; l < t_.threads.size(); ++l) {
      event("M", l, "\"name\":\"thread_name\",\"args\":{\"name\":" + json_string(t_.threads[l]) +
                        "}");
      event("M", l, "\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":" +
                        std::to_string(l) + "}");
    }
  }

  void add_step(std::size_t i) {
    const Step& s = t_.steps[i];
    const checker::TraceEvent& e = *s.event;
    std::string args = "\"step\":" + std::to_string(e.step) +
                       ",\"virtual_time\":" + json_number(e.time);
    if (!s.wait_note.empty()) args += ",\"wait\":" + json_string(s.wait_note);
    slices_[s.lane].push_back({ts_[i], ts_[i] + kStepUs, s.action, "step", args});
    if (e.op == "print")
      event("i", s.lane, "\"name\":\"print\",\"cat\":\"print\",\"s\":\"t\",\"ts\":" +
                             json_number(ts_[i] + kStepUs / 2) + ",\"args\":{\"stream\":" +
                             json_string(e.object) + ",\"text\":" + json_string(e.text) + "}");
  }

  void add_slice(std::size_t lane, const Slice& s) {
    event("X", lane, "\"name\":" + json_string(s.name) + ",\"cat\":\"" + s.cat +
                         "\",\"ts\":" + json_number(s.from) +
                         ",\"dur\":" + json_number(s.to - s.from) + ",\"args\":{" + s.args + "}");
  }

  // Holds need not nest (a thread may release A before B): one that outlasts the hold it began
  // inside is cut where that one ends and goes on as a slice of its own, so that every track's
  // slices nest, as the format asks.
  static void nest(std::vector<Slice> holds, std::vector<Slice>& out) {
    std::multiset<Slice> todo(holds.begin(), holds.end());
    std::vector<double> open;  // ends of the enclosing holds, innermost last
    while (!todo.empty()) {
      Slice s = *todo.begin();
      todo.erase(todo.begin());
      while (!open.empty() && open.back() <= s.from) open.pop_back();
      if (!open.empty() && open.back() < s.to) {
        Slice rest = s;
        rest.from = open.back();
        rest.args = "\"continued\":true";
        todo.insert(rest);
        s.to = open.back();
      }
      open.push_back(s.to);
      out.push_back(std::move(s));
    }
  }

  // An arrow from the middle of the step that let a wait end to the middle of the step it let go:
  // each end lies inside that step's slice, which it binds to.
  void add_flows() {
    int id = 0;
    for (const Arrow& a : t_.arrows) {
      ++id;
      const std::string what = a.hand_off ? "\"cat\":\"hand-off\",\"name\":\"hands over\""
                                          : "\"cat\":\"wake\",\"name\":\"wakes\"";
      event("s", t_.steps[a.from].lane, what + ",\"id\":" + std::to_string(id) +
                                            ",\"ts\":" + json_number(ts_[a.from] + kStepUs / 2));
      event("f", t_.steps[a.to].lane, what + ",\"id\":" + std::to_string(id) + ",\"bp\":\"e\"" +
                                          ",\"ts\":" + json_number(ts_[a.to] + kStepUs / 2));
    }
  }

  const Timeline& t_;
  std::vector<double> ts_;  // each step's timestamp, microseconds
  double end_ = 0;
  std::vector<std::vector<Slice>> slices_;  // by lane
  std::vector<std::string> events_;
};

}  // namespace

std::string perfetto_json(const Timeline& t, const std::string& title) {
  return Writer(t).document(title);
}

}  // namespace weft::cli
