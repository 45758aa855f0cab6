// The speed-up of the exhaustive reduced search on several OS threads (checker/split.hpp,
// explore_on_jobs): the same search with --jobs 1 (the search in one piece) and --jobs 2 (its
// prefixes handed out to two threads), alternated five times so that a machine shared with
// other work loads both alike; the medians and their ratio, the executions each made (the split
// search makes more: docs/scale.md), the CPU seconds of all threads, and the load average.
// Run: build/bench/weft_split_jobs_bench [scenario [name=value ...]]  (Release build)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "checker/split.hpp"
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
  std::map<std::string, std::string> given;
  for (int i = 2; i < argc; ++i) {
    const std::string kv = argv[i];
    const auto eq = kv.find('=');
    if (eq != std::string::npos) given[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (argc <= 2 && name == "rlock") given["threads"] = "5";
  const weft::Scenario* s = weft::Registry::instance().find(name);
  if (s == nullptr) {
    std::fprintf(stderr, "no scenario %s\n", name.c_str());
    return 2;
  }
  const weft::Params params = s->resolve(given);
  const auto body = [&] { s->body(params); };
  std::printf("load average before: %.2f\n", load_average());
  std::vector<double> seconds[2], cpu[2];
  std::uint64_t made[2] = {0, 0}, distinct[2] = {0, 0};
  for (int round = 0; round < 5; ++round) {
    for (unsigned jobs : {1u, 2u}) {
      weft::checker::Options opt;
      opt.setup.stdin_lines = s->stdin_lines;
      const auto t0 = Clock::now();
      const std::clock_t c0 = std::clock();
      const weft::checker::Report r = jobs == 1 ? weft::checker::explore(body, opt)
                                                : weft::checker::explore_on_jobs(body, opt, jobs);
      seconds[jobs - 1].push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      cpu[jobs - 1].push_back(static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
      made[jobs - 1] = r.executions;
      distinct[jobs - 1] = r.distinct;
      if (!r.complete) std::printf("(incomplete: %s)\n", r.cut_by.c_str());
    }
  }
  const double one = median(seconds[0]), two = median(seconds[1]);
  std::printf(
      "%s: --jobs 1 median %.3f s (%llu executions, %llu outcomes, %.3f CPU s), --jobs 2 "
      "median %.3f s (%llu executions, %llu outcomes, %.3f CPU s): speed-up %.2fx\n",
      name.c_str(), one, static_cast<unsigned long long>(made[0]),
      static_cast<unsigned long long>(distinct[0]), median(cpu[0]), two,
      static_cast<unsigned long long>(made[1]), static_cast<unsigned long long>(distinct[1]),
      median(cpu[1]), one / two);
  std::printf("load average after: %.2f (2 cores)\n", load_average());
  return 0;
}
