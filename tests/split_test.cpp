// The exhaustive reduced search split into prefixes (checker/split.hpp): the shards of a search,
// merged, find exactly the outcomes of the search in one piece, on every small built-in scenario
// and on random programs; failures too. docs/scale.md argues why.
#include "checker/split.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <vector>

#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::checker::Split;

namespace {

// The N shards of the search, each searched alone, merged in shard order.
Report sharded(const std::function<void()>& body, const Options& o, std::size_t n) {
  const Split split = weft::checker::choose_split(body, o, n);
  if (n > 1) CHECK(split.depth > 0);
  Report all;
  std::set<std::size_t> covered;
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<std::size_t> mine = weft::checker::shard_prefixes(split, i, n);
    for (std::size_t k : mine) CHECK(covered.insert(k).second);  // no prefix in two shards
    Report r = weft::checker::explore_prefixes(body, o, split, mine);
    if (i == 0) {
      all = std::move(r);
    } else {
      weft::checker::merge_report(all, std::move(r));
    }
  }
  CHECK(covered.size() == split.prefixes);  // every prefix in one
  return all;
}

Options reduced(const std::vector<std::string>& stdin_lines = {}) {
  Options o;
  o.max_executions = 300000;
  o.setup.stdin_lines = stdin_lines;
  return o;
}

void same_as_whole(const std::function<void()>& body, const Options& o,
                   const std::vector<std::size_t>& parts) {
  const Report whole = weft::checker::explore(body, o);
  REQUIRE(whole.complete);
  for (std::size_t n : parts) {
    INFO(n << " shards");
    const Report merged = sharded(body, o, n);
    CHECK(merged.complete);
    CHECK(weft::test::outcome_keys(merged) == weft::test::outcome_keys(whole));
    CHECK(merged.distinct == whole.distinct);
    // One shard is the search in one piece (split depth 0), execution for execution.
    if (n == 1) CHECK(merged.executions == whole.executions);
  }
}

}  // namespace

TEST_CASE("split search: shards 1 to 8 merged find the outcomes of the whole search",
          "[split][scenario]") {
  for (const auto& sc : weft::test::small_scenarios()) {
    const weft::Scenario* s = weft::Registry::instance().find(sc.name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(sc.params);
    const auto body = [s, &p] { s->body(p); };
    INFO(sc.name);
    same_as_whole(body, reduced(s->stdin_lines), {1, 2, 3, 4, 5, 6, 7, 8});
  }
}

TEST_CASE("split search: random programs, shards merged find the outcomes of the whole search",
          "[split][random]") {
  const int programs = weft::test::programs_to_compare(300);
  for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    same_as_whole(body, reduced(), {2, 3, 8});
  }
}

TEST_CASE("split search on threads: the outcomes of the whole search, the executions of the split",
          "[split][jobs][real]") {
  for (const auto& sc : weft::test::small_scenarios()) {
    const weft::Scenario* s = weft::Registry::instance().find(sc.name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(sc.params);
    const auto body = [s, &p] { s->body(p); };
    const Options o = reduced(s->stdin_lines);
    const Report whole = weft::checker::explore(body, o);
    for (unsigned jobs : {2u, 3u}) {
      INFO(sc.name << " on " << jobs << " threads");
      const Report on_jobs = weft::checker::explore_on_jobs(body, o, jobs);
      CHECK(on_jobs.complete == whole.complete);
      CHECK(weft::test::outcome_keys(on_jobs) == weft::test::outcome_keys(whole));
      // The same prefixes as N shards, whichever thread searched which: the same executions.
      CHECK(on_jobs.executions == sharded(body, o, jobs).executions);
    }
  }
}

TEST_CASE("split search: a failure the search stops at is found by the shards and the threads",
          "[split][jobs][real]") {
  for (const auto& sc : weft::test::small_scenarios()) {
    const weft::Scenario* s = weft::Registry::instance().find(sc.name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(sc.params);
    const auto body = [s, &p] { s->body(p); };
    Options o = reduced(s->stdin_lines);
    o.stop_at_failure = true;
    o.failures.expected_exceptions = s->expected_exceptions;
    const Report whole = weft::checker::explore(body, o);
    INFO(sc.name);
    for (std::size_t n : {2u, 5u}) {
      const weft::checker::Split split = weft::checker::choose_split(body, o, n);
      bool failed = false;
      for (std::size_t i = 0; i < n; ++i)
        failed |= weft::checker::explore_prefixes(body, o, split,
                                                  weft::checker::shard_prefixes(split, i, n))
                      .failure.has_value();
      CHECK(failed == whole.failure.has_value());
    }
    const Report on_jobs = weft::checker::explore_on_jobs(body, o, 2);
    CHECK(on_jobs.failure.has_value() == whole.failure.has_value());
    if (whole.failure) CHECK(on_jobs.cut_by == "failure");
  }
}

// Two threads share a split search only if no prefix holds most of it. deadlock at 5 threads:
// the main thread starts the 5 workers at the top of the tree, where a prefix in which a worker
// runs first keeps the main thread asleep until every execution below is stopped by the sleep
// set. A split that counted those prefixes (16 at depth 5) left 16,685 of the 20,031 executions
// in the first prefix: --jobs 2 ran on one thread. Greedy hand-out to 2 threads ends within one
// prefix of an even share, so a largest prefix of at most a quarter keeps each thread's share
// within 3/4 of the whole.
TEST_CASE("split search: no prefix holds most of the search", "[split][jobs]") {
  const weft::Scenario* s = weft::Registry::instance().find("deadlock");
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve({{"threads", "5"}});
  const auto body = [s, &p] { s->body(p); };
  const Options o = reduced(s->stdin_lines);
  const weft::checker::Split split = weft::checker::choose_split(body, o, 2);
  std::uint64_t total = 0, largest = 0;
  for (std::size_t k = 0; k < split.prefixes; ++k) {
    const Report r = weft::checker::explore_prefix(body, o, split.depth, k).report;
    REQUIRE(r.complete);
    total += r.executions;
    largest = std::max(largest, r.executions);
  }
  INFO("depth " << split.depth << ", " << split.prefixes << " prefixes");
  CHECK(total >= weft::checker::explore(body, o).executions);
  CHECK(largest * 4 <= total);
}
