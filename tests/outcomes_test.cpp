// Outcomes in bounded memory: the listing cap, counting by fingerprint, the fingerprint set's
// budget and the memory limit that ends a search.
#include <catch2/catch.hpp>

#include <string>

#include "checker/fingerprints.hpp"
#include "checker/outcomes.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"

namespace {

using weft::checker::Counting;

weft::checker::Report search(const std::string& name,
                             const std::map<std::string, std::string>& params, std::size_t keep,
                             std::uint64_t max_memory = 0) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve(params);
  weft::checker::Options opt;
  opt.keep_outcomes = keep;
  opt.max_memory = max_memory;
  opt.setup.stdin_lines = s->stdin_lines;
  return weft::checker::explore([&] { s->body(p); }, opt);
}

std::vector<std::uint64_t> numbers(const weft::checker::Report& r) {
  std::vector<std::uint64_t> out;
  for (const auto& g : r.outcomes) out.push_back(g.number);
  return out;
}

}  // namespace

TEST_CASE("counting by fingerprint equals counting in full on every built-in scenario",
          "[outcomes][scenario]") {
  for (const auto& [name, params, naive] : weft::test::small_scenarios()) {
    INFO(name);
    const auto full = search(name, params, weft::checker::kKeepAll);
    const auto counted = search(name, params, 0);
    REQUIRE(full.complete);
    REQUIRE(counted.complete);
    // Kept in full, every outcome is compared in full: the count is the listing's length.
    CHECK(full.counting == Counting::Exact);
    CHECK(full.distinct == full.outcomes.size());
    CHECK(counted.distinct == full.distinct);
    CHECK(counted.distinct_by_status == full.distinct_by_status);
    CHECK(counted.fingerprints.size() == full.fingerprints.size());
    full.fingerprints.for_each([&](std::uint64_t fp) { CHECK(counted.fingerprints.contains(fp)); });
    // Kept: only the first of each status reached.
    std::size_t statuses = 0;
    for (const std::uint64_t n : full.distinct_by_status) statuses += n > 0 ? 1 : 0;
    CHECK(counted.outcomes.size() == statuses);
    CHECK(counted.counting ==
          (full.distinct > statuses ? Counting::Fingerprints : Counting::Exact));
  }
}

TEST_CASE("the first outcomes are kept in full, and the first of each status", "[outcomes]") {
  // daemon prints main-------, 123 and 456 in any order, then end123 and end456: 3! = 6.
  const auto daemon = search("daemon", {}, 2);
  CHECK(daemon.distinct == 6);
  CHECK(numbers(daemon) == std::vector<std::uint64_t>{1, 2});
  CHECK(daemon.counting == Counting::Fingerprints);
  // deadlock with 2 threads: the first schedule deadlocks (outcome 1), the third found ends ok
  // (cli_replay.cmake replays both); with a cap of 1 the ok one is kept as its status's first.
  const auto deadlock = search("deadlock", {{"threads", "2"}}, 1);
  REQUIRE(deadlock.outcomes.size() == 2);
  CHECK(numbers(deadlock) == std::vector<std::uint64_t>{1, 3});
  CHECK(deadlock.outcomes[0].outcome.status == weft::sim::Status::Deadlock);
  CHECK(deadlock.outcomes[1].outcome.status == weft::sim::Status::Ok);
  CHECK(deadlock.distinct == search("deadlock", {{"threads", "2"}}, weft::checker::kKeepAll)
                                 .outcomes.size());
}

TEST_CASE("a search ends cleanly when the process has held more than max_memory", "[outcomes]") {
  // Any running process has held more than one byte; the first look follows the first execution.
  const auto r = search("rlock", {{"threads", "3"}}, weft::checker::kKeepAll, 1);
  CHECK_FALSE(r.complete);
  CHECK(r.cut_by == "max-memory");
  CHECK(r.executions == 1);
  CHECK(r.distinct == 1);
  CHECK(r.outcomes.size() == 1);
}

TEST_CASE("the fingerprint set stays within its bytes", "[outcomes]") {
  using Insert = weft::checker::FingerprintSet::Insert;
  // Tables double from 16 slots of 8 bytes; a growth holds the old table and the new: 12 KiB
  // takes the growth from 512 slots to 1,024 (12 KiB) but not the next. A table is at most three
  // quarters full: 768 fingerprints.
  weft::checker::FingerprintSet set(12 * 1024);
  constexpr std::uint64_t kStep = 0x9e3779b97f4a7c15ULL;
  for (std::uint64_t i = 1; i <= 768; ++i) REQUIRE(set.insert(i * kStep) == Insert::Added);
  CHECK(set.insert(5 * kStep) == Insert::Present);
  CHECK(set.insert(12345) == Insert::Full);
  CHECK(set.size() == 768);
  CHECK(set.bytes() == 8 * 1024);
  CHECK(set.contains(768 * kStep));
  CHECK_FALSE(set.contains(12345));
  // One pair of fingerprints: 2^-64.
  CHECK(weft::checker::FingerprintSet::collision_bound(2) == Approx(5.421010862427522e-20));
}

TEST_CASE("an outcome table whose fingerprints run out counts a lower bound", "[outcomes]") {
  weft::checker::OutcomeTable table(0, 12 * 1024);
  for (int i = 0; i < 1000; ++i) {
    weft::sim::Outcome o;
    o.out = std::to_string(i) + "\n";
    table.add(o, {}, false);
  }
  weft::checker::Report r;
  table.finish(r);
  // The set takes 768 fingerprints (above); the 232 outcomes after them are not counted.
  CHECK(r.distinct == 768);
  CHECK(r.counting == Counting::LowerBound);
  CHECK(r.outcomes.size() == 1);  // the first ok one
}
