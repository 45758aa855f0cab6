// Threads cut off when an execution ends are unwound without running user code after what it
// refers to is gone: the program of issue 15 (threads that capture the main thread's primitives
// by reference, one of which fails a check at once), with each primitive, under every strategy.
// These run under AddressSanitizer in CI (scripts/sanitize.sh), which sees a use after free.
#include <catch2/catch.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checker/explore.hpp"
#include "checker/fuzz.hpp"
#include "checker/pct.hpp"
#include "checker/random.hpp"
#include "primitives/weft.hpp"
#include "support.hpp"

using weft::sim::Status;

namespace {

// Main starts n threads holding its locals by reference and joins them; the last thread fails a
// check while it is first run (spawn runs a thread up to its first visible operation), so every
// execution ends at main's start of it, wherever the others stand.
template <class Objects>
void cut_off_program(int n) {
  Objects o;
  std::deque<weft::Thread> ts;
  for (int t = 0; t < n; ++t)
    ts.emplace_back([&o, t, n] {
      if (t == n - 1) {
        weft::check(false, "fails at once");
        return;
      }
      o.work();
    });
  for (auto& th : ts) th.start();
  for (auto& th : ts) th.join();
}

// Each primitive's work; `steps`: how many visible operations one thread alone performs before it
// ends or blocks for good (a timed wait nobody ends is never enabled while main can still step:
// time moves only when no thread can); `ends`: whether it ends (its end is a step of its own).
struct Locks {
  weft::Lock a, b;
  void work() { a.acquire(), b.acquire(), b.release(), a.release(); }
  static constexpr int steps = 4;
  static constexpr bool ends = true;
};
struct RLocks {
  weft::RLock a, b;
  void work() {
    std::scoped_lock guard(a);  // its release runs in a destructor
    b.acquire(), b.release();
  }
  static constexpr int steps = 4;  // acquire a, acquire b, release b, release a
  static constexpr bool ends = true;
};
struct Conditions {
  weft::Condition c;
  void work() {
    std::scoped_lock guard(c);
    c.notify();
    c.wait(1);  // cut off inside: the guard then releases a lock the wait gave up
  }
  static constexpr int steps = 3;  // acquire, notify, wait's release; its timed wait blocks
  static constexpr bool ends = false;
};
struct Semaphores {
  weft::BoundedSemaphore s{1};
  void work() { s.acquire(), s.release(), s.acquire(), s.release(); }
  static constexpr int steps = 4;
  static constexpr bool ends = true;
};
struct Events {
  weft::Event e;
  void work() {
    e.set(), e.wait(), e.clear();
    if (!e.is_set()) e.wait(5);
  }
  static constexpr int steps = 5;  // set, wait (set), clear, is_set, wait's enlisting; then blocks
  static constexpr bool ends = false;
};
struct Queues {
  weft::Queue<int> q;
  void work() {
    q.put(1);
    q.get();
    q.get(true, 5);
  }
  static constexpr int steps = 2;  // put, get; the timed get blocks
  static constexpr bool ends = false;
};
struct Barriers {
  weft::Lock l;
  // One party: every wait is the last arrival and runs the action, which uses main's lock too.
  weft::Barrier b{1, [this] { l.acquire(), l.release(); }};
  void work() { b.wait(); }
  static constexpr int steps = 4;  // arrive, acquire, release, the action's end
  static constexpr bool ends = true;
};

// Runs `body` under the naive search, the reduced one, 200 seeded runs of random and of PCT
// scheduling, and both fuzzers (which stop at their first failing run and shrink it). Every
// execution must end as `expected`. Returns the executions of the naive and the reduced search.
std::pair<std::uint64_t, std::uint64_t> every_strategy_ends_as(const std::function<void()>& body,
                                     const weft::sim::Outcome& expected) {
  weft::checker::Options opt;
  opt.reduction = false;
  const auto naive = weft::checker::explore(body, opt);
  CHECK(naive.complete);
  REQUIRE(naive.outcomes.size() == 1);
  CHECK(naive.outcomes[0].outcome.same_as(expected));

  opt.reduction = true;
  const auto reduced = weft::checker::explore(body, opt);
  CHECK(reduced.complete);
  REQUIRE(reduced.outcomes.size() == 1);
  CHECK(reduced.outcomes[0].outcome.same_as(expected));

  weft::sim::Runtime rt;
  weft::checker::RandomStrategy random;
  weft::checker::PctStrategy pct(3);
  weft::sim::ExecutionSetup setup;
  int as_expected = 0;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    random.reseed(seed);
    as_expected += rt.execute(body, random, setup).same_as(expected) ? 1 : 0;
    pct.reseed(seed);
    as_expected += rt.execute(body, pct, setup).same_as(expected) ? 1 : 0;
  }
  CHECK(as_expected == 400);

