// The output count per orbit (checker/output_count_orbit.cpp): semaphore's n! against the
// listing of every outcome at small sizes and against the tutorial's argument at larger ones; a
// program whose output set is not invariant under renaming (the count then goes per member, and
// says why); random programs with interchangeable copies, the count per orbit against the count
// per member.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <limits>

#include "checker/explore.hpp"
#include "checker/output_count.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"

using weft::checker::Count;
using weft::checker::OutputCount;

namespace {

enum class How { PerMember, PerOrbit };

OutputCount counted(const std::function<void()>& body, How how,
                    std::uint64_t max_executions = 1000000) {
  weft::checker::OutputCountOptions o;
  o.max_executions = max_executions;
  o.max_memory = std::numeric_limits<std::uint64_t>::max();  // see output_count_test.cpp
  o.orbits = how == How::PerOrbit;
  return weft::checker::count_outputs(body, o);
}

// Every distinct outcome, listed by the stateless search with the reduction (docs/reduction.md).
std::uint64_t listed(const std::function<void()>& body) {
  weft::checker::Options o;
  o.state_caching = false;
  o.max_memory = std::numeric_limits<std::uint64_t>::max();
  const weft::checker::Report r = weft::checker::explore(body, o);
  REQUIRE(r.complete);
  return r.distinct;
}

Count factorial(int n) {
  Count f = 1;
  for (int k = 2; k <= n; ++k) f *= static_cast<Count>(k);
  return f;
}

class Twin : public weft::Thread {
 public:
  explicit Twin(std::function<void()> body) : Thread(std::move(body)) { interchangeable(1); }
};

}  // namespace

TEST_CASE("semaphore per orbit: n!, against every outcome listed and against the argument",
          "[output_count][orbit][scenario]") {
  const weft::Scenario* semaphore = weft::Registry::instance().find("semaphore");
  REQUIRE(semaphore != nullptr);
  // Small sizes: the naive search lists every outcome.
  for (const auto& [n, permits] : std::vector<std::pair<int, int>>{{2, 1}, {3, 1}, {3, 2}, {4, 2}}) {
    INFO("threads=" << n << " permits=" << permits);
    const weft::Params p =
        semaphore->resolve({{"threads", std::to_string(n)}, {"permits", std::to_string(permits)}});
    const auto body = [&] { semaphore->body(p); };
    const OutputCount c = counted(body, How::PerOrbit);
    INFO(c.why_not << " / " << c.orbits_why_not);
    REQUIRE(c.exact);
    CHECK(c.orbits);
    CHECK(c.distinct == Count{listed(body)});
    CHECK(c.distinct == factorial(n));
  }
  // Larger: each thread prints its name once and every order of the names is an output (main
  // may start every thread before any runs; the first `permits` of the order acquire and print
  // in turn; at each release any waiting thread may take the permit): n!, any permits ≥ 1
  // (tests/output_count_symmetry_test.cpp).
  for (const auto& [n, permits] :
       std::vector<std::pair<int, int>>{{6, 1}, {8, 2}, {10, 5}, {12, 5}, {12, 3}}) {
    INFO("threads=" << n << " permits=" << permits);
    const weft::Params p =
        semaphore->resolve({{"threads", std::to_string(n)}, {"permits", std::to_string(permits)}});
    const OutputCount c = counted([&] { semaphore->body(p); }, How::PerOrbit);
    INFO(c.why_not << " / " << c.orbits_why_not);
    REQUIRE(c.exact);
    CHECK(c.orbits);
    CHECK(c.distinct == factorial(n));
  }
}

TEST_CASE("an output set that renaming does not keep: counted per member, and why",
          "[output_count][orbit]") {
  // main starts T1, prints "go", starts T2; each prints its name. Outputs: "Thread-1 go
  // Thread-2", "go Thread-1 Thread-2", "go Thread-2 Thread-1": 3 ("Thread-2 go Thread-1" is not
  // one, so the set is not invariant, and a count per orbit would find 4).
  const auto body = [] {
    const auto name = [] { weft::print(weft::current_thread().name()); };
    std::make_shared<Twin>(name)->start();
    weft::print("go");
    std::make_shared<Twin>(name)->start();
  };
  const OutputCount c = counted(body, How::PerOrbit);
  REQUIRE(c.exact);
  CHECK(c.symmetry);
  CHECK_FALSE(c.orbits);
  CHECK(c.orbits_why_not.rfind("the thread that starts the interchangeable threads does", 0) == 0);
  CHECK(c.distinct == 3);
  CHECK(listed(body) == 3);
  // Started one after the other, the same two threads and main's line after them: invariant.
  const auto together = [] {
    const auto name = [] { weft::print(weft::current_thread().name()); };
    std::make_shared<Twin>(name)->start();
    std::make_shared<Twin>(name)->start();
    weft::print("go");
  };
  const OutputCount d = counted(together, How::PerOrbit);
  REQUIRE(d.exact);
  CHECK(d.orbits);
  CHECK(d.distinct == Count{listed(together)});
  CHECK(d.distinct == 6);  // the three lines in any order
}

// The count with symmetry against the plain count on a thousand of these programs is
// tests/output_count_symmetry_test.cpp's, which counts per orbit wherever it may: here the count
// per orbit against the count per member, which renames but never assumes the set invariant.
TEST_CASE("random programs with interchangeable copies: per orbit and per member agree",
          "[output_count][orbit][random]") {
  int compared = 0;
  int per_orbit = 0;
  const int wanted = weft::test::programs_to_compare(50);
  for (std::uint32_t seed = 1; seed <= 2000 && compared < wanted; ++seed) {
    auto program = weft::test::RandomProgram::generate(seed);
    program.copies = 2;
    program.copies_joined = seed % 2 == 0;  // the creator's run of joins
    const auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const OutputCount member = counted(body, How::PerMember, 5000);
    if (!member.exact && member.why_not == "max-executions") continue;
    const OutputCount orbit = counted(body, How::PerOrbit);
    INFO(member.why_not << " / " << orbit.why_not << " / " << orbit.orbits_why_not);
    REQUIRE(member.exact);
    REQUIRE(orbit.exact);
    CHECK(orbit.distinct == member.distinct);
    CHECK_FALSE(member.orbits);
    if (orbit.orbits) ++per_orbit;
    ++compared;
  }
  CHECK(compared == wanted);
  CHECK(per_orbit >= wanted / 2);
}

TEST_CASE("a count past its share of memory stops and says so", "[output_count][orbit]") {
  // semaphore with as many permits as threads: every thread prints at t=0 and the named
  // threads then wake and release in any order, a set of 4^8 arrangements: well past 1 MB.
  const weft::Scenario* semaphore = weft::Registry::instance().find("semaphore");
  REQUIRE(semaphore != nullptr);
  const weft::Params p = semaphore->resolve({{"threads", "8"}, {"permits", "8"}});
  weft::checker::OutputCountOptions o;
  o.max_memory = std::numeric_limits<std::uint64_t>::max();
  o.max_count_bytes = 1 << 20;
  const OutputCount c = weft::checker::count_outputs([&] { semaphore->body(p); }, o);
  CHECK_FALSE(c.exact);
  CHECK(c.why_not == "max-memory");
}
