// The searches of docs/state-caching.md's table, with the reduction, with state caching (with
// symmetry where the question is statuses), and as weft outputs and weft check choose (the
// reduction first for kReductionFirst executions, then state caching): whether each completes,
// its executions, states, wall time and peak memory. Each search runs in a child process of its
// own, so that its peak memory is its own.
// Run: build/bench/weft_state_caching_bench [--time-budget SECONDS] [--only COMMAND-PREFIX]
// (default 20 s a search; every row)
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "checker/memory.hpp"
#include "scenarios/registry.hpp"

namespace {

struct Row {
  const char* command;
  const char* scenario;
  std::map<std::string, std::string> params;
  bool outputs;  // weft outputs (states differ by stdout), else weft check (statuses)
  weft::sim::Timing timing = weft::sim::Timing::Exact;
};

enum class Search { Reduction, Caching, Default };

// The last line of the first outcome's stdout, or its status when it printed nothing.
std::string last_line(const weft::checker::Report& r) {
  if (r.outcomes.empty()) return "-";
  std::string out = r.outcomes.front().outcome.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  const std::size_t nl = out.rfind('\n');
  return nl == std::string::npos ? out : out.substr(nl + 1);
}

void run(const Row& row, Search search, double budget) {
  const weft::Scenario* s = weft::Registry::instance().find(row.scenario);
  if (s == nullptr) std::exit(2);
  const weft::Params p = s->resolve(row.params);
  weft::checker::Options o;
  o.state_caching = search != Search::Reduction;
  o.reduction_first = search == Search::Default ? weft::checker::kReductionFirst : 0;
  o.setup.timing = row.timing;
  o.outputs_matter = row.outputs;
  o.stop_at_failure = !row.outputs;
  o.keep_outcomes = row.outputs ? 20 : 0;
  o.time_budget = budget;
  o.max_executions = UINT64_MAX;
  o.setup.stdin_lines = s->stdin_lines;
  const weft::checker::Report r = weft::checker::explore([&] { s->body(p); }, o);
  const char* how = r.state_caching ? (r.symmetry ? "caching+symmetry" : "caching") : "reduction";
  const char* asked = search == Search::Default ? "default: " : "";
  std::printf("%-52s %-9s%-16s %-10s %12llu %10s %8.2f %8.1f %8llu  %s\n", row.command, asked, how,
              r.complete ? "complete" : "cut", static_cast<unsigned long long>(r.executions),
              r.state_caching ? std::to_string(r.states).c_str() : "-", r.seconds,
              static_cast<double>(weft::checker::peak_resident_bytes()) / (1 << 20),
              static_cast<unsigned long long>(r.distinct), last_line(r).c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  double budget = 20;
  std::string only;  // run only the rows whose command begins with it
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--time-budget") == 0) budget = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  using weft::sim::Timing;
  const std::vector<Row> rows = {
      {"weft check rlock", "rlock", {}, false},
      {"weft outputs gil_counter", "gil_counter", {}, true},
      {"weft outputs gil_counter -p lock=true", "gil_counter", {{"lock", "true"}}, true},
      {"weft outputs gil_counter -p threads=20 --timing untimed", "gil_counter",
       {{"threads", "20"}}, true, Timing::Untimed},
      {"weft check rlock -p threads=5", "rlock", {{"threads", "5"}}, false},
      {"weft outputs gil_counter -p threads=6", "gil_counter", {{"threads", "6"}}, true},
      {"weft outputs gil_counter -p threads=6 lock=true", "gil_counter",
       {{"threads", "6"}, {"lock", "true"}}, true},
      {"weft outputs gil_counter -p threads=5 --timing untimed", "gil_counter",
       {{"threads", "5"}}, true, Timing::Untimed},
      // The other built-in scenarios at their defaults, where the choice of search matters.
      {"weft outputs daemon", "daemon", {}, true},
      {"weft outputs event_class", "event_class", {}, true},
      {"weft outputs text_pipeline", "text_pipeline", {}, true},
      {"weft outputs thread_info", "thread_info", {}, true},
      {"weft outputs event_connect", "event_connect", {}, true},
      {"weft check semaphore", "semaphore", {}, false},
      {"weft check event_class", "event_class", {}, false},
      {"weft outputs event_overtime -p workers=2", "event_overtime", {{"workers", "2"}}, true},
      {"weft outputs event_overtime -p workers=3", "event_overtime", {{"workers", "3"}}, true},
      {"weft outputs event_overtime -p workers=4", "event_overtime", {{"workers", "4"}}, true},
      {"weft outputs event_overtime", "event_overtime", {}, true},
  };
  std::printf("%-52s %-9s%-16s %-10s %12s %10s %8s %8s %8s  %s\n", "command", "", "search",
              "result", "executions", "states", "seconds", "peak MB", "outcomes", "last line");
  std::fflush(stdout);  // before the children, which would print it again
  for (const Row& row : rows) {
    if (std::string(row.command).rfind(only, 0) != 0) continue;
    for (const Search search : {Search::Reduction, Search::Caching, Search::Default}) {
      const pid_t pid = fork();
      if (pid == 0) {
        run(row, search, budget);
        std::_Exit(0);
      }
      int status = 0;
      waitpid(pid, &status, 0);
    }
  }
  return 0;
}
