// Partial-order reduction: exact execution counts where the number of equivalence classes is
// known by hand, and identical outcome sets with and without reduction.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "../bench/models.hpp"
#include "random_program.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::sim::Status;
using weft::test::outcome_key;
using weft::test::OutcomeKey;
using weft::test::outcome_keys;

namespace {

Report search(const std::function<void()>& body, bool reduction) {
  Options o;
  o.reduction = reduction;
  // A budget, not an expected figure: far above what any search here needs, and under the
  // default million so that a search that stops pruning runs out of it (and fails to be
  // complete) sooner.
  o.max_executions = 300000;
  return weft::checker::explore(body, o);
}

// Each thread locks A then B, then B then A (or A then B again when fixed).
void lock_order(int n, bool fixed) {
  weft::Lock a("A"), b("B");
  for (int i = 0; i < n; ++i) {
    auto t = std::make_shared<weft::Thread>([a, b, fixed] {
      a.acquire(), b.acquire(), b.release(), a.release();
      if (fixed) {
        a.acquire(), b.acquire(), b.release(), a.release();
      } else {
        b.acquire(), a.acquire(), a.release(), b.release();
      }
    });
    t->start();
  }
}

}  // namespace

TEST_CASE("threads writing only their own variables: exactly one execution", "[reduction]") {
  auto r = search(
      [] {
        for (int i = 0; i < 4; ++i) {
          weft::Shared<int> own(0);
          weft::Thread t([own] { own.store(1), own.store(2); });
          t.start();
        }
      },
      true);
  CHECK(r.complete);
  CHECK(r.executions == 1);
}

TEST_CASE("two threads each doing one locked increment: exactly two executions", "[reduction]") {
  // The only order that matters is which thread takes the lock first.
  auto r = search([] { weft::bench::lock_counter(2, 1); }, true);
  CHECK(r.complete);
  CHECK(r.executions == 2);
  CHECK(r.redundant == 0);
}

TEST_CASE("lock counter: one execution per lock-acquisition order", "[reduction]") {
  // (N*K)! / (K!)^N orders: 6 for N=2,K=2; 90 for N=3,K=2; 1680 for N=3,K=3.
  CHECK(search([] { weft::bench::lock_counter(2, 2); }, true).executions == 6);
  CHECK(search([] { weft::bench::lock_counter(3, 2); }, true).executions == 90);
  auto big = search([] { weft::bench::lock_counter(3, 3); }, true);
  CHECK(big.executions == 1680);
  CHECK(big.outcomes.size() == 1);
  CHECK(big.outcomes[0].outcome.status == Status::Ok);
}

TEST_CASE("fixed lock order, 3 threads: 90 acquisition orders, no deadlock", "[reduction]") {
  auto r = search([] { lock_order(3, true); }, true);
  CHECK(r.complete);
  CHECK(r.executions == 90);
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.status == Status::Ok);
}

TEST_CASE("inverted lock order: the reduced search still finds the deadlock", "[reduction]") {
  auto naive = search([] { lock_order(2, false); }, false);
  auto reduced = search([] { lock_order(2, false); }, true);
  CHECK(naive.complete);
  CHECK(reduced.complete);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  CHECK(weft::test::count_status(reduced, Status::Deadlock) == 1);
  CHECK(reduced.executions < naive.executions);
}

TEST_CASE("daemon: six outcomes in six executions", "[reduction][scenario]") {
  // One class per outcome. Only the end of the last non-daemon thread ends the program and cuts
  // off the daemon t1, so only that end is ordered against t1's print, sleep and end; MainThread's
  // own end, which t2 outlives, commutes with them.
  auto r = weft::test::explore_scenario("daemon");
  CHECK(r.executions == 6);
  CHECK(r.outcomes.size() == 6);
}

TEST_CASE("two threads' waits on an event commute: one execution", "[reduction][event]") {
  // Each thread only waits on an event that is already set, then ends. A wait reads the flag and
  // changes no more than the caller's own waiter entry, so the two waits commute and there is one
  // class (there were two while a wait counted as a write of the event).
  auto r = search(
      [] {
        weft::Event e("E");
        e.set();
        for (int i = 0; i < 2; ++i) {
          weft::Thread t([e] { e.wait(); });
          t.start();
        }
      },
      true);
  CHECK(r.complete);
  CHECK(r.executions == 1);
}

