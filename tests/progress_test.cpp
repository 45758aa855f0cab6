// A search asked to stop (checker/progress.hpp) ends after the execution under way, as a budget
// would, and says so; what the status line is drawn from; and a supervised search interrupted by
// SIGINT, which ends by itself with its report instead of being killed.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "checker/fuzz.hpp"
#include "checker/possible.hpp"
#include "checker/progress.hpp"
#include "cli/progress.hpp"
#include "cli/supervisor.hpp"
#include "primitives/weft.hpp"

using weft::checker::kInterrupted;

namespace {

// Three threads print their number: 3! = 6 orders, each a distinct outcome found by an
// execution of its own (the prints all conflict, so the reduction explores every order).
void three_printers() {
  std::vector<std::shared_ptr<weft::Thread>> threads;
  for (int i = 1; i <= 3; ++i)
    threads.push_back(std::make_shared<weft::Thread>([i] { weft::print(i); }));
  for (auto& t : threads) t->start();
  for (auto& t : threads) t->join();
}

// Clears the request when a test ends, however it ends.
struct StopCleared {
  ~StopCleared() { weft::checker::clear_stop(); }
};

}  // namespace

TEST_CASE("a stop request ends an exhaustive search after the execution under way", "[progress]") {
  const StopCleared cleared;
  weft::checker::Options opt;
  // Asked while the second outcome's execution runs: the search ends once it is counted.
  opt.on_outcome = [](std::size_t index, const weft::checker::OutcomeGroup&) {
    if (index == 1) weft::checker::request_stop();
  };
  const weft::checker::Report r = weft::checker::explore(three_printers, opt);
  CHECK(r.executions == 2);
  CHECK(r.distinct == 2);
  CHECK_FALSE(r.complete);
  CHECK(r.cut_by == kInterrupted);
  // Without the request: all 6 orders.
  weft::checker::clear_stop();
  opt.on_outcome = nullptr;
  const weft::checker::Report all = weft::checker::explore(three_printers, opt);
  CHECK(all.complete);
  CHECK(all.distinct == 6);
  CHECK(all.executions == 6);
}

TEST_CASE("a stop request made before fuzzing or weft possible leaves them undecided",
          "[progress]") {
  const StopCleared cleared;
  weft::checker::request_stop();
  weft::checker::Options opt;
  const weft::checker::FuzzReport f =
      weft::checker::fuzz(three_printers, opt, weft::checker::Fuzzer::Random);
  CHECK(f.runs == 0);
  CHECK(f.cut_by == kInterrupted);
  CHECK_FALSE(f.failure);
  // One execution runs before the request is looked at; "9\n" is no output of the program, so
  // nothing but the request ends the search there.
  const weft::checker::PossibleResult p =
      weft::checker::find_output(three_printers, weft::checker::Target{"9\n", {}, false}, opt);
  CHECK(p.answer == weft::checker::PossibleResult::Answer::Undecided);
  CHECK(p.cut_by == kInterrupted);
  CHECK(p.executions == 1);
}

TEST_CASE("the explored fraction of a path through the tree of every decision", "[progress]") {
  using weft::sim::Decision;
  // Second of 2 at the root: half the tree done; first of 3 below: nothing more; third of 4
  // below that: 2 of its 4 parts of a sixth of the tree, 1/12. In all 1/2 + 1/12 = 7/12.
  const weft::checker::Schedule path = {
      {Decision::Thread, 1, 2}, {Decision::Thread, 0, 3}, {Decision::Value, 2, 4}};
  CHECK(weft::checker::explored_fraction(path) == Approx(7.0 / 12).epsilon(1e-12));
  CHECK(weft::checker::explored_fraction({}) == 0);
}

TEST_CASE("the status line's text", "[progress]") {
  weft::checker::Progress p;
  p.executions = 1000;
  p.distinct = 20;
  p.seconds = 4;
  CHECK(weft::cli::status_text(p) == "1000 executions (250/s), 20 outcomes, 4 s");
  // A quarter explored in 4 s: three quarters left take 12 s more.
  p.explored = 0.25;
  p.states = 7;
  CHECK(weft::cli::status_text(p) ==
        "1000 executions (250/s), 20 outcomes, 7 states cached, 4 s, ~25% done, ~12 s left");
  CHECK(weft::cli::status_text(weft::checker::Progress{1, 0, 0, 0.5, -1}, "run") ==
        "1 run (2/s), 0 s");
  CHECK(weft::cli::duration_text(90) == "1.5 min");
  CHECK(weft::cli::duration_text(3 * 3600) == "3.0 h");
  CHECK(weft::cli::duration_text(10 * 86400) == "10 days");
}

TEST_CASE("SIGINT to the parent ends a supervised search with its own report", "[supervisor]") {
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(::getpid(), SIGINT);
  });
  // Eight threads storing twice each, without reduction: far more schedules than any test waits
  // for, so only the request ends the search; the child's exit code says how it ended.
  const weft::cli::ChildEnd end = weft::cli::supervise(
      [] {
        weft::checker::Options opt;
        opt.reduction = false;
        const weft::checker::Report r = weft::checker::explore(
            [] {
              weft::Shared<int> x(0, "x");
              std::vector<std::shared_ptr<weft::Thread>> threads;
              for (int i = 0; i < 8; ++i)
                threads.push_back(
                    std::make_shared<weft::Thread>([x]() mutable { x.store(1), x.store(2); }));
              for (auto& t : threads) t->start();
              for (auto& t : threads) t->join();
            },
            opt);
        return r.cut_by == kInterrupted && !r.complete ? 4 : 5;
      },
      weft::cli::Supervision{100, 0});
  interrupter.join();
  CHECK(end.how == weft::cli::ChildEnd::How::Finished);
  CHECK(end.interrupted);
  CHECK(end.exit_code == 4);
}
