// State caching with processes and sockets (docs/state-caching.md, "Processes and the network"):
// a process and the simulated network say their whole state, so the search caches states there
// and finds exactly the reduction's outcomes, on random socket programs (a third of them with
// their server in a process), on process programs that copy shared variables, end with exit
// codes and terminate, and on the tutorial's echo server at small sizes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "random_socket_program.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::test::outcome_keys;

namespace {

enum class Search { Reduced, Cached, CachedNoSymmetry, CachedStatuses };

Report search(const std::function<void()>& body, Search how) {
  Options o;
  o.max_executions = 2000000;  // far above what any program here needs
  o.state_caching = how != Search::Reduced;
  o.symmetry = how != Search::CachedNoSymmetry;
  o.outputs_matter = how != Search::CachedStatuses;  // as weft check searches
  return weft::checker::explore(body, o);
}

std::set<int> statuses(const Report& r) {
  std::set<int> out;
  for (const auto& g : r.outcomes) out.insert(static_cast<int>(g.outcome.status));
  return out;
}

// The reduction and state caching (with and without symmetry) on one program: both complete,
// caching was not given up, and the same outcomes (statuses, messages, outputs); caching for
// statuses only finds the same statuses.
void compare(const std::function<void()>& body) {
  const Report reduced = search(body, Search::Reduced);
  REQUIRE(reduced.complete);
  for (const Search how : {Search::Cached, Search::CachedNoSymmetry}) {
    const Report cached = search(body, how);
    INFO("symmetry " << (how == Search::Cached) << ": " << cached.executions << " executions, "
                     << cached.states << " states");
    REQUIRE(cached.complete);
    REQUIRE(cached.state_caching);
    CHECK(outcome_keys(cached) == outcome_keys(reduced));
  }
  // Without stdout in the state, what a thread received is no longer also what it printed: only
  // the histories and the network's state keep such states apart.
  const Report statuses_only = search(body, Search::CachedStatuses);
  REQUIRE(statuses_only.complete);
  REQUIRE(statuses_only.state_caching);
  CHECK(statuses(statuses_only) == statuses(reduced));
}

void compare_scenario(const char* name, const std::map<std::string, std::string>& params) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve(params);
  INFO(name);
  compare([&] { s->body(p); });
}

}  // namespace

TEST_CASE("random socket programs: the same outcomes with state caching as with the reduction",
          "[stateful][socket][random]") {
  const int programs = weft::test::programs_to_compare(120);
  for (int seed = 1; seed <= programs; ++seed) {
    const auto program =
        weft::test::RandomSocketProgram::generate(static_cast<std::uint32_t>(seed));
    INFO("seed " << seed << ": " << program.describe());
    compare([&program] { program.run(); });
  }
}

TEST_CASE("processes: copies of shared variables, exit codes, names and terminate under state "
          "caching",
          "[stateful][process]") {
  SECTION("a child and its parent write their own copies, in either order") {
    compare([] {
      weft::Shared<int> x(0);
      weft::Process p([x] {
        x.store(x.load() + 1);
        weft::print("child", x.load());
      });
      p.start();
      x.store(x.load() + 2);
      weft::print("parent", x.load());
      p.join();
      weft::print("exitcode", *p.exitcode());
    });
  }
  SECTION("two children fork from different values of one variable") {
    compare([] {
      weft::Shared<int> x(0);
      weft::Process a([x] { weft::print("a sees", x.load()); });
      weft::Process b([x] { weft::print("b sees", x.load()); });
      weft::Thread t([x] { x.store(5); });
      t.start();
      a.start();
      b.start();
      a.join();
      b.join();
      t.join();
    });
  }
  SECTION("a child that raises, a child with threads, names and exit codes") {
    compare([] {
      weft::Process bad([] { throw weft::ValueError("boom"); });
      weft::Process good([] {
        weft::Thread t([] { weft::print(weft::current_process_name(), "thread"); });
        t.start();
        weft::print(weft::current_process_name(), "main");
      });
      bad.start();
      good.start();
      bad.join();
      good.join();
      weft::print("codes", *bad.exitcode(), *good.exitcode());
    });
  }
  SECTION("a terminate anywhere in a child that prints and writes its copy") {
    compare([] {
      weft::Shared<int> x(0);
      weft::Process p([x] {
        for (int i = 0; i < 3; ++i) {
          x.store(i);
          weft::print("c", x.load());
        }
      });
      p.start();
      weft::print("m", x.load());
      p.terminate();
      p.join();
      weft::print("code", *p.exitcode());
    });
  }
}

TEST_CASE("echo server at small sizes: the same outcomes with state caching",
          "[stateful][socket][process][scenario]") {
  compare_scenario("echo_server", {{"clients", "1"}, {"messages", "1"}});
  compare_scenario("echo_server_fixed", {{"clients", "1"}, {"messages", "1"}});
  compare_scenario("echo_client_partial", {});
  if (weft::test::programs_to_compare(2) == 2)  // the reduction's 73,712 executions
    compare_scenario("echo_server_fixed", {{"clients", "2"}, {"messages", "1"}});
}