TEST_CASE("a wait still races with set and clear", "[reduction][event]") {
  // Thread-1 waits at most 1 s and prints whether it was woken; Thread-2 sets the event, or
  // clears it. Untimed, the wait may time out before the set, or the set come first: both
  // answers. The clear comes before or after the wait's first step; either way nothing sets
  // the flag: False only.
  for (const bool set : {true, false}) {
    auto body = [set] {
      weft::Event e("E");
      weft::Thread waiter([e] { weft::print(e.wait(1) ? "True" : "False"); });
      weft::Thread other([e, set] { set ? e.set() : e.clear(); });
      waiter.start(), other.start();
    };
    Options o;
    o.setup.timing = weft::sim::Timing::Untimed;
    o.reduction = true;
    auto reduced = weft::checker::explore(body, o);
    o.reduction = false;
    auto naive = weft::checker::explore(body, o);
    INFO((set ? "set" : "clear"));
    REQUIRE(naive.complete);
    CHECK(reduced.complete);
    CHECK(outcome_keys(reduced) == outcome_keys(naive));
    CHECK(outcome_keys(reduced).size() == (set ? 2U : 1U));
  }
}

TEST_CASE("event_overtime: one execution per class of equivalent schedules",
          "[reduction][scenario][event]") {
  // Classes (executions less the redundant ones a sleep set stops) with n workers. At t=0 each
  // worker's first wait comes before the boss's set (it is woken, and its second step comes
  // before or after the clear), between set and clear (it returns at once), or after the clear
  // (late); the waits of different workers commute. Say e workers are on time, f of them with
  // the second step after the clear, whose 命苦啊 therefore comes after 今天要加班: the t=0 lines
  // in (e+1)!/(f+1) orders. At t=1 the on-time workers' waits commute: one class. At t=2 the
  // boss's line and the n workers' lines in any order, (n+1)!; at t=3 the late workers' 耶
  // lines, (n-e)!. Summed over the C(n,e) C(e,f) 2^(e-f) ways: 12, 300 and 12,960 for 1, 2
  // and 3 workers (2,304 for 2 workers while a wait counted as a write of the event).
  const std::map<std::string, std::uint64_t> classes = {{"1", 12}, {"2", 300}, {"3", 12960}};
  for (const auto& [workers, count] : classes) {
    auto r = weft::test::explore_scenario("event_overtime", {{"workers", workers}});
    INFO(workers << " workers");
    CHECK(r.complete);
    CHECK(r.executions - r.redundant == count);
  }
}

TEST_CASE("random programs: identical outcomes with and without reduction", "[reduction][random]") {
  // 2000 programs of 2-3 threads mixing locks, shared variables, prints, sleeps, choices and
  // daemon threads; the naive search is small enough to be complete on each.
  int compared = 0;
  for (std::uint32_t seed = 1; seed <= 2000; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    auto naive = search(body, false);
    REQUIRE(naive.complete);
    auto reduced = search(body, true);
    REQUIRE(reduced.complete);
    CHECK(outcome_keys(reduced) == outcome_keys(naive));
    CHECK(reduced.executions <= naive.executions);
    ++compared;
  }
  CHECK(compared == 2000);
}

// Each case below once lost an outcome under reduction (found by the random differential
// test); both searches must list the same outcomes.

TEST_CASE("a failed check cuts off the other threads: both orders are explored", "[reduction]") {
  // Thread-1 fails its check, which ends the execution: Thread-2's print is seen only when it
  // runs first. Outcomes: failure with "" and failure with "x".
  auto body = [] {
    weft::Shared<int> x(0, "x");
    weft::Thread t1([x] {
      x.load();
      weft::check(false, "boom");
    });
    weft::Thread t2([] { weft::print("x"); });
    t1.start();
    t2.start();
  };
  const Report naive = search(body, false);
  const Report reduced = search(body, true);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  CHECK(outcome_keys(reduced) == std::set<OutcomeKey>{
                                    outcome_key(Status::Failure, "", "", "boom"),
                                    outcome_key(Status::Failure, "x\n", "", "boom")});
  // The failure conflicts with every other step, so a class is the set of steps that come before
  // it: a down-set of {start Thread-2 < MainThread's end, start Thread-2 < print < Thread-2's
  // end}: {}, {s}, {s,m}, {s,p}, {s,m,p}, {s,p,e}, {s,m,p,e}.
  CHECK(reduced.executions == 7);
}

