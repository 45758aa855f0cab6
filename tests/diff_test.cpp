// Two searches' outcomes side by side, against set differences of their outcome keys.
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "checker/diff.hpp"
#include "support.hpp"

namespace {

std::set<weft::test::OutcomeKey> keys(const std::vector<weft::checker::OutcomeDiff::Row>& rows,
                                      bool from_a) {
  std::set<weft::test::OutcomeKey> out;
  for (const auto& row : rows) {
    const weft::sim::Outcome& o = (from_a ? row.a : row.b)->outcome;
    out.insert(weft::test::outcome_key(o.status, o.out, o.err, o.message, o.files));
  }
  return out;
}

std::set<weft::test::OutcomeKey> minus(const std::set<weft::test::OutcomeKey>& x,
                                       const std::set<weft::test::OutcomeKey>& y) {
  std::set<weft::test::OutcomeKey> out;
  std::set_difference(x.begin(), x.end(), y.begin(), y.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace

TEST_CASE("diff: only in A, only in B and in both are the set differences and intersection",
          "[diff]") {
  const auto a = weft::test::explore_scenario("deadlock", {{"threads", "2"}});
  const auto b = weft::test::explore_scenario("rlock", {{"threads", "2"}});
  const weft::checker::OutcomeDiff d = weft::checker::diff_outcomes(a, b);
  CHECK(d.complete_a);
  CHECK(d.complete_b);
  const auto ka = weft::test::outcome_keys(a), kb = weft::test::outcome_keys(b);
  CHECK(keys(d.only_a, true) == minus(ka, kb));
  CHECK(keys(d.only_b, false) == minus(kb, ka));
  CHECK(keys(d.both, true) == minus(ka, minus(ka, kb)));
  CHECK(keys(d.both, false) == keys(d.both, true));
  // deadlock's 4 deadlocks; rlock's 2 orders with one thread whole before the other
  // (tests/cli_diff.cmake argues both).
  CHECK(d.only_a.size() == 4);
  CHECK(d.only_b.size() == 2);
  CHECK(d.both.size() == 4);
  CHECK_FALSE(d.equal());
  const weft::checker::OutcomeDiff same = weft::checker::diff_outcomes(a, a);
  CHECK(same.equal());
  CHECK(same.both.size() == a.outcomes.size());
}
