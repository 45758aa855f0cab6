// The tutorial's questions at the tutorial's own sizes (each scenario's defaults), asked the way a
// new user asks them: `weft check NAME` and `weft outputs NAME` with nothing else but a wall-clock
// budget, so that a search that cannot answer still ends. Each runs in a child process; the
// table gives its exit code (0 answered, 4 cut by a budget), wall seconds, peak resident set,
// and weft's own summary line (executions, states or classes, complete or why not) with the
// exact count where one was printed. README "Performance", "The tutorial at its own sizes".
//
//   build/bench/weft_tutorial_bench [SECONDS [WEFT]]
//
// SECONDS (default 60) is each search's --time-budget; WEFT (default: build/weft beside this
// one's directory) may be any build, so that two can be compared (before and after a change).
#include <cstdio>
#include <string>
#include <vector>

#include "child_run.hpp"

namespace {

// The summary line (the first), and the exact-count line if there is one, cut to fit a row.
std::string summary_of(const std::vector<std::string>& lines) {
  std::string s = lines.empty() ? "(no output)" : lines.front();
  for (const std::string& line : lines) {
    if (line.rfind("exact count:", 0) == 0) s += " | " + line;
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string seconds = argc > 1 ? argv[1] : "60";
  const std::string weft = argc > 2 ? argv[2] : weft_bench::weft_beside(argv[0]);
  const std::vector<std::vector<std::string>> questions = {
      {"check", "rlock"},
      {"outputs", "rlock"},
      {"check", "semaphore"},
      {"outputs", "semaphore"},
      {"check", "gil_counter"},
      {"outputs", "gil_counter"},
      {"check", "gil_counter", "-p", "lock=true"},
      {"outputs", "gil_counter", "-p", "lock=true"},
      {"outputs", "gil_counter", "--timing", "untimed", "-p", "threads=20"},
      {"outputs", "event_overtime"},
  };
  std::printf("(--time-budget %s, %s)\n", seconds.c_str(), weft.c_str());
  std::printf("%-58s %5s %8s %8s  %s\n", "command", "exit", "seconds", "peak MB", "summary");
  for (const auto& q : questions) {
    std::vector<std::string> args = q;
    args.insert(args.end(), {"--quiet", "--time-budget", seconds});
    std::string shown = "weft";
    for (const std::string& a : q) shown += " " + a;
    const weft_bench::ChildRun r = weft_bench::run_child(weft, args, true);
    std::printf("%-58s %5d %8.2f %8.1f  %s\n", shown.c_str(), r.exit_code, r.seconds,
                r.peak_kib / 1024.0, summary_of(r.lines).c_str());
    std::fflush(stdout);
  }
  return 0;
}