  if (expected.status != Status::Ok) {  // a failure: the fuzzers stop at their first run
    for (auto fuzzer : {weft::checker::Fuzzer::Random, weft::checker::Fuzzer::Pct}) {
      weft::checker::Options fo;
      fo.max_executions = 1000;
      fo.setup.seed = 1;
      const auto f = weft::checker::fuzz(body, fo, fuzzer);
      REQUIRE(f.failure);
      CHECK(f.runs == 1);
      CHECK(f.failure->shrunk.outcome.same_as(expected));
    }
  }
  return {naive.executions, reduced.executions};
}

weft::sim::Outcome failed_at_once() {
  weft::sim::Outcome o;
  o.status = Status::Failure;
  o.message = "fails at once";
  return o;
}

}  // namespace

// The schedules of n = 2: main starts thread 0, which runs up to its first operation, then main's
// start of thread 1 ends the execution. Before that, thread 0 performs k of its steps (its end
// included when it ends), for every k from 0 to all of them: steps + ends + 1 executions without
// reduction. The reduced search takes a failed check as conflicting with every operation
// (docs/reduction.md), so it runs each of those as well. With n = 3, threads 0 and 1 interleave
// too.
TEMPLATE_TEST_CASE("threads cut off while holding main's primitives by reference unwind before "
                   "main, under every strategy",
                   "[sim][unwind][by-reference]", Locks, RLocks, Conditions, Semaphores, Events,
                   Queues, Barriers) {
  const auto [naive, reduced] =
      every_strategy_ends_as([] { cut_off_program<TestType>(2); }, failed_at_once());
  CHECK(naive == TestType::steps + (TestType::ends ? 1 : 0) + 1);
  CHECK(reduced == naive);
  every_strategy_ends_as([] { cut_off_program<TestType>(3); }, failed_at_once());
}

// At 0 s main starts the timer, which enlists on its event (main's sleep is not due yet), then
// nothing can step until 0.5 s, when both are due. From there main sleeps' end and its start of
// the failing thread (which ends the execution) interleave with the timer's six steps (its wait's
// end, is_set, acquire, release, set, its end): the timer takes k1 steps before main's first and
// k2 before its second, k1 + k2 <= 6, which is 28 schedules.
TEST_CASE("a Timer cut off while its function holds main's lock by reference unwinds before main",
          "[sim][unwind][by-reference][timer]") {
  const std::uint64_t naive = every_strategy_ends_as(
      [] {
        weft::Lock a;
        weft::Timer tm(0.5, [&a] { a.acquire(), a.release(); });
        weft::Thread fails([] { weft::check(false, "fails at once"); });
        tm.start();
        weft::sleep(0.5);
        fails.start();
        tm.join();
      },
      failed_at_once()).first;
  CHECK(naive == 28);
}


namespace {
// Joins its thread when destroyed, as a RAII joiner does.
struct Joiner {
  weft::Thread& t;
  ~Joiner() { t.join(); }
};
// Prints when destroyed.
struct SaysBye {
  ~SaysBye() { weft::print("bye"); }
};
}  // namespace

// The worker ends, or is cut off at any of its steps and unwound, before main unwinds: the
// joiner's join, called from a destructor during main's unwinding, finds it ended and completes. Schedules: the worker takes k of its steps (acquire, release, its end) before main's
// start of the failing thread, k = 0..3.
TEST_CASE("a destructor of main's joins a thread cut off before it", "[sim][unwind]") {
  const auto naive = every_strategy_ends_as(
      [] {
        weft::Lock l;
        weft::Thread w([&l] { std::scoped_lock guard(l); });
        weft::Thread fails([] { weft::check(false, "fails at once"); });
        Joiner j{w};
        w.start();
        fails.start();
      },
      failed_at_once()).first;
  CHECK(naive == 4);
}

