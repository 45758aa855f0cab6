// "Can this program print that?": exact answers, ANSI codes ignored unless asked.
#include <catch2/catch.hpp>

#include "checker/possible.hpp"
#include "primitives/weft.hpp"

using weft::checker::PossibleResult;
using weft::checker::Target;

namespace {

PossibleResult ask(const std::string& out, bool exact = false) {
  weft::checker::Options opt;
  Target t;
  t.out = out;
  t.exact_bytes = exact;
  return weft::checker::find_output(
      [] {
        weft::Thread a([] { weft::print("\033[41ma\033[0m"); });
        weft::Thread b([] { weft::print("b"); });
        a.start();
        b.start();
      },
      t, opt);
}

}  // namespace

TEST_CASE("possible: an output some schedule prints, with its witness", "[possible]") {
  auto r = ask("b\na\n");
  CHECK(r.answer == PossibleResult::Answer::Possible);
  CHECK(r.outcome.out == "b\n\033[41ma\033[0m\n");
  CHECK_FALSE(r.witness.empty());
}

TEST_CASE("possible: an output no schedule prints is impossible", "[possible]") {
  auto r = ask("a\na\n");
  CHECK(r.answer == PossibleResult::Answer::Impossible);
  // Most schedules are abandoned at the print that went astray; those whose last print is the
  // wrong one end anyway.
  CHECK(r.pruned > 0);
  CHECK(r.pruned < r.executions);
}

TEST_CASE("possible: colour codes count only with exact bytes", "[possible]") {
  CHECK(ask("a\nb\n", true).answer == PossibleResult::Answer::Impossible);
  CHECK(ask("\033[41ma\033[0m\nb\n", true).answer == PossibleResult::Answer::Possible);
}

TEST_CASE("possible: a budget that runs out leaves the answer undecided", "[possible]") {
  weft::checker::Options opt;
  opt.max_executions = 1;
  Target t;
  t.out = "b\na\n";
  auto r = weft::checker::find_output(
      [] {
        weft::Thread a([] { weft::print("a"); });
        weft::Thread b([] { weft::print("b"); });
        a.start();
        b.start();
      },
      t, opt);
  CHECK(r.answer == PossibleResult::Answer::Undecided);
  CHECK(r.cut_by == "max-executions");
  CHECK(r.executions == 1);
}

TEST_CASE("strip_ansi removes colour sequences and nothing else", "[possible]") {
  CHECK(weft::checker::strip_ansi("\033[41mThread-1 拿到A锁\033[0m") == "Thread-1 拿到A锁");
  CHECK(weft::checker::strip_ansi("plain [x]") == "plain [x]");
}
