// The untimed model (DESIGN.md, "Virtual time"): durations order nothing across threads. A
// sleeper may wake, a timed wait may time out, at any point after it began; program order and
// synchronisation still hold. Every outcome of the exact model is one of the untimed model's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "../bench/models.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::sim::Status;
using weft::sim::Timing;
using weft::test::outcome_keys;
using weft::test::stdouts;

namespace {

Report search(const std::function<void()>& body, Timing timing, bool reduction = true,
              std::uint64_t max_executions = 300000) {
  Options o;
  o.setup.timing = timing;
  o.reduction = reduction;
  o.max_executions = max_executions;
  return weft::checker::explore(body, o);
}

// Untimed, with reduction and without: both complete, the same outcomes. Returns the reduced.
Report untimed_checked(const std::function<void()>& body) {
  const Report naive = search(body, Timing::Untimed, false);
  const Report reduced = search(body, Timing::Untimed, true);
  REQUIRE(naive.complete);
  REQUIRE(reduced.complete);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  return reduced;
}

// Every exact outcome is an untimed one.
void check_contains_exact(const Report& untimed, const std::function<void()>& body) {
  const auto exact = outcome_keys(search(body, Timing::Exact));
  const auto wider = outcome_keys(untimed);
  CHECK(std::includes(wider.begin(), wider.end(), exact.begin(), exact.end()));
}

void sleepers() {
  weft::Thread slow([] {
    weft::sleep(2);
    weft::print("slow");
  });
  weft::Thread fast([] {
    weft::sleep(1);
    weft::print("fast");
  });
  slow.start();
  fast.start();
}

}  // namespace

TEST_CASE("untimed: a longer sleep may end first", "[timing]") {
  // Exact: fast wakes at t=1, slow at t=2. Untimed: either may wake first.
  CHECK(stdouts(search(sleepers, Timing::Exact)) == std::set<std::string>{"fast\nslow\n"});
  const Report r = untimed_checked(sleepers);
  CHECK(stdouts(r) == std::set<std::string>{"fast\nslow\n", "slow\nfast\n"});
  check_contains_exact(r, sleepers);
}

TEST_CASE("untimed: each thread keeps its own time; time moves only by its own timeouts",
          "[timing]") {
  // Thread-1 sleeps 1.5 s and prints its time; main sleeps 0.25 s twice. Each sees only its own
  // sleeps, whatever the order; the program ends at the latest of the two times.
  const Report r = untimed_checked([] {
    weft::Thread t([] {
      weft::sleep(1.5);
      weft::print("t", weft::now());
    });
    t.start();
    weft::sleep(0.25);
    weft::sleep(0.25);
    weft::print("main", weft::now());
  });
  CHECK(stdouts(r) == std::set<std::string>{"t 1.5\nmain 0.5\n", "main 0.5\nt 1.5\n"});
  for (const auto& g : r.outcomes) CHECK(g.outcome.end_time == weft::sim::from_seconds(1.5));
}

TEST_CASE("untimed: a timed wait may time out before the event is set, or see it", "[timing]") {
  // Exact: the event is set at t=0, long before the 5 s timeout: always True. Untimed: the
  // timeout may end first.
  auto body = [] {
    weft::Event e("E");
    weft::Thread waiter([e] { weft::print("waited", e.wait(5)); });
    waiter.start();
    e.set();
  };
  CHECK(stdouts(search(body, Timing::Exact)) == std::set<std::string>{"waited True\n"});
  const Report r = untimed_checked(body);
  CHECK(stdouts(r) == std::set<std::string>{"waited True\n", "waited False\n"});
}

TEST_CASE("untimed: a wait_for loop runs out of its budget", "[timing]") {
  // The predicate never holds: each timeout moves the waiter's own time to its deadline, so the
  // loop ends after its 2 s, with False. (With a clock that never moved it would wait for ever.)
  const Report r = untimed_checked([] {
    weft::Condition c(weft::Lock("L"), "C");
    weft::Shared<int> x(0, "x");
    c.acquire();
    const bool ok = c.wait_for([x] { return x.load() == 1; }, 2);
    c.release();
    weft::print(ok, weft::now());
  });
  CHECK(stdouts(r) == std::set<std::string>{"False 2.0\n"});
}

TEST_CASE("untimed: a Timer may fire before or after what follows its start", "[timing]") {
  auto body = [] {
    weft::Timer t(1, [] { weft::print("fired"); });
    t.start();
    weft::print("main");
  };
  CHECK(stdouts(search(body, Timing::Exact)) == std::set<std::string>{"main\nfired\n"});
  const Report r = untimed_checked(body);
  CHECK(stdouts(r) == std::set<std::string>{"main\nfired\n", "fired\nmain\n"});
}

TEST_CASE("untimed: gil_counter without a lock loses any number of updates", "[timing][scenario]") {
  // Exact: every thread reads n before any sleep ends, so all but one update is lost (n=2).
  // Untimed: a thread may finish before another reads, so 0, 1 and 2 are all possible.
  auto scenario = weft::Registry::instance().find("gil_counter");
  REQUIRE(scenario != nullptr);
  const weft::Params params = scenario->resolve({{"threads", "3"}});
  auto body = [&] { scenario->body(params); };
  CHECK(stdouts(search(body, Timing::Exact)) == std::set<std::string>{"2\n"});
  const Report r = search(body, Timing::Untimed);  // every schedule: more than 300000
  REQUIRE(r.complete);
  CHECK(stdouts(r) == std::set<std::string>{"0\n", "1\n", "2\n"});
}

TEST_CASE("untimed: the daemon program's daemon may be cut off anywhere", "[timing][scenario]") {
  auto scenario = weft::Registry::instance().find("daemon");
  REQUIRE(scenario != nullptr);
  const weft::Params params = scenario->resolve({});
  auto body = [&] { scenario->body(params); };
  const Report r = untimed_checked(body);
  check_contains_exact(r, body);
  // Every outcome ends with main's and Thread-2's lines; end123 appears only in some.
  CHECK(r.outcomes.size() == 45);
}

TEST_CASE("untimed: random programs, identical outcomes with and without reduction",
          "[timing][reduction][random]") {
  // Untimed, some programs have too many schedules for the search without reduction: those are
  // left out (the same ones every run: the programs are generated from their seeds).
  int compared = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const Report naive = search(body, Timing::Untimed, false, 20000);
    if (!naive.complete) continue;
    const Report reduced = search(body, Timing::Untimed, true);
    REQUIRE(reduced.complete);
    CHECK(outcome_keys(reduced) == outcome_keys(naive));
    check_contains_exact(reduced, body);
    ++compared;
  }
  CHECK(compared == 246);
}

TEST_CASE("untimed: a trace records its timing model and replays under it", "[timing][trace]") {
  Options o;
  o.setup.timing = Timing::Untimed;
  const Report r = weft::checker::explore(sleepers, o);
  REQUIRE(r.outcomes.size() == 2);
  for (const auto& g : r.outcomes) {
    const weft::checker::Trace t = weft::checker::record_trace(sleepers, o.setup, g.witness);
    CHECK(t.timing == Timing::Untimed);
    const std::string path =
        (std::filesystem::temp_directory_path() / "weft-timing-test-trace.json").string();
    weft::checker::write_trace(path, t);
    const weft::checker::Trace back = weft::checker::read_trace(path);
    std::filesystem::remove(path);
    CHECK(back.timing == Timing::Untimed);
    const auto replayed = weft::checker::replay(sleepers, back);
    CHECK_FALSE(replayed.divergence.has_value());
    CHECK(replayed.matches);
  }
}
