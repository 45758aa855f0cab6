// What describing the outcomes (checker/describe.hpp) costs a search where every execution is a
// new outcome: rlock with 10 threads (40 lines per outcome, each outcome distinct), the search
// cut after N executions, with the description on and off.
// Run: build/bench/weft_describe_bench on|off [EXECUTIONS [RUNS]]  (Release build)
// Instructions per execution, independent of the machine's load: under callgrind with N and 2N
// executions, the difference divided by N, on and off, e.g.
//   valgrind --tool=callgrind build/bench/weft_describe_bench on 2000 1
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "scenarios/registry.hpp"

int main(int argc, char** argv) {
  const bool on = argc < 2 || std::string(argv[1]) != "off";
  const std::uint64_t executions = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100000;
  const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
  const weft::Scenario* s = weft::Registry::instance().find("rlock");
  const weft::Params p = s->resolve({{"threads", "10"}});
  weft::checker::Options opt;
  opt.keep_outcomes = 0;
  opt.max_executions = executions;
  opt.describe_lines = on ? weft::checker::kDescribedLines : 0;
  std::vector<double> rates;
  for (int run = 0; run < runs; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = weft::checker::explore([&] { s->body(p); }, opt);
    const double sec =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rates.push_back(static_cast<double>(r.executions) / sec);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("rlock threads=10, description %s: %.0f executions/s median, %.0f best\n",
              on ? "on " : "off", rates[rates.size() / 2], rates.back());
}
