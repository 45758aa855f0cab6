// "Can this program print that?": exact answers, ANSI codes ignored unless asked.
#include <catch2/catch.hpp>

#include "checker/possible.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

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

// Two threads printing "a" and "b": either order.
void two_printers() {
  weft::Thread a([] { weft::print("a"); });
  weft::Thread b([] { weft::print("b"); });
  a.start();
  b.start();
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
      two_printers, t, opt);
  CHECK(r.answer == PossibleResult::Answer::Undecided);
  CHECK(r.cut_by == "max-executions");
  CHECK(r.executions == 1);
}

TEST_CASE("strip_ansi removes colour sequences and nothing else", "[possible]") {
  CHECK(weft::checker::strip_ansi("\033[41mThread-1 拿到A锁\033[0m") == "Thread-1 拿到A锁");
  CHECK(weft::checker::strip_ansi("plain [x]") == "plain [x]");
}

namespace {

// rlock's lines for Thread-i: func1 holds the lock for A1 then B1, func2 for B2 then A2.
std::string rlock_lines(const std::vector<std::pair<int, int>>& sections) {
  std::string out;
  for (const auto& [thread, func] : sections) {
    const std::string name = "Thread-" + std::to_string(thread);
    out += func == 1 ? name + " 拿到A锁\n" + name + " 拿到B锁\n" : name + " 拿到B锁\n" + name + " 拿到A锁\n";
  }
  return out;
}

PossibleResult ask_rlock(const std::string& out, bool reduction = true) {
  const weft::Scenario* s = weft::Registry::instance().find("rlock");
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve({{"threads", "3"}});
  weft::checker::Options opt;
  opt.reduction = reduction;
  Target t;
  t.out = out;
  return weft::checker::find_output([&] { s->body(p); }, t, opt);
}

}  // namespace

TEST_CASE("possible: rlock with 3 threads, an output its lock allows, replayed", "[possible]") {
  // Every func1 in thread order, then every func2 in reverse.
  const std::string want = rlock_lines({{1, 1}, {2, 1}, {3, 1}, {3, 2}, {2, 2}, {1, 2}});
  auto r = ask_rlock(want);
  REQUIRE(r.answer == PossibleResult::Answer::Possible);
  // The pruned search prints it in its 8th execution (6 abandoned, 1 stopped by the sleep
  // sets), while the reduced search beside it ran 7.
  CHECK(r.executions == 15);
  CHECK(r.pruned == 6);
  CHECK(r.redundant == 1);
  // The witness, recorded and replayed as `weft replay` does, prints exactly the target.
  const weft::Scenario* s = weft::Registry::instance().find("rlock");
  const weft::Params p = s->resolve({{"threads", "3"}});
  const auto body = [&] { s->body(p); };
  const weft::checker::Trace trace = weft::checker::record_trace(body, {}, r.witness);
  const weft::checker::ReplayResult replayed = weft::checker::replay(body, trace);
  CHECK_FALSE(replayed.divergence);
  CHECK(replayed.matches);
  CHECK(weft::checker::strip_ansi(replayed.outcome.out) == want);
}

TEST_CASE("possible: rlock with 3 threads, another thread inside func1 is impossible",
          "[possible]") {
  // Thread-2 takes the lock between Thread-1's two lines of func1, which hold it throughout.
  const std::string want = "Thread-1 拿到A锁\nThread-2 拿到A锁\nThread-1 拿到B锁\n";
  auto r = ask_rlock(want);
  CHECK(r.answer == PossibleResult::Answer::Impossible);
  // The pruned search completes in 9 executions, each abandoned at its second line: they differ
  // in which thread took the lock first and in where main's starts fall, up to the sleep sets.
  // The reduced search beside it ran 8 of its 90.
  CHECK(r.executions == 17);
  CHECK(r.pruned == 9);
  // The naive search, pruned the same way and alone, tries every order of the starts.
  auto naive = ask_rlock(want, false);
  CHECK(naive.answer == PossibleResult::Answer::Impossible);
  CHECK(naive.executions == 63);
}

TEST_CASE("possible: a target reached only through a race after an astray print", "[possible]") {
  // The program of checker/possible.cpp's comment. The first execution prints "F" and then runs
  // A before B; "T" needs B's write of z before Q's read, a race only B-before-A shows. A
  // search that skipped the alternatives after the astray print would call "T" impossible.
  const auto body = [] {
    weft::Shared<int> y(0, "y");
    weft::Shared<int> z(0, "z");
    weft::Thread q([z] { weft::print(z.load() == 1 ? "T" : "F"); });
    weft::Thread a([y] { y.store(1); });
    weft::Thread b([y, z] {
      if (y.load() == 0) z.store(1);
    });
    q.start();
    a.start();
    b.start();
  };
  weft::checker::Options opt;
  for (const auto& [out, answer] :
       {std::pair{"T\n", PossibleResult::Answer::Possible},
        std::pair{"F\n", PossibleResult::Answer::Possible},
        std::pair{"T\nT\n", PossibleResult::Answer::Impossible}}) {
    Target t;
    t.out = out;
    INFO(out);
    CHECK(weft::checker::find_output(body, t, opt).answer == answer);
  }
}

TEST_CASE("possible: a file the program writes must end as wanted", "[possible]") {
  // text_pipeline's two scripted lines reach db1.txt in either order, never twice the same.
  const weft::Scenario* s = weft::Registry::instance().find("text_pipeline");
  REQUIRE(s != nullptr);
  const weft::Params p = s->resolve({});
  weft::checker::Options opt;
  opt.setup.stdin_lines = s->stdin_lines;
  const auto ask_file = [&](const std::string& db) {
    Target t;
    t.out = "请输入内容:请输入内容:请输入内容:";
    t.files["db1.txt"] = db;
    return weft::checker::find_output([&] { s->body(p); }, t, opt);
  };
  auto in_order = ask_file("AB\nCD\n");
  CHECK(in_order.answer == PossibleResult::Answer::Possible);
  CHECK(in_order.outcome.files.at("db1.txt") == "AB\nCD\n");
  CHECK(ask_file("CD\nAB\n").answer == PossibleResult::Answer::Possible);
  // Its prompts are the whole stdout whatever the order, so nothing goes astray and the sleep
  // sets alone explore far more orders than the reduction: the reduced search, beside the
  // pruned one, completes in the 68 executions of weft outputs.
  auto twice = ask_file("AB\nAB\n");
  CHECK(twice.answer == PossibleResult::Answer::Impossible);
  CHECK(twice.executions == 2 * 68);
  CHECK(twice.pruned == 0);
}

TEST_CASE("possible: executions cut by a per-execution limit leave the answer undecided",
          "[possible]") {
  // Two steps and the cut: no execution gets to print, so none goes astray, and what they
  // would have printed is unknown.
  weft::checker::Options opt;
  opt.setup.max_steps = 2;
  Target t;
  t.out = "a\na\n";
  auto r = weft::checker::find_output(
      two_printers, t, opt);
  CHECK(r.answer == PossibleResult::Answer::Undecided);
  CHECK(r.cut_by == "per-execution limit (--max-steps, --max-time)");
  CHECK(r.pruned == 0);
  // Both searches complete, and neither proves anything: the pruned one tries both threads at
  // the one choice it meets before the cut (2 executions), the reduced one sees no race (1).
  CHECK(r.executions == 3);
}
