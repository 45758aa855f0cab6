// What partial-order reduction saves and what it costs: for each model, the executions of the
// reduced search against the naive one (every schedule, cut by a budget when huge), the optimal
// count where it is known by hand, wall time and executions per second of both searches.
// Run: build/bench/weft_dpor_bench [MODEL-PREFIX] [--seconds S] [--only reduced|naive] [--repeat N]
//   MODEL-PREFIX  only the models whose label starts with it
//   --seconds S   repeat each search until S seconds have passed, for stable rates (default 0.5)
//   --only, --repeat  profiling: run N searches (default 1) of one kind, print no table:
//     valgrind --tool=callgrind build/bench/weft_dpor_bench counter-2x2 --only reduced --repeat 500
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "checker/dfs.hpp"
#include "checker/explore.hpp"
#include "models.hpp"
#include "scenarios/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Each thread: lock A, lock B, unlock B, unlock A, twice. The acquisition orders are the
// classes: 6!/(2!)^3 = 90 for the order of the three threads' first A ... (as lock_counter N=3,
// K=2, since holding A serialises everything).
void fixed_lock_order(int n) {
  weft::Lock a("A"), b("B");
  for (int i = 0; i < n; ++i) {
    auto t = std::make_shared<weft::Thread>([a, b] {
      for (int k = 0; k < 2; ++k) a.acquire(), b.acquire(), b.release(), a.release();
    });
    t->start();
  }
}

struct Model {
  const char* label;
  std::function<void()> body;
  std::vector<std::string> stdin_lines;
  std::uint64_t optimal;       // equivalence classes, 0 when not known
  std::uint64_t naive_budget;  // executions the naive search may take
};

struct Run {
  weft::checker::Report report;  // of the last search
  double seconds = 0;            // per search, averaged
};

// Repeats the search until `min_seconds` have passed (at least once).
Run measure(const Model& m, bool reduction, double min_seconds) {
  weft::checker::Options opt;
  opt.reduction = reduction;
  opt.max_executions = m.naive_budget;
  opt.setup.stdin_lines = m.stdin_lines;
  Run run;
  int searches = 0;
  const auto t0 = Clock::now();
  double spent = 0;
  do {
    run.report = weft::checker::explore(m.body, opt);
    ++searches;
    spent = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (spent < min_seconds);
  run.seconds = spent / searches;
  return run;
}

// The equivalence class of an execution, from its recorded events: which events each thread ran,
// at which virtual time, the values choose() returned, and on each object the order of its
// writes with the set of reads between each two. Two executions with the same key have the same
// happens-before order.
std::string class_key(const weft::sim::Runtime& rt) {
  using weft::sim::OpKind;
  const std::uint32_t threads_id = rt.world().threads_object.id();
  std::vector<std::uint32_t> seq(rt.thread_count(), 0);
  std::vector<std::uint64_t> key(rt.thread_count(), 0);  // events per thread, filled at the end
  // Per object: its accesses as (thread << 32 | seq), reads marked by the top bit.
  std::map<std::uint32_t, std::vector<std::uint64_t>> objects;
  for (const weft::sim::Event& e : rt.events()) {
    const std::uint64_t id = (std::uint64_t{e.thread} << 32) | ++seq[e.thread];
    key.push_back(static_cast<std::uint64_t>(e.time));
    if (e.kind == OpKind::Choose) key.push_back(static_cast<std::uint64_t>(e.result));
    constexpr std::uint64_t kCommutes = 1ULL << 63;
    const bool read = e.access == weft::sim::Access::Read;
    const bool changes_threads = e.kind == OpKind::Start || e.kind == OpKind::End;
    // Starts and ends commute with each other but not with listing the threads: on the set of
    // live threads they are the "reads" and a listing the "write".
    if (changes_threads) objects[threads_id].push_back(id | kCommutes);
    if (e.object != 0 && !(changes_threads && e.object == threads_id))
      objects[e.object].push_back(id | (read != (e.object == threads_id) ? kCommutes : 0));
  }
  for (std::size_t t = 0; t < seq.size(); ++t) key[t] = seq[t];
  for (auto& [object, accesses] : objects) {
    // Reads between two writes commute: sort each run of them.
    for (auto run = accesses.begin(); run != accesses.end();) {
      auto end = std::find_if(run, accesses.end(), [](std::uint64_t a) { return a >> 63 == 0; });
      std::sort(run, end);
      run = end == accesses.end() ? end : end + 1;
    }
    key.push_back(object);
    key.insert(key.end(), accesses.begin(), accesses.end());
  }
  return std::string(reinterpret_cast<const char*>(key.data()), key.size() * sizeof key[0]);
}

// The classes among every schedule of the model (the fewest executions a reduced search can
// take), or 0 when there are more than `budget` schedules.
std::uint64_t count_classes(const std::function<void()>& body,
                            const std::vector<std::string>& stdin_lines, std::uint64_t budget) {
  weft::sim::Runtime rt;
  weft::checker::DfsStrategy dfs;
  weft::sim::ExecutionSetup setup;
  setup.stdin_lines = stdin_lines;
  setup.record_events = true;
  std::unordered_set<std::string> classes;
  weft::sim::Plan plan;
  for (std::uint64_t n = 0; dfs.next_execution(plan); ++n) {
    if (n == budget) return 0;
    rt.execute(body, dfs, setup, plan);
    classes.insert(class_key(rt));
    plan = weft::sim::Plan{};
  }
  return classes.size();
}

Model scenario(const char* label, const std::string& name, std::map<std::string, std::string> p,
               std::uint64_t optimal, std::uint64_t budget) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  if (s == nullptr) {
    std::fprintf(stderr, "no scenario %s\n", name.c_str());
    std::exit(2);
  }
  const weft::Params params = s->resolve(p);
  return Model{label, [s, params] { s->body(params); }, s->stdin_lines, optimal, budget};
}

}  // namespace