TEST_CASE("two threads' uncaught exceptions: both orders of their reports", "[reduction][errors]") {
  // Each report is a write to stderr, like a print to it: the two reports race, whatever the
  // threads did before. Without (`quiet`) or with an operation before the throw, each on its own
  // variable, which commutes with the other thread's.
  const bool quiet = GENERATE(true, false);
  CAPTURE(quiet);
  auto body = [quiet] {
    for (const char* what : {"a", "b"}) {
      weft::Shared<int> own(0);
      weft::Thread t([own, what, quiet] {
        if (!quiet) own.store(1);
        throw weft::ValueError(what);
      });
      t.start();
    }
  };
  const std::string a = "Exception in thread Thread-1: ValueError: a\n";
  const std::string b = "Exception in thread Thread-2: ValueError: b\n";
  const std::set<OutcomeKey> both = {outcome_key(Status::Ok, "", a + b),
                                     outcome_key(Status::Ok, "", b + a)};
  const Report naive = search(body, false);
  const Report reduced = search(body, true);
  CHECK(naive.complete);
  CHECK(reduced.complete);
  CHECK(outcome_keys(naive) == both);
  CHECK(outcome_keys(reduced) == both);
  // One class per order of the two reports: everything else either commutes or is ordered the
  // same way in every schedule (a thread's end after its report).
  CHECK(reduced.executions - reduced.redundant == 2);
}

TEST_CASE("a lock released by a thread that does not hold it races with its acquire",
          "[reduction]") {
  // Thread-1 releases L, which nobody holds (RuntimeError) or, after Thread-2 took it, frees it.
  auto body = [] {
    weft::Lock l("L");
    weft::Shared<int> y(0, "y");
    weft::Thread x([l] { l.release(); });
    weft::Thread z([l, y] {
      y.store(1);
      l.acquire();
      weft::print("z");
    });
    x.start();
    z.start();
  };
  const Report naive = search(body, false);
  const Report reduced = search(body, true);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  CHECK(outcome_keys(reduced).size() == 2);
  // The release before the acquire (RuntimeError in Thread-1), or after it.
  CHECK(reduced.executions == 2);
}

TEST_CASE("a semaphore's release and acquire can both be enabled", "[reduction]") {
  // b's second, non-blocking acquire succeeds only when a's release came after b's first one.
  auto body = [] {
    weft::Semaphore s(1, "S");
    weft::Shared<int> y(0, "y");
    weft::Thread a([s] { s.release(); });
    weft::Thread b([s, y] {
      y.store(1);
      s.acquire();
      weft::print("b", s.acquire(false));
    });
    a.start();
    b.start();
  };
  const Report naive = search(body, false);
  const Report reduced = search(body, true);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  CHECK(outcome_keys(reduced) == std::set<OutcomeKey>{outcome_key(Status::Ok, "b True\n"),
                                                    outcome_key(Status::Ok, "b False\n")});
  // a's release before b's first acquire, between the two, or after the second.
  CHECK(reduced.executions == 3);
}

