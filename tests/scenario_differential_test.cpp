// The reduced search finds exactly the outcomes of the naive one on every built-in scenario
// (with parameters small enough for the naive search to finish).
#include <catch2/catch.hpp>

#include <tuple>

#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"
#include "support.hpp"

namespace {

weft::checker::Report search(const weft::Scenario& s, const weft::Params& p, bool reduction) {
  weft::checker::Options opt;
  opt.reduction = reduction;
  opt.max_executions = 200000;
  opt.setup.stdin_lines = s.stdin_lines;
  return weft::checker::explore([&] { s.body(p); }, opt);
}

}  // namespace

TEST_CASE("every built-in scenario: same outcomes with and without reduction",
          "[reduction][scenario]") {
  for (const auto& [name, params, finishes_naive] : weft::test::small_scenarios()) {
    if (!finishes_naive) continue;
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(params);
    INFO(name);
    const auto naive = search(*s, p, false);
    const auto reduced = search(*s, p, true);
    REQUIRE(naive.complete);
    REQUIRE(reduced.complete);
    // Each naive execution repeats the previous one's prefix and checks it as it goes: a
    // built-in scenario never strays from it.
    CHECK_FALSE(naive.nondeterministic);
    CHECK_FALSE(reduced.nondeterministic);
    CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
    CHECK(reduced.executions <= naive.executions);
  }
}