int main(int argc, char** argv) {
  std::string only_model, only_search;
  double min_seconds = 0.5;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc) {
      min_seconds = std::stod(argv[++i]);
    } else if (a == "--only" && i + 1 < argc) {
      only_search = argv[++i];
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::stoi(argv[++i]);
    } else {
      only_model = a;
    }
  }
  constexpr std::uint64_t kBudget = 200'000;
  const std::vector<Model> models = {
      {"counter-2x2", [] { weft::bench::lock_counter(2, 2); }, {}, 6, kBudget},
      {"counter-3x2", [] { weft::bench::lock_counter(3, 2); }, {}, 90, kBudget},
      {"counter-3x3", [] { weft::bench::lock_counter(3, 3); }, {}, 1680, kBudget},
      {"lock-order-3", [] { fixed_lock_order(3); }, {}, 90, kBudget},
      scenario("deadlock-3", "deadlock", {{"threads", "3"}}, 0, 400000),
      scenario("rlock-3", "rlock", {{"threads", "3"}}, 0, 400000),
      scenario("gil_counter-4", "gil_counter", {{"threads", "4"}}, 0, 10000000),
      scenario("daemon", "daemon", {}, 6, kBudget),
      scenario("gil_counter-3", "gil_counter", {{"threads", "3"}}, 0, 10000000),
      scenario("gil_counter-2", "gil_counter", {{"threads", "2"}}, 0, 10000000),
      // Workers waiting on one event: classes by the count in tests/reduction_test.cpp. At 5
      // workers (the scenario's default) both searches are cut at a million executions.
      scenario("overtime-2", "event_overtime", {{"workers", "2"}}, 300, kBudget),
      scenario("overtime-3", "event_overtime", {{"workers", "3"}}, 12960, kBudget),
      scenario("overtime-5", "event_overtime", {{"workers", "5"}}, 83462400, 1000000),
  };
  std::printf("%-14s %9s %8s %9s %6s %10s %10s %10s %10s %8s\n", "model", "reduced", "optimal",
              "naive", "ratio", "red. ms", "naive ms", "red. ex/s", "naive ex/s", "rate x");
  for (const Model& m : models) {
    if (std::string(m.label).rfind(only_model, 0) != 0) continue;
    if (!only_search.empty()) {  // profiling: a fixed amount of work, no table
      std::uint64_t executions = 0;
      for (int i = 0; i < repeat; ++i)
        executions += measure(m, only_search == "reduced", 0).report.executions;
      std::printf("%s %s: %llu executions\n", m.label, only_search.c_str(),
                  static_cast<unsigned long long>(executions));
      continue;
    }
    const Run red = measure(m, true, min_seconds);
    const Run naive = measure(m, false, min_seconds);
    const auto re = red.report.executions, ne = naive.report.executions;
    const double red_rate = static_cast<double>(re) / red.seconds;
    const double naive_rate = static_cast<double>(ne) / naive.seconds;
    const std::uint64_t classes =
        m.optimal != 0 ? m.optimal : count_classes(m.body, m.stdin_lines, m.naive_budget);
    char optimal[24] = "?";
    if (classes != 0) std::snprintf(optimal, sizeof optimal, "%s%llu", m.optimal ? "" : "~",
                                    static_cast<unsigned long long>(classes));
    char naive_count[24];
    std::snprintf(naive_count, sizeof naive_count, "%s%llu", naive.report.complete ? "" : ">=",
                  static_cast<unsigned long long>(ne));
    std::printf("%-14s %9llu %8s %9s %6.1f %10.2f %10.2f %10.0f %10.0f %8.2f\n", m.label,
                static_cast<unsigned long long>(re), optimal, naive_count,
                static_cast<double>(ne) / static_cast<double>(re), red.seconds * 1e3,
                naive.seconds * 1e3, red_rate, naive_rate, naive_rate / red_rate);
    if (!red.report.complete) std::printf("  (reduced search cut: %s)\n", red.report.cut_by.c_str());
  }
  return 0;
}
