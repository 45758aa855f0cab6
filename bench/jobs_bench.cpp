// The speed-up of fuzzing on several OS threads (checker/fuzz_jobs.hpp): the same 20,000 runs
// (a scenario none of whose runs fails, so all are made) with --jobs 1 and --jobs 2, alternated
// five times so that a machine shared with other work loads both alike; the medians and their
// ratio, the runs per second, the CPU seconds each spent (all threads: what --jobs 2 costs beyond
// --jobs 1, whatever the load), and the load average before and after, which says how many cores
// the two threads actually had.
// Run: build/bench/weft_jobs_bench [scenario [runs]]  (Release build)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "checker/fuzz.hpp"
#include "scenarios/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double load_average() {
  double load = -1;
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf", &load) != 1) load = -1;
    std::fclose(f);
  }
  return load;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string name = argc > 1 ? argv[1] : "rlock";
  const std::uint64_t runs = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20000;
  const weft::Scenario* s = weft::Registry::instance().find(name);
  if (s == nullptr) {
    std::fprintf(stderr, "no scenario %s\n", name.c_str());
    return 2;
  }
  const weft::Params params = s->resolve({});
  std::printf("load average before: %.2f\n", load_average());
  for (const auto fuzzer : {weft::checker::Fuzzer::Random, weft::checker::Fuzzer::Pct}) {
    std::vector<double> seconds[2], cpu[2];
    std::uint64_t made[2] = {0, 0};
    for (int round = 0; round < 5; ++round) {
      for (unsigned jobs : {1u, 2u}) {
        weft::checker::Options opt;
        opt.max_executions = runs;
        const auto t0 = Clock::now();
        const std::clock_t c0 = std::clock();
        const auto r = weft::checker::fuzz([&] { s->body(params); }, opt, fuzzer, jobs);
        seconds[jobs - 1].push_back(std::chrono::duration<double>(Clock::now() - t0).count());
        cpu[jobs - 1].push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
        made[jobs - 1] = r.runs;
      }
    }
    const double one = median(seconds[0]), two = median(seconds[1]);
    std::printf("%-6s %s, %llu runs: --jobs 1 median %.3f s (%.0f runs/s, %.3f CPU s), --jobs 2 "
                "median %.3f s (%.0f runs/s, %.3f CPU s): speed-up %.2fx\n",
                weft::checker::fuzzer_name(fuzzer), name.c_str(),
                static_cast<unsigned long long>(made[0]), one, made[0] / one, median(cpu[0]), two,
                made[1] / two, median(cpu[1]), one / two);
  }
  std::printf("load average after: %.2f (2 cores)\n", load_average());
  return 0;
}
