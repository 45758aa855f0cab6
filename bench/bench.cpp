// weft's performance figures: fiber switch cost, fiber life cycle, executions per second and
// peak memory of exhaustive search on `daemon` and on the lock-counter model.
// Run: build/bench/weft_bench [LABEL-PREFIX [EXECUTIONS [RUNS]]]  (Release build)
// With RUNS > 1 each rate is measured RUNS times and reported as the median and the best: on a
// shared machine a run is only ever slowed by others, so the best is the machine's own figure.
// Instructions per execution, independent of the machine's load: run a search under callgrind
// with N and with 2N executions and divide the difference by N, e.g.
//   valgrind --tool=callgrind build/bench/weft_bench "lock counter N=2" 100000
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "models.hpp"
#include "scenarios/registry.hpp"
#include "sim/fiber.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Two fibers switching to each other: the cost of one switch.
void bench_switch() {
  using weft::sim::Fiber;
  // Static, as the fibers are (their entry functions cannot capture), and made before them: a
  // parked fiber gives its stack back to its pool when it is destroyed.
  static weft::sim::StackPool pool;
  static Fiber host, a;
  static long remaining;
  constexpr long kSwitches = 20'000'000;
  remaining = kSwitches;
  a.create(pool, Fiber::Entry{
                     [](void*) {
                       while (--remaining > 0) Fiber::switch_to(a, host);
                     },
                     [](void*, std::exception_ptr) {}, [](void*) -> Fiber& { return host; },
                     nullptr});
  const auto t0 = Clock::now();
  while (a.suspended()) Fiber::switch_to(host, a);
  const double s = seconds_since(t0);
  // Each round trip is two switches: host to a, a to host.
  std::printf("fiber switch:                 %6.2f ns\n", s * 1e9 / static_cast<double>(2 * kSwitches));

  constexpr long kFibers = 2'000'000;
  const auto t1 = Clock::now();
  for (long i = 0; i < kFibers; ++i) {
    Fiber f;
    f.create(pool, Fiber::Entry{[](void*) {}, [](void*, std::exception_ptr) {},
                                [](void*) -> Fiber& { return host; }, nullptr});
    Fiber::switch_to(host, f);
  }
  std::printf("pooled fiber create+run+end:  %6.2f ns\n",
              seconds_since(t1) * 1e9 / static_cast<double>(kFibers));
}

int g_runs = 1;  // measurements per rate (RUNS)

void bench_search(const char* label, const std::function<void()>& body, std::uint64_t min_execs,
                  const weft::checker::Options& opt = {}) {
  std::size_t outcomes = 0;
  std::uint64_t per_search = 0;
  std::vector<double> rates;
  for (int run = 0; run < g_runs; ++run) {
    // Repeat whole searches until enough executions have run for a stable figure.
    std::uint64_t execs = 0;
    const auto t0 = Clock::now();
    while (execs < min_execs) {
      const auto r = weft::checker::explore_all(body, opt);
      execs += r.executions;
      per_search = r.executions;
      outcomes = r.outcomes.size();
    }
    rates.push_back(static_cast<double>(execs) / seconds_since(t0));
  }
  std::sort(rates.begin(), rates.end());
  std::printf("%-28s %9.0f executions/s", label, rates[rates.size() / 2]);
  if (rates.size() > 1) std::printf(" median, best %9.0f of %zu runs", rates.back(), rates.size());
  std::printf("  (%llu executions per search, %zu outcomes)\n",
              static_cast<unsigned long long>(per_search), outcomes);
}

}  // namespace

int main(int argc, char** argv) {
  // An argument runs only the searches whose label starts with it (for profiling).
  const std::string only = argc > 1 ? argv[1] : "";
  const std::uint64_t execs = argc > 2 ? std::stoull(argv[2]) : 2'000'000;
  g_runs = argc > 3 ? std::max(1, std::stoi(argv[3])) : 1;
  auto wanted = [&](const char* label) { return std::string(label).rfind(only, 0) == 0; };
  if (only.empty()) bench_switch();
  const weft::Scenario* daemon = weft::Registry::instance().find("daemon");
  const weft::Params params = daemon->resolve({});
  if (wanted("daemon")) bench_search("daemon", [&] { daemon->body(params); }, execs);
  if (wanted("lock counter N=2"))
    bench_search("lock counter N=2 K=2", [] { weft::bench::lock_counter(2, 2); }, execs);
  if (wanted("lock counter N=3"))
    bench_search("lock counter N=3 K=1", [] { weft::bench::lock_counter(3, 1); }, execs);
  // What an execution's parts cost, for profiling: run only when named. Each search is a
  // thousand executions of main choosing a value, then: nothing more (the bare execution), a
  // thread started and joined, two writes.
  auto named = [&](const char* label) { return !only.empty() && wanted(label); };
  if (named("part: bare")) bench_search("part: bare", [] { weft::choose(1000); }, execs);
  if (named("part: thread"))
    bench_search("part: thread", [] {
      weft::choose(1000);
      weft::Thread t([] {});
      t.start();
      t.join();
    }, execs);
  if (named("part: writes"))
    bench_search("part: writes", [] {
      weft::choose(1000);
      weft::Shared<int> x(0);
      x.store(1);
      x.store(2);
    }, execs);
  // A supervised search (cli/supervisor.hpp) hears of every execution's outcome group, to keep
  // the counts its parent reports should the child die: what that costs per execution.
  if (named("streamed daemon")) {
    static std::atomic<std::uint64_t> counts[64];
    weft::checker::Options streamed;
    streamed.on_outcome = [](std::size_t index, const weft::checker::OutcomeGroup& g) {
      if (index < 64) counts[index].store(g.count, std::memory_order_relaxed);
    };
    bench_search("streamed daemon", [&] { daemon->body(params); }, execs, streamed);
  }
  std::printf("peak memory (RSS):            %6ld KiB\n", peak_rss_kib());
  return 0;
}
