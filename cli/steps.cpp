#include "cli/steps.hpp"

#include <cctype>
#include <cstdio>
#include <map>

namespace weft::cli {

namespace {

// Operations whose result tells something even when it is 0: a timeout, a failed try, a value.
bool shows_result(const std::string& op, std::int64_t result) {
  static const char* const kValued[] = {"acquire", "wait",   "join",   "get",  "put",
                                        "load",    "choose", "random", "query"};
  for (const char* v : kValued)
    if (op == v) return true;
  return result != 0 && op != "store";
}

std::string action(const checker::TraceEvent& e) {
  if (e.op == "print") {
    const std::string stream = e.object == "stdout" ? "" : e.object + " ";
    return "print " + stream + "\"" + one_line(e.text) + "\"";
  }
  std::string s = e.op;
  if (!e.object.empty()) s += " " + e.object;
  if (e.op == "store" && e.result != 0) s.append(" <- ").append(std::to_string(e.result));
  // An acquire that got its lock or permit says so by being there; one that did not is marked.
  if (e.op == "acquire") {
    if (e.result != 1) s.append(" -> ").append(std::to_string(e.result)).append(" (not acquired)");
    return s;
  }
  if (shows_result(e.op, e.result)) s.append(" -> ").append(std::to_string(e.result));
  return s;
}

std::string names(const std::vector<std::string>& threads) {
  std::string s;
  for (std::size_t i = 0; i < threads.size(); ++i)
    s += (i == 0 ? "" : i + 1 == threads.size() ? " and " : ", ") + threads[i];
  return s;
}

// "Thread-1, Thread-2".
std::string holders(const std::vector<std::string>& held_by) {
  std::string s;
  for (std::size_t i = 0; i < held_by.size(); ++i) s += (i ? ", " : "") + held_by[i];
  return s;
}

// "waited since #12 while Thread-2 held it; handed over by Thread-2's release (#19)".
std::string wait_note(const Step& s, const std::vector<checker::TraceEvent>& events) {
  const checker::TraceEvent& e = *s.event;
  std::string note = e.op == "sleep" ? "slept" : "waited";
  note += s.waited_after ? " since " + step_name(events[*s.waited_after].step)
                         : std::string(" from the start");
  // Only a lock or a permit is held; a joined thread holds itself, which says nothing.
  if (!e.held_by.empty() && e.op == "acquire") note += " while " + names(e.held_by) + " held it";
  if (s.woken_by) {
    const checker::TraceEvent& w = events[*s.woken_by];
    const bool hand_off = e.op == "acquire" && w.op == "release";
    note += std::string("; ") + (hand_off ? "handed over" : "woken") + " by " + w.thread + "'s " +
            w.op + " (" + step_name(w.step) + ")";
  } else if (e.op != "sleep") {
    note += "; its timeout came";
  }
  return note;
}

}  // namespace

std::string wait_label(const checker::TraceEvent& e) {
  if (e.op == "sleep") return "sleeps";
  std::string s = e.op == "acquire" ? "waits for " + e.object
                  : e.op == "join"  ? "waits to join " + e.object
                  : e.op == "wait"  ? "waits on " + e.object
                  : e.op == "get"   ? "waits to get from " + e.object
                  : e.op == "put"   ? "waits to put into " + e.object
                                    : "waits in " + e.op + (e.object.empty() ? "" : " " + e.object);
  if (!e.held_by.empty() && e.op == "acquire") s += ", held by " + holders(e.held_by);
  return s;
}

std::string stuck_label(const sim::BlockedThread& b) {
  if (b.op == "exit") return "waits at exit for " + holders(b.held_by);
  if (b.op == "spin") return "spins reading " + b.object;
  checker::TraceEvent e{0, 0, b.thread, b.op, b.object, 0};
  e.held_by = b.held_by;
  return wait_label(e);
}

std::string step_name(std::uint64_t step) {
  std::string s = "#";  // appended to: g++ 12 warns falsely (-Wrestrict) about "#" + string
  s += std::to_string(step);
  return s;
}

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

std::string one_line(const std::string& text) {
  std::string out;
  const std::size_t end = !text.empty() && text.back() == '\n' ? text.size() - 1 : text.size();
  for (std::size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b && i + 1 < end && text[i + 1] == '[') {  // a colour code: ESC [ digits ; m
      std::size_t j = i + 2;
      while (j < end && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == ';')) ++j;
      if (j < end && text[j] == 'm') {
        i = j;
        continue;
      }
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::vector<double> stdout_line_times(const std::vector<checker::TraceEvent>& events,
                                      const std::string& out) {
  std::vector<double> times;
  std::string printed;
  bool line_open = false;  // the last line printed has no newline yet
  for (const checker::TraceEvent& e : events) {
    if (e.op != "print" || e.object != "stdout") continue;
    printed += e.text;
    for (const char c : e.text) {
      if (!line_open) times.push_back(e.time);
      line_open = c != '\n';
    }
  }
  if (printed != out) return {};
  return times;
}

Steps read_steps(const std::vector<checker::TraceEvent>& events) {
  Steps out;
  std::map<std::string, std::size_t> lane;
  std::map<std::uint64_t, std::size_t> by_step;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const checker::TraceEvent& e = events[i];
    if (lane.emplace(e.thread, lane.size()).second) out.threads.push_back(e.thread);
    by_step.emplace(e.step, i);
    Step s{&e, lane[e.thread], action(e), e.waited, std::nullopt, std::nullopt, {}};
    if (e.waited) {
      const auto after = by_step.find(e.waited_after);
      if (after != by_step.end()) s.waited_after = after->second;
      const auto woke = by_step.find(e.woken_by);
      if (e.woken_by != 0 && woke != by_step.end()) s.woken_by = woke->second;
      s.wait_note = wait_note(s, events);
    }
    out.steps.push_back(std::move(s));
  }
  return out;
}

}  // namespace weft::cli
