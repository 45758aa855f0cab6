#include "cli/step_screen.hpp"

#include <algorithm>

#include "cli/report.hpp"
#include "cli/steps.hpp"

namespace weft::cli {

namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// A thread's next operation: "acquire Lock mutexA", "print" (to stdout; its text is not known
// before it runs).
std::string next_op(const checker::ThreadView& t) {
  if (t.object.empty() || (t.op == "print" && t.object == "stdout")) return t.op;
  return t.op + " " + t.object;
}

// Whether it can take it, and if not what it waits for and who holds that.
std::string standing(const checker::ThreadView& t) {
  if (t.can_step) return "can run";
  if (t.op == "exit") return "waits at exit for " + listed(t.held_by);
  if (t.op == "sleep") return "sleeps until " + seconds(t.deadline) + " s";
  std::string s = "waits";
  // A joined thread holds itself, which says nothing more.
  if (t.op == "join") {
    s += " for " + t.object + " to end";
  } else if (!t.held_by.empty()) {
    s += ", held by " + listed(t.held_by);
  }
  if (t.deadline >= 0) s += "; times out at " + seconds(t.deadline) + " s";
  return s;
}

void draw_steps(std::ostream& os, const checker::StepView& v) {
  if (v.since >= v.events.size()) return;
  const Steps steps = read_steps(v.events);
  os << (v.since == 0 ? "steps so far:\n" : "since the last choice:\n");
  for (std::size_t i = v.since; i < steps.steps.size(); ++i) {
    const Step& s = steps.steps[i];
    os << "  " << padded(step_name(s.event->step), 5) << " " << s.event->thread << "  "
       << s.action << "\n";
  }
}

void draw_threads(std::ostream& os, const checker::StepView& v) {
  std::size_t name_width = 0, op_width = 0;
  for (const checker::ThreadView& t : v.threads) {
    name_width = std::max(name_width, t.name.size());
    op_width = std::max(op_width, next_op(t).size());
  }
  os << "threads:\n";
  for (const checker::ThreadView& t : v.threads)
    os << "  " << padded(t.name, name_width) << "  " << padded(next_op(t), op_width) << "  "
       << standing(t) << (t.daemon ? " (daemon)" : "") << "\n";
}

void draw_objects(std::ostream& os, const checker::StepView& v) {
  std::size_t width = 0;
  for (const checker::ObjectView& o : v.objects) width = std::max(width, o.name.size());
  bool heading = false;
  for (const checker::ObjectView& o : v.objects) {
    std::string what = o.held_by.empty() ? "" : "held by " + listed(o.held_by);
    if (!o.state.empty()) what += (what.empty() ? "" : "; ") + o.state;
    if (what.empty()) continue;  // it has nothing to say
    if (!heading) os << "objects:\n";
    heading = true;
    os << "  " << padded(o.name, width) << "  " << what << "\n";
  }
}

void draw_stream(std::ostream& os, const std::string& name, const std::string& text) {
  if (text.empty()) return;
  os << name << " so far:\n";
  for (const std::string& line : split_lines(text)) os << "  | " << line << "\n";
}

void draw_choices(std::ostream& os, const checker::StepView& v) {
  switch (v.kind) {
    case sim::Decision::Thread: os << "which thread runs next?\n"; break;
    case sim::Decision::TimerTie: os << "threads due at the same instant: which goes first?\n"; break;
    case sim::Decision::Value:
      os << v.chooser << " asks for a choice (choose(" << v.options.size()
         << "), or how the network cuts data): which value?\n";
      break;
  }
  for (std::size_t i = 0; i < v.options.size(); ++i) {
    os << "  " << i + 1 << ") " << choice_name(v, i);
    if (v.kind != sim::Decision::Value) {
      const auto t = std::find_if(v.threads.begin(), v.threads.end(),
                                  [&](const checker::ThreadView& u) { return u.name == v.options[i]; });
      if (t != v.threads.end()) os << ": " << next_op(*t);
    }
    os << "\n";
  }
}

}  // namespace

std::string choice_name(const checker::StepView& v, std::size_t i) {
  return v.kind == sim::Decision::Value ? "value " + v.options[i] : v.options[i];
}

void draw_screen(std::ostream& os, const checker::StepView& v, std::size_t taken) {
  if (v.ended) {
    os << "--- the end, after " << taken << (taken == 1 ? " choice" : " choices")
       << ", at virtual time " << seconds(v.time) << " s ---\n";
    draw_steps(os, v);
    print_run(os, v.outcome);
    os << "(undo goes back; save FILE keeps this execution; quit leaves)\n";
    return;
  }
  os << "--- choice " << taken + 1 << ", at virtual time " << seconds(v.time) << " s ---\n";
  draw_steps(os, v);
  draw_threads(os, v);
  draw_objects(os, v);
  draw_stream(os, "stdout", v.out);
  draw_stream(os, "stderr", v.err);
  draw_choices(os, v);
}

}  // namespace weft::cli