// A daemon cut off at program end, inside a guarded block or at its print: the guard's release
// completes quietly, the print called by its destructor while it unwinds completes unseen (the
// outcome was taken), and nothing of it reaches the output. Schedules: main's end (its only step
// after the start) comes after the daemon's acquire, print, release, acquire, ... so after k of
// them; every outcome prints "x" once per completed print.
TEST_CASE("a daemon cut off at program end unwinds through guards and printing destructors",
          "[sim][unwind][daemon]") {
  weft::checker::Options opt;
  opt.reduction = false;
  const auto r = weft::checker::explore(
      [] {
        weft::Lock l;
        weft::Thread d([l] {
          SaysBye bye;
          for (int i = 0; i < 2; ++i) {
            std::scoped_lock guard(l);
            weft::print("x");
          }
          weft::sleep(1);
        });
        d.set_daemon(true);
        d.start();
      },
      opt);
  // The daemon's steps: acquire, print, release, acquire, print, release, sleep (which never ends
  // before main's end, its only other step). Main's end comes after k of them, k = 0..6 (the
  // sleep is never due while main can step): 7 executions, printing "x" 0, 0, 1, 1, 1, 2, 2 times.
  CHECK(r.complete);
  CHECK(r.executions == 7);
  std::set<std::string> outs;
  for (const auto& g : r.outcomes) {
    CHECK(g.outcome.status == Status::Ok);
    CHECK(g.outcome.err.empty());
    outs.insert(g.outcome.out);
  }
  CHECK(outs == std::set<std::string>{"", "x\n", "x\nx\n"});
}

// Every operation called once the execution ended counts; the first kCallsAfterEnd (1000) unwind
// the thread and are swallowed; the next leaves it for good. The daemon is cut off in its sleep,
// which is never due while main can step; main's choice of three values makes three executions
// on one runtime, which starts each thread afresh after one was left for good.
TEST_CASE("a thread that swallows its unwinding for ever is left for good after 1000 operations",
          "[sim][unwind]") {
  static int swallowed = 0;
  swallowed = 0;
  weft::checker::Options opt;
  opt.reduction = false;
  const auto r = weft::checker::explore(
      [] {
        weft::Lock l;
        weft::Thread d([l] {
          for (;;) {
            try {
              weft::sleep(1);
              l.acquire();
            } catch (...) {
              ++swallowed;
            }
          }
        });
        d.set_daemon(true);
        d.start();
        weft::print(weft::choose(3));
      },
      opt);
  CHECK(r.complete);
  CHECK(r.executions == 3);
  CHECK(weft::test::stdouts(r) == std::set<std::string>{"0\n", "1\n", "2\n"});
  CHECK(swallowed == 3000);
}

// Two threads that hold main's locals by reference join each other, and main joins the first:
// every execution deadlocks, whatever the schedule, and each blocked thread is reported waiting
// in join on the thread it joins, named as the program names it. The threads unwind before main.
TEST_CASE("threads blocked in join on each other: a deadlock naming the threads joined",
          "[sim][unwind][deadlock]") {
  const auto body = [] {
    weft::Event go;
    std::deque<weft::Thread> ts;
    ts.emplace_back([&] { go.wait(), ts[1].join(); });
    ts.emplace_back([&] { go.wait(), ts[0].join(); });
    for (auto& t : ts) t.start();
    go.set();
    ts[0].join();
  };
  weft::sim::Outcome deadlock;
  deadlock.status = Status::Deadlock;
  every_strategy_ends_as(body, deadlock);
  const auto o = weft::test::run_once(body);
  REQUIRE(o.blocked.size() == 3);
  const std::vector<std::vector<std::string>> blocked = {
      {o.blocked[0].thread, o.blocked[0].op, o.blocked[0].object},
      {o.blocked[1].thread, o.blocked[1].op, o.blocked[1].object},
      {o.blocked[2].thread, o.blocked[2].op, o.blocked[2].object}};
  CHECK(blocked == std::vector<std::vector<std::string>>{{"MainThread", "join", "Thread-1"},
                                                         {"Thread-1", "join", "Thread-2"},
                                                         {"Thread-2", "join", "Thread-1"}});
  CHECK(o.blocked[0].held_by == std::vector<std::string>{"Thread-1"});
  CHECK(o.blocked[1].held_by == std::vector<std::string>{"Thread-2"});
}

// A renamed thread is reported under its new name.
TEST_CASE("a deadlock names a renamed thread as the program named it", "[sim][deadlock]") {
  const auto o = weft::test::run_once([] {
    weft::Lock l;
    l.acquire();
    weft::Thread t([l] { l.acquire(); });
    t.set_name("worker");
    t.start();
    t.join();
  });
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].thread == "MainThread");
  CHECK(o.blocked[0].object == "worker");
  CHECK(o.blocked[0].held_by == std::vector<std::string>{"worker"});
  CHECK(o.blocked[1].thread == "worker");
}
