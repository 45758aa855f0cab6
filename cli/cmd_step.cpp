// weft step: the learner is the scheduler. At each decision the screen (cli/step_screen.hpp)
// shows what every thread would do next; a number or a thread's name picks, undo and redo move
// along the choices, `deadlock` asks the checker for a choice that leads to one, `save FILE`
// writes the execution as a trace `weft replay` reads. Each screen is the execution run again from
// its start along the choices taken (checker/step_through.hpp).
#include <unistd.h>

#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "checker/explore.hpp"
#include "checker/trace.hpp"
#include "cli/commands.hpp"
#include "cli/cut_short.hpp"
#include "cli/step_screen.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

namespace {

constexpr const char* kHelp =
    "  NUMBER or NAME  take that choice (a thread's name picks that thread)\n"
    "  undo            take back the last choice\n"
    "  redo            take again the last choice taken back\n"
    "  deadlock        find a choice from here that leads to a deadlock (redo then follows it)\n"
    "  save FILE       write this execution as a trace for weft replay (past the choices taken,\n"
    "                  each decision takes its first choice)\n"
    "  show            draw the screen again (so does an empty line)\n"
    "  help            this list\n"
    "  quit            leave (so does the end of input)\n";

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

class Session {
 public:
  Session(const Prepared& p, const sim::ExecutionSetup& setup, const StepArgs& a, std::ostream& os)
      : p_(p), setup_(setup), args_(a), os_(os),
        body_([&p] { p.scenario->body(p.params); }) {}

  void show() {
    view_ = checker::step_to(body_, setup_, taken_);
    if (view_.diverged)
      os_ << "note: the program did not do what it did before along these choices: it depends on "
             "something weft does not control\n";
    draw_screen(os_, view_, taken_.size());
  }
  // Runs one command line; false when the session is over.
  bool command(const std::string& line);

 private:
  void pick(std::size_t i);
  void take(const checker::Choice& c);
  void undo();
  void redo();
  void deadlock();
  void save(const std::string& path);
  std::optional<std::size_t> choice_of(const std::string& word) const;

