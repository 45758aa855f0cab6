// Wall time and peak memory of `weft outputs` where the output set is too large to list: rlock at
// the tutorial's 10 threads (its default), in text and --json, and semaphore at the sizes its
// search completes, each with --sample 3. Each runs as its own child process (its output in a
// file, from which the exact count line is shown); peak resident set from wait4().
//
//   build/bench/weft_outputs_bench [WEFT]
//
// WEFT (default: build/weft beside this one's directory) may be any build, so that two can be
// compared (before and after a change).
#include <cstdio>
#include <string>
#include <vector>

#include "child_run.hpp"

namespace {

// The line that gives the exact count, if any (JSON: the distinct_outcomes field).
std::string count_of(const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    const bool json = line.find("\"distinct_outcomes\"") != std::string::npos;
    if (line.rfind("exact count:", 0) == 0 || json) return line.substr(0, 60);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  const std::string weft = argc > 1 ? argv[1] : weft_bench::weft_beside(argv[0]);
  const std::vector<std::vector<std::string>> commands = {
      {"outputs", "rlock", "--sample", "3"},
      {"outputs", "rlock", "--sample", "3", "--json"},
      {"outputs", "semaphore", "-p", "threads=4", "--sample", "3"},
      {"outputs", "semaphore", "-p", "threads=5", "--sample", "3"},
  };
  std::printf("%-52s %9s %9s %5s  %s\n", "command", "seconds", "peak MB", "exit", "count");
  for (const auto& args : commands) {
    std::string shown = "weft";
    for (const std::string& a : args) shown += " " + a;
    const weft_bench::ChildRun r = weft_bench::run_child(weft, args, true);
    std::printf("%-52s %9.2f %9.1f %5d  %s\n", shown.c_str(), r.seconds,
                static_cast<double>(r.peak_kib) / 1024, r.exit_code, count_of(r.lines).c_str());
    std::fflush(stdout);
  }
  return 0;
}
