// State caching under the untimed timing model (docs/state-caching.md, "Untimed"): each running
// thread's own clock is part of its local state, so the search caches states there too and finds
// the outcomes of the reduction and of the naive search.
#include <memory>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::sim::Timing;
using weft::test::outcome_keys;

namespace {

enum class Search { Naive, Reduced, Cached, CachedNoSymmetry };

Report untimed(const std::function<void()>& body, Search how,
               std::uint64_t max_executions = 300000) {
  Options o;
  o.setup.timing = Timing::Untimed;
  o.max_executions = max_executions;
  o.reduction = how != Search::Naive;
  o.state_caching = how == Search::Cached || how == Search::CachedNoSymmetry;
  o.symmetry = how == Search::Cached;
  return weft::checker::explore(body, o);
}

// A thread of a symmetry class that says whether its own clock has moved: it starts from its
// class, not from its starter's history, so its history does not hold the time it started at.
class Stamp : public weft::Thread {
 public:
  Stamp() { interchangeable(11); }

 protected:
  void run() override { weft::print(weft::now() < 0.5 ? "early" : "late"); }
};

// Main waits up to 1 s for an event that a setter sets after sleeping 1 s: untimed, main either
// finds it set (its clock stays at 0) or times out (its clock moves to 1). Then it starts a
// Stamp, which starts at main's time, and ends. Both ways reach a state in which main and the
// setter have ended, the event is set, the latest clock is 1, `w` has not printed yet and Stamp
// is about to print: the same in everything but Stamp's clock. Outputs: Stamp prints "early"
// after a set seen, "late" after a timeout, before or after `w`: all four orders.
void stamped() {
  weft::Event e("e");
  weft::Thread w([] { weft::print("w"); });
  weft::Thread setter([e] {
    weft::sleep(1);
    e.set();
  });
  w.start();
  setter.start();
  e.wait(1);
  std::make_shared<Stamp>()->start();
}

}  // namespace

TEST_CASE("untimed: a thread's own clock is part of the state", "[stateful][timing]") {
  const std::set<std::string> want{"early\nw\n", "w\nearly\n", "late\nw\n", "w\nlate\n"};
  const Report naive = untimed(stamped, Search::Naive);
  REQUIRE(naive.complete);
  CHECK(weft::test::stdouts(naive) == want);
  const Report cached = untimed(stamped, Search::Cached);
  REQUIRE(cached.complete);
  CHECK(cached.state_caching);
  CHECK(weft::test::stdouts(cached) == want);
  CHECK(outcome_keys(cached) == outcome_keys(naive));
}

TEST_CASE("untimed: gil_counter: state caching finds the reduction's outcomes",
          "[stateful][timing][scenario]") {
  const weft::Scenario* s = weft::Registry::instance().find("gil_counter");
  REQUIRE(s != nullptr);
  for (const char* lock : {"false", "true"}) {
    for (int threads = 1; threads <= 4; ++threads) {
      INFO("lock " << lock << ", threads " << threads);
      const weft::Params p = s->resolve({{"threads", std::to_string(threads)}, {"lock", lock}});
      const auto body = [&] { s->body(p); };
      const Report reduced = untimed(body, Search::Reduced);
      const Report cached = untimed(body, Search::Cached);
      REQUIRE(reduced.complete);
      REQUIRE(cached.complete);
      CHECK(cached.state_caching);
      CHECK(outcome_keys(cached) == outcome_keys(reduced));
      // Untimed, a sleeper may wake at any point, so without the lock any number of the
      // threads' updates but the last may be lost: n ends anywhere from 0 to threads-1; with
      // it, the threads take turns and n ends at 0.
      std::set<std::string> want;
      const int highest = std::string(lock) == "true" ? 0 : threads - 1;
      for (int n = 0; n <= highest; ++n) want.insert(std::to_string(n) + "\n");
      CHECK(weft::test::stdouts(cached) == want);
    }
  }
}

namespace {
// Programs [first, first + count) of the random programs, each searched untimed by the
// reduction and with state caching (with and without symmetry: a single copy of each worker, so
// nothing is renamed): the same outcomes.
void compare_untimed(std::uint32_t first, int count) {
  const int programs = weft::test::programs_to_compare(count);
  for (std::uint32_t seed = first; seed < first + static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    const auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const Report reduced = untimed(body, Search::Reduced);
    const Report cached = untimed(body, Search::CachedNoSymmetry);
    REQUIRE(reduced.complete);
    REQUIRE(cached.complete);
    REQUIRE(cached.state_caching);
    CHECK(outcome_keys(cached) == outcome_keys(reduced));
  }
}
}  // namespace

// The reduction is itself checked against the naive search untimed (timing_test.cpp, "untimed:
// random programs, identical outcomes with and without reduction"); it is the reference here
// because the naive search is beyond 20,000 executions on some of these programs untimed.
TEST_CASE("untimed: random programs 1 to 500: the same outcomes with state caching as without",
          "[stateful][timing][random]") {
  compare_untimed(1, 500);
}

TEST_CASE("untimed: random programs 501 to 1000: the same outcomes with state caching as without",
          "[stateful][timing][random]") {
  compare_untimed(501, 500);
}
