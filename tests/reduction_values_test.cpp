// Stores of one value commute (checker/dpor_relation.hpp, docs/reduction.md "Stores of equal
// values"): exact execution counts, one per Mazurkiewicz trace of the value-aware relation,
// derived beside each case; the outcome sets are the naive search's.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::Report;
using weft::test::explore_checked;
using weft::test::stdouts;

namespace {

// Each value in `values` stored to one variable by a thread of its own, in start order; then
// main joins them all and prints what the variable holds.
void stores(std::vector<int> values) {
  weft::Shared<int> v(0, "v");
  std::vector<std::shared_ptr<weft::Thread>> threads;
  for (int x : values) {
    threads.push_back(std::make_shared<weft::Thread>([v, x] { v.store(x); }));
    threads.back()->start();
  }
  for (const auto& t : threads) t->join();
  weft::print(v.load());
}

}  // namespace

TEST_CASE("two stores of one value: one execution", "[reduction][values]") {
  // The stores commute, and nothing else is ordered against anything that could go first.
  const Report r = explore_checked([] { stores({1, 1}); });
  CHECK(r.executions == 1);
  CHECK(stdouts(r) == std::set<std::string>{"1\n"});
}

TEST_CASE("two stores of different values: both orders", "[reduction][values]") {
  const Report r = explore_checked([] { stores({1, 2}); });
  CHECK(r.executions == 2);
  CHECK(stdouts(r) == std::set<std::string>{"1\n", "2\n"});
}

TEST_CASE("stores of one value on either side of another: four executions", "[reduction][values]") {
  // w1 = store(1), w2 = store(2), w3 = store(1). w2 conflicts with w1 and with w3, which commute
  // with each other: a trace is the side of w1 w2 falls on and the side of w3 it falls on, 2 x 2
  // (no combination makes a cycle). The last line is 2 when w2 comes after both, else 1. The
  // naive search has 3! = 6 orders of the stores. Sleep sets keep any two complete executions
  // from being equivalent; an execution they block is counted as redundant.
  const Report r = explore_checked([] { stores({1, 2, 1}); });
  CHECK(r.executions - r.redundant == 4);
  CHECK(stdouts(r) == std::set<std::string>{"1\n", "2\n"});
}

TEST_CASE("a read between stores of one value tells them apart from it", "[reduction][values]") {
  // Two threads store 1, a third reads and prints. The read conflicts with each store, the
  // stores commute: a trace is which stores the read follows, 2 x 2 = 4; it prints 0 when it
  // follows neither, else 1. Without the value the stores' order doubles the six-way choice of
  // the read's place: 3! = 6.
  const Report r = explore_checked([] {
    weft::Shared<int> v(0, "v");
    weft::Thread a([v] { v.store(1); });
    weft::Thread b([v] { v.store(1); });
    weft::Thread c([v] { weft::print(v.load()); });
    a.start(), b.start(), c.start();
  });
  CHECK(r.executions - r.redundant == 4);
  CHECK(stdouts(r) == std::set<std::string>{"0\n", "1\n"});
}

TEST_CASE("updates that leave one value still conflict", "[reduction][values]") {
  // update() reads what it changes, and its result is not known before it runs.
  const Report r = explore_checked([] {
    weft::Shared<int> v(0, "v");
    weft::Thread a([v] { v.update([](int& x) { x = 1; }); });
    weft::Thread b([v] { v.update([](int& x) { x = 1; }); });
    a.start(), b.start();
  });
  CHECK(r.executions == 2);
}

TEST_CASE("gil_counter without the lock: one execution at every size", "[reduction][values]") {
  // Every thread reads n at time 0 and sleeps 0.1 s: the time jump puts every read before every
  // store, and every store writes threads - 1, so the stores commute. Main's starts touch
  // nothing the threads touch, each join can only follow the end it waits for, and main's last
  // read follows every store through the joins: one trace. (Before stores compared values, each
  // order of the stores was one: threads! executions.)
  for (int threads = 3; threads <= 6; ++threads) {
    INFO("threads " << threads);
    const Report r =
        weft::test::explore_scenario("gil_counter", {{"threads", std::to_string(threads)}});
    CHECK(r.complete);
    CHECK(r.executions == 1);
    CHECK(stdouts(r) == std::set<std::string>{std::to_string(threads - 1) + "\n"});
  }
}

TEST_CASE("gil_counter untimed: same outcomes with and without reduction", "[reduction][values]") {
  // Untimed, a sleeper may wake at any point: reads and stores of every value interleave.
  for (const char* lock : {"false", "true"}) {
    INFO("lock " << lock);
    const weft::Scenario* s = weft::Registry::instance().find("gil_counter");
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve({{"threads", "2"}, {"lock", lock}});
    weft::checker::Options o;
    o.setup.timing = weft::sim::Timing::Untimed;
    o.max_executions = 200000;
    o.reduction = false;
    const Report naive = weft::checker::explore([&] { s->body(p); }, o);
    o.reduction = true;
    const Report reduced = weft::checker::explore([&] { s->body(p); }, o);
    REQUIRE(naive.complete);
    REQUIRE(reduced.complete);
    CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
    CHECK(reduced.executions <= naive.executions);
  }
}

TEST_CASE("random programs store equal values often enough to test the relation",
          "[reduction][values][random]") {
  // The differential test over seeds 1-2000 (reduction_test.cpp) covers the relation only if
  // its programs store one value twice to one variable: a worker's register is 0 until it
  // loads, chooses, waits or counts, so two workers that store to one variable first both store
  // 1.
  using Op = weft::test::RandomProgram::Op;
  int programs = 0;
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    std::map<int, int> first_stores;  // variable -> workers whose first step stores to it
    for (const auto& w : program.workers)
      if (!w.steps.empty() && w.steps.front().op == Op::Store) ++first_stores[w.steps.front().target];
    for (const auto& [variable, workers] : first_stores)
      if (workers >= 2) {
        ++programs;
        break;
      }
  }
  CHECK(programs >= 10);
}