  const Prepared& p_;
  const sim::ExecutionSetup& setup_;
  const StepArgs& args_;
  std::ostream& os_;
  std::function<void()> body_;
  checker::Schedule taken_;
  checker::Schedule undone_;  // redo takes them from the back
  checker::StepView view_;
};

std::optional<std::size_t> Session::choice_of(const std::string& word) const {
  if (word.find_first_not_of("0123456789") == std::string::npos && word.size() < 10) {
    const std::size_t n = std::stoul(word);
    if (n >= 1 && n <= view_.options.size()) return n - 1;
    return std::nullopt;
  }
  if (view_.kind == sim::Decision::Value) return std::nullopt;
  for (std::size_t i = 0; i < view_.options.size(); ++i)
    if (view_.options[i] == word) return i;
  return std::nullopt;
}

bool Session::command(const std::string& raw) {
  const std::string line = trimmed(raw);
  const std::string word = line.substr(0, line.find(' '));
  if (line.empty() || line == "show") {
    draw_screen(os_, view_, taken_.size());
  } else if (line == "quit" || line == "q" || line == "exit") {
    return false;
  } else if (line == "help" || line == "?") {
    os_ << kHelp;
  } else if (line == "undo" || line == "u") {
    undo();
  } else if (line == "redo") {
    redo();
  } else if (line == "deadlock") {
    deadlock();
  } else if (word == "save") {
    const std::string path = trimmed(line.substr(4));
    if (path.empty()) {
      os_ << "save needs a file name: save FILE\n";
    } else {
      save(path);
    }
  } else if (view_.ended) {
    os_ << "'" << line << "': the execution has ended (undo goes back; help lists the commands)\n";
  } else if (const auto i = choice_of(line)) {
    pick(*i);
  } else if (line.find_first_not_of("0123456789") == std::string::npos) {
    os_ << "no choice " << line << ": the choices are 1 to " << view_.options.size() << "\n";
  } else {
    os_ << "'" << line << "' is not a choice here nor a command (help lists them)\n";
  }
  return true;
}

void Session::pick(std::size_t i) {
  const checker::Choice c{view_.kind, static_cast<std::uint32_t>(i),
                          static_cast<std::uint32_t>(view_.options.size())};
  // Taking the choice redo would take keeps the rest of what was undone.
  if (!undone_.empty() && undone_.back().chosen == c.chosen && undone_.back().kind == c.kind &&
      undone_.back().options == c.options) {
    undone_.pop_back();
  } else {
    undone_.clear();
  }
  take(c);
}

void Session::take(const checker::Choice& c) {
  taken_.push_back(c);
  show();
}

void Session::undo() {
  if (taken_.empty()) {
    os_ << "nothing to undo: no choice taken yet\n";
    return;
  }
  undone_.push_back(taken_.back());
  taken_.pop_back();
  show();
}

void Session::redo() {
  if (undone_.empty()) {
    os_ << "nothing to redo\n";
    return;
  }
  const checker::Choice c = undone_.back();
  undone_.pop_back();
  take(c);
}

void Session::deadlock() {
  const checker::DeadlockSearch found =
      checker::find_deadlock(body_, setup_, taken_, args_.max_executions, args_.time_budget);
  const std::string tried = std::to_string(found.executions) +
                            (found.executions == 1 ? " execution" : " executions");
  if (!found.found) {
    if (found.complete) {
      os_ << "no choice from here leads to a deadlock (all " << tried << " from here tried)\n";
    } else {
      os_ << "no deadlock in the first " << tried << " from here; the search stopped there "
          << "(--max-executions, --time-budget), so one may still exist\n";
    }
    return;
  }
  if (found.schedule.size() == taken_.size()) {
    os_ << "this execution ends in a deadlock already (" << tried << " tried)\n";
    return;
  }
  // The path by thread name, as a trace names it.
  const checker::Trace t = checker::record_trace(body_, setup_, found.schedule);
  std::string path;
  for (std::size_t i = taken_.size(); i < t.decisions.size(); ++i) {
    const checker::TraceDecision& d = t.decisions[i];
    path += (i == taken_.size() ? "" : ", ") +
            (d.kind == sim::Decision::Value ? "value " + std::to_string(d.chosen) : d.thread);
  }
  const std::size_t first = found.schedule[taken_.size()].chosen;
  os_ << "deadlock: choose " << first + 1 << " (" << choice_name(view_, first)
      << "); the whole way from here: " << path << " (found in " << tried
      << "; redo follows it)\n";
  undone_.assign(found.schedule.rbegin(),
                 found.schedule.rbegin() +
                     static_cast<std::ptrdiff_t>(found.schedule.size() - taken_.size()));
}

void Session::save(const std::string& path) {
  checker::Options opt;
  opt.setup = setup_;
  try {
    const checker::Trace t = make_trace(p_, opt, taken_, "step");
    checker::write_trace(path, t);
    os_ << "saved " << path << ": " << sim::status_name(t.outcome.status) << " after "
        << t.decisions.size() << (t.decisions.size() == 1 ? " decision" : " decisions")
        << " (replay it: " << replay_command(path) << ")\n";
  } catch (const checker::TraceError& e) {
    os_ << "not saved: " << e.what() << "\n";
  }
}

// The session itself, in the supervised child: one prompt after another until quit or the end of
// the input.
int session(const Prepared& p, const sim::ExecutionSetup& setup, const StepArgs& sa) {
  // Piped commands are echoed, so that a transcript reads as the session went.
  const bool echo = isatty(STDIN_FILENO) == 0;
  std::ostream& os = std::cout;
  os << "weft step " << p.scenario->name;
  for (const auto& [k, v] : p.params.values()) os << " " << k << "=" << v;
  os << ": you are the scheduler (help lists the commands)\n";
  Session session(p, setup, sa, os);
  session.show();
  std::string line;
  while (true) {
    os << "step> " << std::flush;
    if (!std::getline(std::cin, line)) {
      os << "\n";
      break;
    }
    // Flushed: the next screen may never come (user code that crashes on the way to it).
    if (echo) os << line << "\n" << std::flush;
    if (!session.command(line)) break;
  }
  os << std::flush;
  return 0;
}

}  // namespace

// The session runs in a supervised child (cli/supervisor.hpp), as every search does: user code
// that crashes or never returns to weft while a screen is made is a finding with its trace, not
// the end of weft. At the prompt no execution is under way, so waiting for the learner is no
// runaway.
int cmd_step(const RunArgs& ra, const StepArgs& sa) {
  const Prepared p = prepare(ra);
  checker::Options opt;
  sim::ExecutionSetup& setup = opt.setup;
  setup.max_steps = sa.max_steps;
  setup.max_time = sim::from_seconds(sa.max_time);
  setup.stdin_lines = p.stdin_lines;
  setup.seed = ra.seed;
  setup.timing = timing_of(ra);
  setup.max_segments = ra.max_segments;
  Supervision sup{sa.runaway_after};
  sup.interactive = true;
  const ChildEnd end = supervise([&] { return session(p, setup, sa); }, sup);
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  return report_cut_step(end, p, opt, "weft-trace-" + p.scenario->name + ".json", sup);
}

}  // namespace weft::cli
