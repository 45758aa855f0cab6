// Exact outcome sets of the built-in scenarios.
#include <catch2/catch.hpp>

#include "support.hpp"

using weft::sim::Status;
using weft::test::explore_scenario;
using weft::test::stdouts;

TEST_CASE("daemon: the three first lines in each of their six orders, then end123, end456",
          "[scenario][daemon]") {
  auto r = explore_scenario("daemon");
  CHECK(r.complete);
  std::set<std::string> expected;
  std::vector<std::string> first = {"123", "456", "main-------"};
  std::sort(first.begin(), first.end());
  do {
    expected.insert(first[0] + "\n" + first[1] + "\n" + first[2] + "\nend123\nend456\n");
  } while (std::next_permutation(first.begin(), first.end()));
  CHECK(r.outcomes.size() == 6);
  CHECK(stdouts(r) == expected);
  for (const auto& g : r.outcomes) CHECK(g.outcome.end_time == weft::sim::from_seconds(3));
}
