// The simulator's contract: virtual time, program end, outcomes, limits, unwinding.
#include <catch2/catch.hpp>

#include <memory>

#include "primitives/weft.hpp"
#include "support.hpp"

using weft::sim::Status;
using weft::test::explore;
using weft::test::run_once;
using weft::test::stdouts;

TEST_CASE("virtual time advances only by sleeps and is exact", "[sim][time]") {
  auto o = run_once([] {
    weft::print(weft::now());
    weft::sleep(1.5);
    weft::print(weft::now());
    weft::sleep(0.25);
    weft::print(weft::now());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "0.0\n1.5\n1.75\n");
  CHECK(o.end_time == weft::sim::from_seconds(1.75));
}

TEST_CASE("a sleeping thread lets the others run first", "[sim][time]") {
  auto r = explore([] {
    weft::Thread t([] {
      weft::sleep(1);
      weft::print("late");
    });
    t.start();
    weft::print("early");
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == std::set<std::string>{"early\nlate\n"});
}

TEST_CASE("threads due at the same instant run in every order", "[sim][time]") {
  auto r = explore([] {
    weft::Thread a([] { weft::sleep(1); weft::print("a"); });
    weft::Thread b([] { weft::sleep(1); weft::print("b"); });
    a.start();
    b.start();
  });
  CHECK(stdouts(r) == std::set<std::string>{"a\nb\n", "b\na\n"});
  for (const auto& g : r.outcomes) CHECK(g.outcome.end_time == weft::sim::from_seconds(1));
}

TEST_CASE("the program ends when the last non-daemon thread ends; daemons are cut off",
          "[sim][program-end]") {
  auto r = explore([] {
    weft::Thread d([] {
      weft::print("daemon starts");
      weft::sleep(5);
      weft::print("never printed");
    });
    d.set_daemon(true);
    d.start();
    weft::sleep(1);
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == std::set<std::string>{"daemon starts\n"});
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.end_time == weft::sim::from_seconds(1));
}

TEST_CASE("main's body returning does not end the program while a thread runs",
          "[sim][program-end]") {
  auto o = run_once([] {
    weft::Thread t([] {
      weft::sleep(2);
      weft::print("done");
    });
    t.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "done\n");
  CHECK(o.end_time == weft::sim::from_seconds(2));
}

TEST_CASE("an exception ends its thread only and is reported on stderr", "[sim][errors]") {
  auto o = run_once([] {
    weft::Thread t([] { throw weft::ValueError("bad value"); });
    t.start();
    t.join();
    weft::print("main goes on");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.err == "Exception in thread Thread-1: ValueError: bad value\n");
  CHECK(o.out == "main goes on\n");
}

// C++ keeps the exceptions being handled in a per-OS-thread stack; every program thread here
// shares one OS thread, so each must keep its own or a `throw;` rethrows another's exception.
TEST_CASE("a thread switched out inside a handler keeps its own exception", "[sim][errors]") {
  auto r = explore([] {
    auto body = [](const char* name) {
      try {
        throw weft::ValueError(name);
      } catch (const weft::ValueError&) {
        weft::print(name, "caught");  // the other thread may run here, and throw and catch
        try {
          throw;
        } catch (const weft::ValueError& again) {
          weft::print(name, "rethrew", again.what());
        }
      }
    };
    weft::Thread a(body, "a");
    weft::Thread b(body, "b");
    a.start();
    b.start();
    a.join();
    b.join();
    weft::print("handling", std::uncaught_exceptions());
  });
  CHECK(r.complete);
  std::set<std::string> lines;
  for (const auto& out : stdouts(r)) {
    std::size_t from = 0;
    for (std::size_t nl; (nl = out.find('\n', from)) != std::string::npos; from = nl + 1)
      lines.insert(out.substr(from, nl - from));
  }
  CHECK(lines == std::set<std::string>{"a caught", "a rethrew a", "b caught", "b rethrew b",
                                       "handling 0"});
  CHECK(stdouts(r).size() == 6);  // the four lines of a and b interleaved in every order
}

TEST_CASE("a failed check ends the execution as a failure with its message", "[sim][check]") {
  auto r = explore([] {
    weft::Shared<int> x(0);
    weft::Thread t([x] { x.store(1); });
    t.start();
    weft::check(x.load() == 0, "x was already written");
    t.join();
  });
  CHECK(r.complete);
  REQUIRE(weft::test::count_status(r, Status::Failure) == 1);
  REQUIRE(weft::test::count_status(r, Status::Ok) == 1);
  for (const auto& g : r.outcomes)
    if (g.outcome.status == Status::Failure) CHECK(g.outcome.message == "x was already written");
}

TEST_CASE("the step limit cuts an execution that never ends as 'limit'", "[sim][limits]") {
  weft::checker::Options opt;
  opt.setup.max_steps = 50;
  auto r = weft::checker::explore_all(
      [] {
        weft::Shared<int> x(0);
        for (int i = 0;; ++i) x.store(i);  // writes: not a spin loop, just endless
      },
      opt);
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.status == Status::Limit);
  CHECK(r.executions == 1);
}

TEST_CASE("a thread spinning on a value nobody will change is a livelock", "[sim][livelock]") {
  auto r = explore([] {
    weft::Shared<bool> flag(false, "flag");
    weft::Thread spinner([flag] {
      while (!flag.load()) {
      }
      weft::print("saw the flag");
    });
    spinner.start();
  });
  CHECK(r.complete);
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0].outcome;
  CHECK(o.status == Status::Livelock);
  CHECK(o.out.empty());
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[1].thread == "Thread-1");
  CHECK(o.blocked[1].op == "spin");
  CHECK(o.blocked[1].object == "Shared flag");
}

TEST_CASE("a spinning thread goes on once another thread writes what it reads", "[sim][livelock]") {
  auto r = explore([] {
    weft::Shared<bool> flag(false);
    weft::Thread spinner([flag] {
      while (!flag.load()) {
      }
      weft::print("saw the flag at", weft::now());
    });
    spinner.start();
    weft::sleep(2);
    flag.store(true);
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == std::set<std::string>{"saw the flag at 2.0\n"});
}

TEST_CASE("reading one value twice in straight-line code is not a spin", "[sim][livelock]") {
  auto o = run_once([] {
    weft::Shared<int> x(7);
    const int a = x.load();
    const int b = x.load();
    const int c = x.load();
    weft::print(a + b + c);
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "21\n");
}

TEST_CASE("the virtual-time limit cuts a program that never ends", "[sim][limits]") {
  weft::checker::Options opt;
  opt.setup.max_time = weft::sim::from_seconds(10);
  auto r = weft::checker::explore_all(
      [] {
        for (;;) weft::sleep(3);
      },
      opt);
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.status == Status::Limit);
  CHECK(r.outcomes[0].outcome.end_time == weft::sim::from_seconds(9));
}

namespace {
struct Counted {
  static inline int alive = 0;
  Counted() { ++alive; }
  Counted(const Counted&) { ++alive; }
  ~Counted() { --alive; }
};
}  // namespace

TEST_CASE("abandoned threads unwind: their destructors run", "[sim][unwind]") {
  Counted::alive = 0;
  auto r = explore([] {
    weft::Thread d([] {
      Counted c;
      weft::Lock l;
      std::scoped_lock guard(l);  // released quietly while unwinding
      weft::sleep(100);
    });
    d.set_daemon(true);
    d.start();
  });
  CHECK(r.complete);
  CHECK(Counted::alive == 0);
}

namespace {
// Records how many exceptions were in flight when it was destroyed.
struct SeesUnwinding {
  static inline int seen = -1;
  ~SeesUnwinding() { seen = std::uncaught_exceptions(); }
};
}  // namespace

TEST_CASE("an abandoned thread's unwinding passes typed handlers and counts as in flight",
          "[sim][unwind]") {
  SeesUnwinding::seen = -1;
  static int typed = 0;
  typed = 0;
  auto o = run_once([] {
    weft::Thread d([] {
      try {
        SeesUnwinding s;
        weft::sleep(100);
      } catch (const std::exception&) {
        ++typed;
      }
    });
    d.set_daemon(true);
    d.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(typed == 0);
  CHECK(SeesUnwinding::seen == 1);
}

TEST_CASE("a thread that swallows its unwinding is unwound again at its next operation",
          "[sim][unwind]") {
  Counted::alive = 0;
  static int swallowed = 0;
  swallowed = 0;
  auto o = run_once([] {
    weft::Thread d([] {
      Counted outer;
      try {
        Counted inner;
        weft::sleep(100);
      } catch (...) {
        ++swallowed;
      }
      weft::print("never seen");
    });
    d.set_daemon(true);
    d.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out.empty());
  CHECK(swallowed == 1);
  CHECK(Counted::alive == 0);
}

TEST_CASE("a thread abandoned inside a barrier's action unwinds without breaking the barrier",
          "[sim][unwind]") {
  Counted::alive = 0;
  auto o = run_once([] {
    weft::Barrier b(1, [] {
      Counted c;
      weft::sleep(100);
    });
    weft::Thread d([b] { b.wait(); });
    d.set_daemon(true);
    d.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(Counted::alive == 0);
}

TEST_CASE("a deadlock names each blocked thread, what it waits for and who holds it",
          "[sim][deadlock]") {
  auto o = run_once([] {
    weft::Lock a("A");
    weft::Lock b("B");
    weft::Thread t([a, b] {
      std::scoped_lock hold_b(b);
      weft::sleep(1);
      a.acquire();
    });
    a.acquire();
    t.start();
    weft::sleep(0.5);
    b.acquire();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].thread == "MainThread");
  CHECK(o.blocked[0].op == "acquire");
  CHECK(o.blocked[0].object == "Lock B");
  CHECK(o.blocked[0].held_by == std::vector<std::string>{"Thread-1"});
  CHECK(o.blocked[1].thread == "Thread-1");
  CHECK(o.blocked[1].object == "Lock A");
  CHECK(o.blocked[1].held_by == std::vector<std::string>{"MainThread"});
  CHECK(o.end_time == weft::sim::from_seconds(1));
}

TEST_CASE("threads renamed while they run go by their new names in a deadlock report",
          "[sim][deadlock]") {
  auto o = run_once([] {
    weft::Lock a("A");
    weft::Thread t([a] { a.acquire(); });
    a.acquire();
    t.start();
    t.set_name("worker");
    weft::current_thread().set_name("boss");
    t.join();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].thread == "boss");
  CHECK(o.blocked[0].op == "join");
  CHECK(o.blocked[0].held_by == std::vector<std::string>{"worker"});
  CHECK(o.blocked[1].thread == "worker");
  CHECK(o.blocked[1].object == "Lock A");
  CHECK(o.blocked[1].held_by == std::vector<std::string>{"boss"});
}

TEST_CASE("what a thread's target holds is let go when the thread ends", "[sim][thread]") {
  auto o = run_once([] {
    auto token = std::make_shared<int>(1);
    const std::weak_ptr<int> watch = token;
    weft::Thread t([token] { weft::print(*token); });
    token.reset();
    t.start();
    t.join();
    weft::check(watch.expired(), "the target outlived its thread");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "1\n");
}

TEST_CASE("an exception without a message is reported by its type alone", "[sim][errors]") {
  auto o = run_once([] {
    weft::Thread t([] { throw weft::Empty(); });
    t.start();
  });
  CHECK(o.err == "Exception in thread Thread-1: Empty\n");
}
