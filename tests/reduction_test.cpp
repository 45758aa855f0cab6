// Partial-order reduction: exact execution counts where the number of equivalence classes is
// known by hand, and identical outcome sets with and without reduction.
#include <catch2/catch.hpp>

#include "../bench/models.hpp"
#include "random_program.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;

namespace {

Report search(const std::function<void()>& body, bool reduction) {
  Options o;
  o.reduction = reduction;
  o.max_executions = 300000;
  return weft::checker::explore(body, o);
}

using OutcomeKey = std::tuple<int, std::string, std::string, std::string>;
std::set<OutcomeKey> keys(const Report& r) {
  std::set<OutcomeKey> out;
  for (const auto& g : r.outcomes)
    out.emplace(static_cast<int>(g.outcome.status), g.outcome.out, g.outcome.err,
                g.outcome.message);
  return out;
}

// Each thread locks A then B, then B then A (or A then B again when fixed).
void lock_order(int n, bool fixed) {
  weft::Lock a("A"), b("B");
  for (int i = 0; i < n; ++i) {
    auto t = std::make_shared<weft::Thread>([a, b, fixed] {
      a.acquire(), b.acquire(), b.release(), a.release();
      if (fixed) {
        a.acquire(), b.acquire(), b.release(), a.release();
      } else {
        b.acquire(), a.acquire(), a.release(), b.release();
      }
    });
    t->start();
  }
}

}  // namespace

TEST_CASE("threads writing only their own variables: exactly one execution", "[reduction]") {
  auto r = search(
      [] {
        for (int i = 0; i < 4; ++i) {
          weft::Shared<int> own(0);
          weft::Thread t([own] { own.store(1), own.store(2); });
          t.start();
        }
      },
      true);
  CHECK(r.complete);
  CHECK(r.executions == 1);
}

TEST_CASE("two threads each doing one locked increment: exactly two executions", "[reduction]") {
  // The only order that matters is which thread takes the lock first.
  auto r = search([] { weft::bench::lock_counter(2, 1); }, true);
  CHECK(r.complete);
  CHECK(r.executions == 2);
  CHECK(r.redundant == 0);
}

TEST_CASE("lock counter: one execution per lock-acquisition order", "[reduction]") {
  // (N*K)! / (K!)^N orders: 6 for N=2,K=2; 90 for N=3,K=2; 1680 for N=3,K=3.
  CHECK(search([] { weft::bench::lock_counter(2, 2); }, true).executions == 6);
  CHECK(search([] { weft::bench::lock_counter(3, 2); }, true).executions == 90);
  auto big = search([] { weft::bench::lock_counter(3, 3); }, true);
  CHECK(big.executions == 1680);
  CHECK(big.outcomes.size() == 1);
  CHECK(big.outcomes[0].outcome.status == weft::sim::Status::Ok);
}

TEST_CASE("fixed lock order, 3 threads: 90 acquisition orders, no deadlock", "[reduction]") {
  auto r = search([] { lock_order(3, true); }, true);
  CHECK(r.complete);
  CHECK(r.executions == 90);
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.status == weft::sim::Status::Ok);
}

TEST_CASE("inverted lock order: the reduced search still finds the deadlock", "[reduction]") {
  auto naive = search([] { lock_order(2, false); }, false);
  auto reduced = search([] { lock_order(2, false); }, true);
  CHECK(naive.complete);
  CHECK(reduced.complete);
  CHECK(keys(reduced) == keys(naive));
  CHECK(weft::test::count_status(reduced, weft::sim::Status::Deadlock) == 1);
  CHECK(reduced.executions < naive.executions);
}

TEST_CASE("daemon: six outcomes in eleven executions", "[reduction][scenario]") {
  // One class per outcome would be 6. The reduction takes every end of a non-daemon thread as
  // dependent with every operation of a daemon thread (any of those ends may be the one that
  // ends the program); here MainThread's end, which does not end the program, is ordered five
  // more ways against the daemon t1's print, sleep and end.
  auto r = weft::test::explore_scenario("daemon");
  CHECK(r.executions == 11);
  CHECK(r.outcomes.size() == 6);
}

TEST_CASE("random programs: identical outcomes with and without reduction", "[reduction][random]") {
  // 2000 programs of 2-3 threads mixing locks, shared variables, prints, sleeps, choices and
  // daemon threads; the naive search is small enough to be complete on each.
  int compared = 0;
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    auto naive = search(body, false);
    REQUIRE(naive.complete);
    auto reduced = search(body, true);
    REQUIRE(reduced.complete);
    CHECK(keys(reduced) == keys(naive));
    CHECK(reduced.executions <= naive.executions);
    ++compared;
  }
  CHECK(compared == 2000);
}

TEST_CASE("scratch: counts", "[.scratch]") {
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    auto reduced = search(body, true);
    std::printf("%u %llu %llu\n", seed, (unsigned long long)reduced.executions, (unsigned long long)reduced.redundant);
  }
  for (const char* name : {"daemon", "deadlock", "rlock", "gil_counter", "semaphore", "event_class", "event_connect", "event_overtime", "queue_fifo", "text_pipeline", "thread_info", "timer_captcha", "sayhi"}) {
    std::map<std::string, std::string> p;
    if (std::string(name) == "deadlock" || std::string(name) == "rlock") p["threads"] = "3";
    if (std::string(name) == "gil_counter") p["threads"] = "4";
    try {
      auto r = weft::test::explore_scenario(name, p);
      std::printf("%s %llu %llu %zu\n", name, (unsigned long long)r.executions, (unsigned long long)r.redundant, r.outcomes.size());
    } catch (std::exception& e) { std::printf("%s error %s\n", name, e.what()); }
  }
}
