// How fast fuzzing finds a known bug: PCT (and random, for comparison) on the `deadlock`
// scenario with its default 10 threads. For each of 20 seeds: the runs needed to reach the
// deadlock and the wall time of the whole search (shrinking included); the medians are the
// figures to watch (target: under 1 s).
// Run: build/bench/weft_fuzz_bench [threads]  (Release build)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "checker/fuzz.hpp"
#include "scenarios/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void bench_fuzzer(weft::checker::Fuzzer fuzzer, const std::string& threads) {
  const weft::Scenario* s = weft::Registry::instance().find("deadlock");
  const weft::Params params = s->resolve({{"threads", threads}});
  constexpr int kSeeds = 20;
  std::vector<std::uint64_t> runs;
  std::vector<double> seconds;
  int missed = 0;
  for (int i = 0; i < kSeeds; ++i) {
    weft::checker::Options opt;
    opt.max_executions = 100000;
    opt.setup.seed = static_cast<std::uint64_t>(i) * 1'000'003;
    const auto t0 = Clock::now();
    const auto r = weft::checker::fuzz([&] { s->body(params); }, opt, fuzzer);
    seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    runs.push_back(r.failure ? r.failure->run : r.runs);
    missed += r.failure ? 0 : 1;
  }
  std::printf("%-6s deadlock threads=%s: median %llu runs (max %llu), median %.6f s (max %.6f s), "
              "%d of %d seeds missed\n",
              weft::checker::fuzzer_name(fuzzer), threads.c_str(),
              static_cast<unsigned long long>(median(runs)),
              static_cast<unsigned long long>(*std::max_element(runs.begin(), runs.end())),
              median(seconds), *std::max_element(seconds.begin(), seconds.end()), missed, kSeeds);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string threads = argc > 1 ? argv[1] : "10";
  bench_fuzzer(weft::checker::Fuzzer::Pct, threads);
  bench_fuzzer(weft::checker::Fuzzer::Random, threads);
  return 0;
}
