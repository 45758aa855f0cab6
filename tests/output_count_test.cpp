// The output count (checker/output_count.hpp) against the outcomes listed one by one: on every
// built-in scenario at small sizes, on random programs, and on the two scenarios whose counts
// the tutorial's argument gives ((2n)!/2^n for rlock, n! for semaphore with enough permits).
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

#include "checker/output_count.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"
#include "support.hpp"

using weft::checker::Count;
using weft::checker::OutputCount;

namespace {

constexpr std::uint64_t kNoMemoryLimit = std::numeric_limits<std::uint64_t>::max();

// The distinct outcomes the listing finds: without reduction when `naive`, else with it (the
// reduction's own differential tests hold it to the naive search's outcomes).
weft::checker::Report listed(const std::function<void()>& body, bool naive,
                             const std::vector<std::string>& stdin_lines = {}) {
  weft::checker::Options o;
  o.max_executions = 1000000;
  // The memory limit reads the process's peak, which a thousand searches in one process under a
  // sanitizer push past the default (2 GiB) long before any one search holds much: no limit here.
  o.max_memory = kNoMemoryLimit;
  o.reduction = !naive;
  o.setup.stdin_lines = stdin_lines;
  return weft::checker::explore(body, o);
}

OutputCount counted(const std::function<void()>& body,
                    const std::vector<std::string>& stdin_lines = {}) {
  weft::checker::OutputCountOptions o;
  o.setup.stdin_lines = stdin_lines;
  o.max_memory = kNoMemoryLimit;
  return weft::checker::count_outputs(body, o);
}

const weft::Scenario& scenario(const std::string& name) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  REQUIRE(s != nullptr);
  return *s;
}

}  // namespace

TEST_CASE("every built-in scenario: the count is the number of outcomes listed",
          "[output_count][scenario]") {
  for (const auto& [name, params, naive] : weft::test::small_scenarios()) {
    const weft::Scenario& s = scenario(name);
    const weft::Params p = s.resolve(params);
    INFO(name);
    const auto body = [&] { s.body(p); };
    const auto list = listed(body, naive, s.stdin_lines);
    REQUIRE(list.complete);
    REQUIRE(list.counting == weft::checker::Counting::Exact);
    const OutputCount c = counted(body, s.stdin_lines);
    // timer_captcha's Timer (no fingerprint yet, as the state caching test says) cannot say its
    // state: no count, and the reason why.
    if (name == "timer_captcha") {
      CHECK_FALSE(c.exact);
      CHECK(c.why_not == "some object cannot say its state");
      continue;
    }
    INFO(c.why_not);
    REQUIRE(c.exact);
    CHECK(c.distinct == Count{list.distinct});
  }
}

TEST_CASE("random programs: the count is the number of outcomes listed",
          "[output_count][random]") {
  int compared = 0;
  const int programs = weft::test::programs_to_compare(1000);
  for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    const auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const auto list = listed(body, true);
    REQUIRE(list.complete);
    const OutputCount c = counted(body);
    INFO(c.why_not);
    REQUIRE(c.exact);
    CHECK(c.distinct == Count{list.distinct});
    ++compared;
  }
  CHECK(compared == programs);
}

TEST_CASE("rlock and semaphore: the count, the listing and the tutorial's argument agree",
          "[output_count][scenario]") {
  // rlock with n threads prints 2n two-line blocks, each thread's func1 block before its func2
  // block, blocks never interleaved (one RLock under both names): (2n)! orders of the blocks, of
  // which 1 in 2^n keeps each thread's pair in order. n = 2: 6; n = 3: 90.
  const weft::Scenario& rlock = scenario("rlock");
  for (const auto& [n, expected] : std::vector<std::pair<int, std::uint64_t>>{{2, 6}, {3, 90}}) {
    INFO("rlock, threads=" << n);
    const weft::Params p = rlock.resolve({{"threads", std::to_string(n)}});
    const auto body = [&] { rlock.body(p); };
    const auto list = listed(body, n == 2);
    REQUIRE(list.complete);
    CHECK(list.distinct == expected);
    const OutputCount c = counted(body);
    REQUIRE(c.exact);
    CHECK(c.distinct == Count{expected});
  }
  // semaphore with n threads and n permits: every thread acquires at once and prints its name,
  // in any of the n! orders. With fewer permits, the waves allow fewer orders: the listing says
  // how many.
  const weft::Scenario& semaphore = scenario("semaphore");
  const std::vector<std::pair<int, int>> sizes = {{3, 3}, {4, 4}, {3, 2}, {4, 2}};
  for (const auto& [n, permits] : sizes) {
    INFO("semaphore, threads=" << n << " permits=" << permits);
    const weft::Params p =
        semaphore.resolve({{"threads", std::to_string(n)}, {"permits", std::to_string(permits)}});
    const auto body = [&] { semaphore.body(p); };
    const auto list = listed(body, false);
    REQUIRE(list.complete);
    if (permits == n) CHECK(list.distinct == (n == 3 ? 6u : 24u));
    const OutputCount c = counted(body);
    REQUIRE(c.exact);
    CHECK(c.distinct == Count{list.distinct});
  }
}

TEST_CASE("outputs printed alike by different schedules count once even in pieces of lines",
          "[output_count]") {
  // Two threads each print "x": both orders print "x\nx\n", one output (and one outcome).
  const auto same = [] {
    weft::Thread a([] { weft::print("x"); });
    weft::Thread b([] { weft::print("x"); });
    a.start();
    b.start();
  };
  const OutputCount c1 = counted(same);
  REQUIRE(c1.exact);
  CHECK(c1.distinct == Count{1});
  // Pieces of lines: "a" then "b\n" from one thread, "ab\n" from the other. The outputs:
  // "ab\nab\n" in both orders of whole lines, and "aab\nb\n" with the second thread's line
  // between the first's pieces: 2 distinct, though the steps that print them are cut
  // differently (a count by lines would see "a"+"b\n" and "ab\n" as different).
  const auto pieces = [] {
    weft::Thread a([] {
      weft::write("a");
      weft::write("b\n");
    });
    weft::Thread b([] { weft::write("ab\n"); });
    a.start();
    b.start();
  };
  const auto list = listed(pieces, true);
  REQUIRE(list.complete);
  CHECK(list.distinct == 2);
  const OutputCount c2 = counted(pieces);
  REQUIRE(c2.exact);
  CHECK(c2.distinct == Count{2});
}
