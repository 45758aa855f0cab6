// Partial order sampling (checker/pos.hpp) and the portfolio of random, PCT and POS
// (checker/fuzz_portfolio.cpp). Seeded: every assertion is exact for the seeds it names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "checker/fuzz.hpp"
#include "checker/pos.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

using weft::checker::Fuzzer;
using weft::checker::FuzzReport;
using weft::checker::Options;

namespace {

// Two unlocked increments, joined, then checked: lost when both load before either stores.
void lost_update() {
  weft::Shared<int> x(0, "x");
  auto inc = [x] {
    const int v = x.load();
    x.store(v + 1);
  };
  weft::Thread t1(inc), t2(inc);
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  weft::check(x.load() == 2, "lost update");
}

// A depth-2 bug: T2 fails if it reads exactly 4 of T1's stores 1..8.
void reads_four() {
  weft::Shared<int> x(0, "x");
  weft::Thread t1([x] {
    for (int i = 1; i <= 8; ++i) x.store(i);
  });
  weft::Thread t2([x] { weft::check(x.load() != 4, "read 4"); });
  t1.start();
  t2.start();
}

FuzzReport fuzz(const std::function<void()>& body, Fuzzer f, std::uint64_t seed,
                std::uint64_t runs) {
  Options o;
  o.max_executions = runs;
  o.setup.seed = seed;
  return weft::checker::fuzz(body, o, f);
}

bool declared(const weft::Scenario& s, weft::checker::FailureKind kind) {
  for (weft::Finding f : s.expected_findings)
    if (std::string(weft::finding_name(f)) == weft::checker::failure_name(kind)) return true;
  return false;
}

}  // namespace

TEST_CASE("pos: the same seed gives the same report, another seed other runs", "[fuzz][pos]") {
  const FuzzReport a = fuzz(reads_four, Fuzzer::Pos, 5, 2000);
  const FuzzReport b = fuzz(reads_four, Fuzzer::Pos, 5, 2000);
  REQUIRE(a.failure);
  REQUIRE(b.failure);
  CHECK(a.runs == b.runs);
  CHECK(a.failure->seed == 5 + a.failure->run - 1);
  CHECK(a.failure->shrunk.schedule.size() == b.failure->shrunk.schedule.size());
  CHECK(a.failure->shrunk.outcome.message == "read 4");
  // The seeds steer the runs: ten seeds do not all fail at the same run.
  std::set<std::uint64_t> runs;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    const FuzzReport r = fuzz(reads_four, Fuzzer::Pos, seed * 1000, 2000);
    REQUIRE(r.failure);
    runs.insert(r.failure->run);
  }
  CHECK(runs.size() > 1);
}

TEST_CASE("pos finds a lost update and a depth-2 bug", "[fuzz][pos]") {
  // The lost update: POS gives each of the two loads and stores a priority, and the racing ones
  // draw again after each step: both loads before either store is a coin toss or two away.
  // These seeds need at most 10 runs; 40 leave room. The depth-2 bug needs T2's load between
  // T1's 4th and 5th stores, each a race that POS decides afresh: 300 runs (as PCT's test).
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    const FuzzReport lost = fuzz(lost_update, Fuzzer::Pos, seed * 1000, 40);
    REQUIRE(lost.failure);
    CHECK(lost.failure->shrunk.outcome.message == "lost update");
    CHECK(lost.failure->shrunk.preemptions_after == 1);
    const FuzzReport four = fuzz(reads_four, Fuzzer::Pos, seed * 1000, 300);
    REQUIRE(four.failure);
    CHECK(four.failure->shrunk.outcome.message == "read 4");
  }
}

TEST_CASE("pos finds every built-in scenario's declared finding, as random and pct do",
          "[fuzz][pos][scenario]") {
  // Every one of them shows its finding in the first run under all three, on these seeds; 10
  // runs leave room.
  for (const weft::Scenario* s : weft::Registry::instance().all()) {
    if (s->expected_findings.empty()) continue;
    const weft::Params p = s->resolve({});
    const auto body = [s, &p] { s->body(p); };
    INFO(s->name);
    for (const Fuzzer f : {Fuzzer::Random, Fuzzer::Pct, Fuzzer::Pos}) {
      for (std::uint64_t seed : {0, 1000, 2000}) {
        Options o;
        o.max_executions = 10;
        o.setup.seed = seed;
        o.setup.stdin_lines = s->stdin_lines;
        const FuzzReport r = weft::checker::fuzz(body, o, f);
        REQUIRE(r.failure);
        CHECK(declared(*s, weft::checker::failure_kind(r.failure->shrunk.outcome, o.failures)));
      }
    }
  }
}

TEST_CASE("the portfolio fails at the first round where one of its fuzzers would fail alone",
          "[fuzz][portfolio]") {
  // Each fuzzer makes in the portfolio the runs it makes alone (PCT learns k from the same
  // earlier runs), so the failing round is the least of their first failing runs, and the
  // fuzzer that fails is the first of random, pct, pos to fail in that round.
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    std::uint64_t first = UINT64_MAX;
    Fuzzer who = Fuzzer::Random;
    for (const Fuzzer f : {Fuzzer::Random, Fuzzer::Pct, Fuzzer::Pos}) {
      const FuzzReport alone = fuzz(reads_four, f, seed * 100, 2000);
      REQUIRE(alone.failure);
      if (alone.failure->run < first) {
        first = alone.failure->run;
        who = f;
      }
    }
    Options o;
    o.max_executions = 2000;
    o.setup.seed = seed * 100;
    const FuzzReport r = weft::checker::fuzz_portfolio(reads_four, o);
    REQUIRE(r.failure);
    INFO("seed " << seed * 100);
    CHECK(r.portfolio);
    CHECK(r.rounds == first);
    CHECK(r.fuzzer == who);
    CHECK(r.failure->seed == seed * 100 + first - 1);
    CHECK(r.failure->run == 3 * (first - 1) + static_cast<std::uint64_t>(who) + 1);
  }
}
