// The reduction stays sound with the network's choices: on random programs that connect, accept,
// send, receive, shut down and close (random_socket_program.hpp), the reduced search finds
// exactly the outcomes of the naive one, in no more executions, and one execution per class of
// equivalent schedules, the classes counted by brute force (class_count.hpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "checker/explore.hpp"
#include "class_count.hpp"
#include "random_program.hpp"
#include "random_socket_program.hpp"
#include "support.hpp"

namespace {

weft::checker::Report search(const std::function<void()>& body, bool reduction) {
  weft::checker::Options o;
  o.reduction = reduction;
  o.max_executions = 300000;  // a budget far above what any program here needs
  return weft::checker::explore(body, o);
}

bool printed(const weft::checker::Report& r, const std::string& what) {
  for (const auto& g : r.outcomes)
    if (g.outcome.out.find(what) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("random socket programs: identical outcomes with and without reduction",
          "[reduction][socket][random]") {
  // 120 programs of a client thread (one or two connections, one after the other), a server
  // thread or process (one or two accepting threads) and main, whose naive searches run from a
  // few hundred to 60,000 schedules each.
  const int full = 120;
  const int programs = weft::test::programs_to_compare(full);
  int resets = 0, broken_pipes = 0, refusals = 0, in_processes = 0, reduced_fewer = 0;
  int counted = 0;
  for (int seed = 1; seed <= programs; ++seed) {
    const auto program =
        weft::test::RandomSocketProgram::generate(static_cast<std::uint32_t>(seed));
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const auto naive = search(body, false);
    INFO("naive: " << naive.executions << " executions, cut by " << naive.cut_by);
    REQUIRE(naive.complete);
    const auto reduced = search(body, true);
    REQUIRE(reduced.complete);
    CHECK(weft::test::outcome_keys(reduced) == weft::test::outcome_keys(naive));
    CHECK(reduced.executions <= naive.executions);
    // The brute force where it is quick (all but a few of the programs).
    if (naive.executions <= 5000) {
      const auto classes = weft::test::count_classes(body, weft::sim::ExecutionSetup{}, 5000);
      CHECK(classes.classes == reduced.executions - reduced.redundant);
      ++counted;
    }
    resets += printed(naive, "ConnectionResetError") ? 1 : 0;
    broken_pipes += printed(naive, "BrokenPipeError") ? 1 : 0;
    refusals += printed(naive, "ConnectionRefusedError") ? 1 : 0;
    in_processes += program.process ? 1 : 0;
    reduced_fewer += reduced.executions < naive.executions ? 1 : 0;
  }
  // Not vacuous: the programs meet resets, broken pipes, refused connections (a listener closed
  // before the connect), servers in processes, and the reduction prunes. The figures are the
  // full run's: what seeds 1-120 draw, pinned so that a generator that stops drawing one of them
  // is noticed. Fewer programs are not guarded.
  if (programs == full) {
    CHECK(resets == 26);
    CHECK(broken_pipes == 9);
    CHECK(refusals == 20);
    CHECK(in_processes == 29);
    CHECK(reduced_fewer == 120);
    CHECK(counted == 107);
  }
}
