// The preemption-bounded search with reduction (checker/dpor_bound.cpp) against the bounded
// search without it: the same outcomes at every bound, and far fewer executions on wide programs.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "checker/explore.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"
#include "support.hpp"

namespace {

using weft::checker::Options;
using weft::checker::Report;

Report bounded(const std::function<void()>& body, std::uint32_t k, bool reduction,
               const std::vector<std::string>& stdin_lines = {}) {
  Options opt;
  opt.reduction = reduction;
  opt.max_preemptions = k;
  opt.max_executions = 200000;  // a budget: every search here needs far fewer
  opt.setup.stdin_lines = stdin_lines;
  return weft::checker::explore(body, opt);
}

// `writers` threads each store 1 then 2 in a cell of its own; a reader checks that the first
// writer's cell does not hold 1, which it sees only if that writer is preempted between its
// stores. Main starts them all and joins them, so that the threads' order is free from the join
// on (a switch from a thread that blocked or ended is no preemption).
void wide(int writers) {
  std::vector<weft::Shared<int>> cells;
  for (int i = 0; i < writers; ++i) cells.emplace_back(0, std::string("c") += std::to_string(i));
  std::vector<std::unique_ptr<weft::Thread>> ts;
  for (int i = 0; i < writers; ++i) {
    ts.push_back(std::make_unique<weft::Thread>([c = cells[i]] {
      c.store(1);
      c.store(2);
    }));
  }
  ts.push_back(std::make_unique<weft::Thread>([c = cells[0]] {
    weft::check(c.load() != 1, "saw the first writer half way");
  }));
  for (const auto& t : ts) t->start();
  for (const auto& t : ts) t->join();
}

Report check_wide(int writers, std::uint32_t k, bool reduction) {
  Options opt;
  opt.reduction = reduction;
  opt.max_preemptions = k;
  opt.stop_at_failure = true;
  return weft::checker::explore([writers] { wide(writers); }, opt);
}

}  // namespace

TEST_CASE("a wide program's bug that needs one preemption: found at bound 1 with reduction",
          "[reduction][bounded]") {
  // The writers touch cells of their own: their steps commute, and the only races are the
  // reader's load against writer 0's stores. The first execution runs, once main blocks in its
  // join, each thread to its end in id order (no preemption): the reader last, reading 2. Its
  // load races with the store of 2; running the reader before that store preempts writer 0, so
  // at bound 0 the reader goes where writer 0 took over (the start of its run of steps, free):
  // it reads 0. Two executions whatever the number of writers, and no failure.
  const Report none = check_wide(10, 0, true);
  CHECK(none.complete);
  CHECK_FALSE(none.failure);
  CHECK(none.executions == 2);
  // At bound 1 the deepest branch comes first: the reader between writer 0's stores, one
  // preemption, reads 1 at the second execution. (Without reduction, 387 executions with 3
  // writers, 4,072 with 4: see the next test.)
  const Report found = check_wide(10, 1, true);
  REQUIRE(found.failure);
  CHECK(found.failure_execution == 2);
}

TEST_CASE("a wide program at bound 1: the bounded search without reduction finds it too",
          "[reduction][bounded]") {
  // The same bug at sizes the naive search reaches: the reduced search's answer is the naive
  // one's, and its count does not grow with the writers.
  for (int writers = 1; writers <= 3; ++writers) {
    INFO(writers << " writers");
    const Report naive = check_wide(writers, 1, false);
    const Report reduced = check_wide(writers, 1, true);
    REQUIRE(naive.failure);
    REQUIRE(reduced.failure);
    CHECK(reduced.failure_execution == 2);
    CHECK(naive.failure_execution > reduced.failure_execution);
    CHECK_FALSE(check_wide(writers, 0, false).failure);
  }
}

TEST_CASE("bounded search with reduction: the outcomes of the bounded search without it",
          "[reduction][bounded][scenario]") {
  for (const auto& [name, params, finishes_naive] : weft::test::small_scenarios()) {
    if (!finishes_naive) continue;
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(params);
    auto body = [&] { s->body(p); };
    for (std::uint32_t k = 0; k <= 2; ++k) {
      INFO(name << " at bound " << k);
      const Report naive = bounded(body, k, false, s->stdin_lines);
      const Report reduced = bounded(body, k, true, s->stdin_lines);
      REQUIRE(naive.complete);
      REQUIRE(reduced.complete);
      CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
    }
  }
}

TEST_CASE("random programs: bounded search, the same outcomes with and without reduction",
          "[reduction][bounded][random]") {
  int compared = 0;
  const int programs = weft::test::programs_to_compare(1000);
  for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    for (std::uint32_t k = 0; k <= 2; ++k) {
      INFO("bound " << k);
      const Report naive = bounded(body, k, false);
      const Report reduced = bounded(body, k, true);
      REQUIRE(naive.complete);
      REQUIRE(reduced.complete);
      CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
      ++compared;
    }
  }
  CHECK(compared == 3 * programs);
}

TEST_CASE("iterating the bound: what each bound proved", "[reduction][bounded]") {
  Options opt;
  opt.stop_at_failure = true;
  auto body = [] { wide(10); };
  // Bound 0: the 2 executions of the test above, no failure; bound 1 fails at its second.
  const Report found = weft::checker::explore_iterating(body, opt);
  REQUIRE(found.failure);
  CHECK(found.iterated);
  CHECK(found.proved_bound == 0);
  CHECK(found.max_preemptions == 1);
  CHECK(found.executions == 4);
  CHECK(found.failure_execution == 4);
  // With 3 executions in all, bound 1 is cut after its first.
  opt.stop_at_failure = false;
  opt.max_executions = 3;
  const Report cut = weft::checker::explore_iterating(body, opt);
  CHECK_FALSE(cut.complete);
  CHECK(cut.cut_by == "max-executions");
  CHECK(cut.proved_bound == 0);
  CHECK(cut.max_preemptions == 1);
  CHECK(cut.last_bound_executions == 1);
  CHECK(cut.executions == 3);
}

TEST_CASE("iterating the bound: a bound that cuts nothing ends the search, complete",
          "[reduction][bounded]") {
  // Two threads print once each: the only race is the prints', and switching at either start
  // is free (main has blocked in its join), so bound 0 cuts nothing and the search is complete
  // with both orders.
  auto body = [] {
    weft::Thread a([] { weft::print("a"); });
    weft::Thread b([] { weft::print("b"); });
    a.start();
    b.start();
    a.join();
    b.join();
  };
  const Report r = weft::checker::explore_iterating(body, Options{});
  CHECK(r.complete);
  CHECK_FALSE(r.bound_cut);
  CHECK(r.max_preemptions == 0);
  CHECK(r.proved_bound == 0);
  CHECK(weft::test::stdouts(r) == std::set<std::string>{"a\nb\n", "b\na\n"});
}
