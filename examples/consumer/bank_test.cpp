// The project's tests: weft searches every interleaving of its scenario and the assertions say
// what must hold in all of them.
#include <weft/catch2.hpp>
#include <weft/weft.hpp>

using namespace weft::testing;

namespace {

SearchOptions options(bool locked) {
  SearchOptions o;
  o.params = {{"locked", locked ? "true" : "false"}};
  o.replay_with = BANK_WEFT;  // a failure's report says how to replay it with this program
  return o;
}

}  // namespace

TEST_CASE("deposits under the lock are never lost") {
  const SearchResult r = search("deposits", options(true));
  REQUIRE_THAT(r, NoFailure());
  REQUIRE_THAT(r, Outputs({"balance 200\n"}));
}

TEST_CASE("without the lock a deposit can be lost") {
  const SearchResult r = search("deposits", options(false));
  REQUIRE_THAT(r, FindsFailure("failed check"));
  REQUIRE_THAT(r, CanPrint("balance 100\n"));
}

TEST_CASE("a random search finds the lost deposit too") {
  SearchOptions o = options(false);
  o.strategy = Strategy::Random;
  o.runs = 200;
  REQUIRE_THAT(search("deposits", o), FindsFailure("failed check"));
}

TEST_CASE("a function can be searched without registering it") {
  const SearchResult r = search("ping", [] {
    weft::Thread t([] { weft::print("pong"); });
    t.start();
    weft::print("ping");
    t.join();
  });
  REQUIRE_THAT(r, Outputs({"ping\npong\n", "pong\nping\n"}));
}

// The report of a failed assertion, shown by running this test on its own ("[buggy]"): the
// failing outcome, its interleaving, the trace and the command that replays it.
TEST_CASE("the unlocked deposits, asserted correct", "[.][buggy]") {
  REQUIRE_THAT(search("deposits", options(false)), NoFailure());
}