TEST_CASE("both searches report a program whose repeated steps change", "[reduction]") {
  // Every execution repeats the previous one's steps up to the decision it changes. Here the
  // worker's only operation is a print in the first execution and a read in every later one,
  // which repeats it on the way to main's choose(): the same thread, the same number of threads
  // enabled, but another operation.
  const bool reduction = GENERATE(false, true);
  CAPTURE(reduction);
  int runs = 0;
  const Report r = search(
      [&runs] {
        const bool first = ++runs == 1;
        weft::Shared<int> x(0);
        weft::Thread t([first, x] {
          if (first) {
            weft::print("w");
          } else {
            x.load();
          }
        });
        t.start();
        t.join();
        weft::print(weft::choose(2));
      },
      reduction);
  CHECK(r.nondeterministic);
  std::set<std::string> outs;
  for (const auto& g : r.outcomes) outs.insert(g.outcome.out);
  if (!reduction) {
    // The second execution goes on from the mismatch and takes choose()'s other value.
    CHECK(r.executions == 2);
    CHECK(outs == std::set<std::string>{"w\n0\n", "1\n"});
  } else {
    // The second execution stops following at the mismatch and ends with choose()'s first
    // value; the third runs the target again with every step analysed.
    CHECK(r.executions == 3);
    CHECK(outs == std::set<std::string>{"w\n0\n", "0\n", "1\n"});
  }
}

TEST_CASE("a repeated time jump is no change", "[reduction]") {
  // Main's sleep moves time on before any decision: every later execution repeats that jump.
  const Report r = search(
      [] {
        weft::sleep(1);
        weft::Thread a([] { weft::print("a"); });
        weft::Thread b([] { weft::print("b"); });
        a.start();
        b.start();
        a.join();
        b.join();
      },
      false);
  CHECK_FALSE(r.nondeterministic);
  CHECK(r.executions == 19);
  std::set<std::string> outs;
  for (const auto& g : r.outcomes) outs.insert(g.outcome.out);
  CHECK(outs == std::set<std::string>{"a\nb\n", "b\na\n"});
}

TEST_CASE("a program that changes from one execution to the next is reported nondeterministic",
          "[reduction]") {
  // Its first execution starts two threads, every later one three: the second execution's
  // decisions stop following the first one's before its target. It stops there (redundant), and
  // the search goes on from the same target with every step analysed, as a search that did not
  // skip the repeated prefix would have. 28 executions: 25 run to the end, the first one and one
  // per order of the four prints (4! = 24, what the program that always starts three threads
  // takes, none redundant), and 3 are stopped early: the one at the mismatch, and two more that
  // races seen in the two-thread first execution asked for (27 and 2 without that mismatch).
  int runs = 0;
  const Report r = search(
      [&runs] {
        const int threads = ++runs == 1 ? 2 : 3;
        for (int i = 0; i < threads; ++i) {
          weft::Thread t([i] { weft::print(i); });
          t.start();
        }
        weft::print("main");
      },
      true);
  CHECK(r.nondeterministic);
  CHECK(r.executions == 28);
  CHECK(r.redundant == 3);
  // The first execution's output, then every order of the four prints.
  std::set<std::string> outs;
  for (const auto& g : r.outcomes) outs.insert(g.outcome.out);
  std::set<std::string> want{"main\n0\n1\n"};
  std::string order[] = {"0\n", "1\n", "2\n", "main\n"};
  do {
    want.insert(order[0] + order[1] + order[2] + order[3]);
  } while (std::next_permutation(std::begin(order), std::end(order)));
  CHECK(outs == want);
}

TEST_CASE("five threads: the clocks widen during the search, and no outcome is lost",
          "[reduction]") {
  // Vector clocks start with room for four threads: the fifth thread's birth widens them, after
  // states were saved at the width of four, which a later execution must not take up. The
  // first three threads may each be delayed past every other print, the last one starts after
  // main's print: only the prints' order matters, one execution per order.
  const Report r = search(
      [] {
        for (int i = 0; i < 3; ++i) {
          weft::Thread t([i] { weft::print(i); });
          t.start();
        }
        weft::print("main");
        weft::Thread last([] { weft::print(3); });
        last.start();
      },
      true);
  CHECK(r.complete);
  std::set<std::string> outs;
  for (const auto& g : r.outcomes) outs.insert(g.outcome.out);
  std::set<std::string> want;
  std::string order[] = {"0\n", "1\n", "2\n", "3\n", "main\n"};
  do {
    const std::string out = order[0] + order[1] + order[2] + order[3] + order[4];
    if (out.find("main") < out.find('3')) want.insert(out);
  } while (std::next_permutation(std::begin(order), std::end(order)));
  CHECK(want.size() == 60);
  CHECK(outs == want);
  CHECK(r.executions == 60);
}
