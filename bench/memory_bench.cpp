// Peak memory of the searches that grow with their run time: `weft outputs rlock` (text and
// --json) and `weft check rlock` at the tutorial's 10 threads, each run for a fixed time.
//
//   build/bench/weft_memory_bench [SECONDS [WEFT]]
//
// SECONDS (default 30) is each search's --time-budget; WEFT (default: the weft binary beside this
// one's directory, build/weft) may be any build, so that two can be compared. Each search runs in
// a child process with its output sent to /dev/null; its peak resident set comes from wait4().
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "child_run.hpp"

int main(int argc, char** argv) {
  const std::string seconds = argc > 1 ? argv[1] : "30";
  const std::string weft =
      argc > 2 ? argv[2] : weft_bench::weft_beside(argv[0]);
  // No execution budget: only the time budget (or --max-memory) ends these searches.
  const std::string many = "1000000000";
  const std::vector<std::pair<std::string, std::vector<std::string>>> searches = {
      {"outputs rlock", {"outputs", "rlock", "--time-budget", seconds, "--max-executions", many}},
      {"outputs rlock --json",
       {"outputs", "rlock", "--json", "--time-budget", seconds, "--max-executions", many}},
      {"check rlock", {"check", "rlock", "--time-budget", seconds, "--runs", many}},
  };
  std::printf("%-22s %12s %10s %5s   (--time-budget %s, %s)\n", "search", "peak RSS", "seconds",
              "exit", seconds.c_str(), weft.c_str());
  for (const auto& [label, args] : searches) {
    const weft_bench::ChildRun r = weft_bench::run_child(weft, args, false);
    std::printf("%-22s %9.1f MB %10.1f %5d\n", label.c_str(), r.peak_kib / 1024.0, r.seconds,
                r.exit_code);
    std::fflush(stdout);
  }
}
