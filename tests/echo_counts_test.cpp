// The reduced search's execution counts on the socket scenarios, each derived independently: the
// classes of equivalent schedules counted by brute force over every schedule (class_count.hpp)
// where the naive search finishes, and an argument from those where it does not.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <string>

#include "class_count.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

namespace {

using Params = std::map<std::string, std::string>;

weft::test::ClassCount brute_force(const std::string& name, const Params& params) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve(params);
  return weft::test::count_classes([&] { s->body(p); }, weft::sim::ExecutionSetup{}, 100000);
}

const Params kOneClient{{"clients", "1"}, {"messages", "1"}};

}  // namespace

// One client, one message: the naive search runs 4,320 schedules, which fall into 270 classes:
// which process accepts (2), times 135 ways the conversation's steps on the connection can be
// ordered and cut (the handler's recv may end after any of hello's 5 bytes, the client's recvs
// after any byte of the replies that have arrived). The reduced search runs one execution per
// class, and two more that its sleep sets stop as redundant.
TEST_CASE("echo_server and echo_server_fixed, one client: one execution per class",
          "[socket][scenario][counts]") {
  for (const char* name : {"echo_server", "echo_server_fixed"}) {
    INFO(name);
    const auto brute = brute_force(name, kOneClient);
    REQUIRE(brute.complete);
    CHECK(brute.executions == 4320);
    CHECK(brute.classes == 270);
    const auto r = weft::test::explore_scenario(name, kOneClient);
    CHECK(r.complete);
    CHECK(r.executions - r.redundant == brute.classes);
    CHECK(r.executions == 272);
  }
}

TEST_CASE("echo_client_partial: one execution per class", "[socket][scenario][counts]") {
  const auto brute = brute_force("echo_client_partial", {});
  REQUIRE(brute.complete);
  CHECK(brute.executions == 230);
  CHECK(brute.classes == 75);
  const auto r = weft::test::explore_scenario("echo_client_partial");
  CHECK(r.complete);
  CHECK(r.executions - r.redundant == brute.classes);
  CHECK(r.executions == 76);
}

// Two clients: the naive search does not finish (millions of schedules), so the figure is argued
// from the one-client count above. The clients connect one after the other (client 2's connect
// follows client 1's close in MainThread), and each connection is an object of its own. Client
// 1's conversation runs as with one client: 270 classes (its process, and 135 orders and cuts of
// its steps). Client 2's connection is accepted by either process's accept, both waiting on the
// port (2), and its conversation has the same 135 classes: its steps are on its own connection,
// and what else runs meanwhile (the end of client 1's handler: its recv of b'', its close, its
// end) touches only client 1's connection and commutes with all of them. So 270 x 270 = 72,900
// classes, each explored once; the redundant executions are those the sleep sets stop.
TEST_CASE("echo_server_fixed, two clients: the conversations' classes multiply",
          "[socket][scenario][counts]") {
  const auto r =
      weft::test::explore_scenario("echo_server_fixed", {{"clients", "2"}, {"messages", "1"}});
  CHECK(r.complete);
  CHECK(r.executions - r.redundant == 270 * 270);
  CHECK(r.executions == 73712);
}

// The counter itself, on programs whose classes are plain to see.
TEST_CASE("the class counter counts classes, not schedules", "[counts]") {
  const auto count = [](const std::function<void()>& body) {
    const auto c = weft::test::count_classes(body, weft::sim::ExecutionSetup{}, 1000);
    REQUIRE(c.complete);
    return c.classes;
  };
  // Two threads storing to variables of their own: every schedule is one class.
  CHECK(count([] {
          weft::Shared<int> a(0), b(0);
          weft::Thread t([a] { a.store(1); });
          weft::Thread u([b] { b.store(1); });
          t.start(), u.start();
        }) == 1);
  // Two threads storing different values to one variable: its two orders.
  CHECK(count([] {
          weft::Shared<int> a(0);
          weft::Thread t([a] { a.store(1); });
          weft::Thread u([a] { a.store(2); });
          t.start(), u.start();
        }) == 2);
  // A choice of three values in one thread, independent of the other: three classes.
  CHECK(count([] {
          weft::Shared<int> a(0);
          weft::Thread t([a] { a.store(static_cast<int>(weft::choose(3))); });
          t.start();
          weft::print("main");
        }) == 3);
}
