// Condition, Semaphore, BoundedSemaphore and Barrier on the simulator: exact outcome sets, exact
// virtual times, every error with its Python message.
#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <functional>
#include <set>
#include <string>
#include <tuple>

#include "primitives/weft.hpp"
#include "backends.hpp"
#include "support.hpp"

using weft::sim::from_seconds;
using weft::sim::Status;
using weft::test::count_status;
using weft::test::explore_checked;  // reduced, checked against the naive search
using weft::test::run_once;
using weft::test::stdouts;
using Outs = std::set<std::string>;

namespace {
// Every outcome of `r` ended at virtual time `seconds`.
bool all_end_at(const weft::checker::Report& r, double seconds) {
  for (const auto& g : r.outcomes)
    if (g.outcome.end_time != from_seconds(seconds)) return false;
  return !r.outcomes.empty();
}
}  // namespace

// --- Condition ---

TEST_CASE("Condition: notify(1) wakes exactly the longest waiter; the other times out",
          "[primitives][condition]") {
  // a waits from 0 s, b from 0.5 s, both for at most 5 s; main notifies once at 1 s.
  auto r = explore_checked([] {
    weft::Condition c;
    auto waiter = [c](const char* name, double delay) {
      weft::sleep(delay);
      std::scoped_lock hold(c);
      const bool woken = c.wait(5);
      weft::print(name, woken, weft::now());
    };
    weft::Thread a(waiter, "a", 0.0);
    weft::Thread b(waiter, "b", 0.5);
    a.start();
    b.start();
    weft::sleep(1);
    std::scoped_lock hold(c);
    c.notify();
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"a True 1.0\nb False 5.5\n"});
  CHECK(r.outcomes.size() == 1);
  CHECK(all_end_at(r, 5.5));
}

TEST_CASE("Condition: notify_all wakes every waiter", "[primitives][condition]") {
  auto r = explore_checked([] {
    weft::Condition c;
    auto waiter = [c](const char* name) {
      std::scoped_lock hold(c);
      weft::print(name, c.wait());
    };
    weft::Thread a(waiter, "a");
    weft::Thread b(waiter, "b");
    a.start();
    b.start();
    weft::sleep(1);
    std::scoped_lock hold(c);
    c.notify_all();
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"a True\nb True\n", "b True\na True\n"});
  CHECK(count_status(r, Status::Deadlock) == 0);
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Condition: a wait that nobody notifies times out at exactly its timeout",
          "[primitives][condition]") {
  auto o = run_once([] {
    weft::Condition c;
    std::scoped_lock hold(c);
    const bool woken = c.wait(0.5);
    weft::print(woken, weft::now());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "False 0.5\n");
  CHECK(o.end_time == from_seconds(0.5));
}

TEST_CASE("Condition: wait releases an RLock however deep and restores its depth",
          "[primitives][condition]") {
  auto r = explore_checked([] {
    weft::RLock rl("rl");
    weft::Condition c(rl);
    rl.acquire();
    rl.acquire();
    weft::Thread t([c] {
      std::scoped_lock hold(c);  // only possible while main waits
      weft::print("t holds the lock");
      c.notify();
    });
    t.start();
    weft::print("woken", c.wait());
    rl.release();
    rl.release();
    try {
      rl.release();  // a third release: the depth was exactly 2
    } catch (const weft::RuntimeError& e) {
      weft::print(e.what());
    }
  });
  CHECK(r.complete);
  CHECK(stdouts(r) ==
        Outs{"t holds the lock\nwoken True\ncannot release un-acquired lock\n"});
  CHECK(r.outcomes.size() == 1);
}

TEST_CASE("Condition: wait and notify without the lock raise RuntimeError",
          "[primitives][condition][errors]") {
  auto o = run_once([] {
    weft::Condition c;
    weft::Thread w([c] { c.wait(); });
    w.start();
    w.join();
    weft::Thread n([c] { c.notify(); });
    n.start();
    n.join();
    weft::Thread a([c] { c.notify_all(); });
    a.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.err ==
        "Exception in thread Thread-1: RuntimeError: cannot wait on un-acquired lock\n"
        "Exception in thread Thread-2: RuntimeError: cannot notify on un-acquired lock\n"
        "Exception in thread Thread-3: RuntimeError: cannot notify on un-acquired lock\n");
}

TEST_CASE("Condition over an RLock held by another thread: notify raises",
          "[primitives][condition][errors]") {
  auto o = run_once([] {
    weft::RLock rl;
    weft::Condition c(rl);
    rl.acquire();
    weft::Thread t([c] { c.notify(); });
    t.start();
  });
  CHECK(o.err == "Exception in thread Thread-1: RuntimeError: cannot notify on un-acquired lock\n");
}

TEST_CASE("Condition over a plain Lock: any thread may notify while it is locked (CPython)",
          "[primitives][condition]") {
  // CPython cannot tell who holds a Lock, so its Condition counts a locked Lock as owned.
  auto o = run_once([] {
    weft::Lock l;
    weft::Condition c(l);
    l.acquire();
    weft::Thread t([c] {
      c.notify();
      weft::print("notified");
    });
    t.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "notified\n");
  CHECK(o.err.empty());
}

TEST_CASE("Condition: a timed-out waiter not yet back in the lock spends a notify (CPython)",
          "[primitives][condition]") {
  // a waits at 0 s for 1 s; b waits at 0.25 s with no timeout; n holds the lock from 0.5 s to
  // 1.5 s and notifies once at 1.5 s. a timed out at 1 s but is still listed, waiting for the
  // lock: the notify goes to a, and b waits forever.
  auto r = explore_checked([] {
    weft::Condition c("cond");
    weft::Thread a([c] {
      std::scoped_lock hold(c);
      weft::print("a", c.wait(1));
    });
    weft::Thread b([c] {
      weft::sleep(0.25);
      std::scoped_lock hold(c);
      weft::print("b", c.wait());
    });
    weft::Thread n([c] {
      weft::sleep(0.5);
      std::scoped_lock hold(c);
      weft::sleep(1);
      c.notify();
    });
    a.start();
    b.start();
    n.start();
  });
  CHECK(r.complete);
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0].outcome;
  CHECK(o.status == Status::Deadlock);
  CHECK(o.out == "a False\n");
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[1].thread == "Thread-2");
  CHECK(o.blocked[1].op == "wait");
  CHECK(o.blocked[1].object == "Condition cond");
}

TEST_CASE("Condition.wait_for rechecks after each wakeup and returns the predicate's value",
          "[primitives][condition]") {
  // The producer sets x to 1, 2, 3 at 1 s, 2 s, 3 s, notifying each time.
  auto program = [](double timeout, int target) {
    return [timeout, target] {
      weft::Condition c;
      weft::Shared<int> x(0);
      weft::Thread producer([c, x] {
        for (int i = 1; i <= 3; ++i) {
          weft::sleep(1);
          std::scoped_lock hold(c);
          x.store(i);
          c.notify_all();
        }
      });
      producer.start();
      std::scoped_lock hold(c);
      const bool ok = c.wait_for([x, target] { return x.load() >= target; }, timeout);
      weft::print(ok, x.load(), weft::now());
    };
  };
  SECTION("no timeout: returns true once the predicate holds") {
    auto r = explore_checked(program(-1, 2));
    CHECK(stdouts(r) == Outs{"True 2 2.0\n"});
    CHECK(all_end_at(r, 3));
  }
  SECTION("the timeout bounds the whole wait, across wakeups") {
    auto r = explore_checked(program(2.5, 5));
    CHECK(stdouts(r) == Outs{"False 2 2.5\n"});
  }
  SECTION("a predicate already true returns at once") {
    auto r = explore_checked(program(-1, 0));
    CHECK(stdouts(r) == Outs{"True 0 0.0\n"});
  }
}

// --- Semaphore ---

TEST_CASE("Semaphore(2): never more than two holders; three 1 s holds take 2 s",
          "[primitives][semaphore]") {
  auto r = explore_checked([] {
    weft::Semaphore sem(2);
    weft::Shared<int> inside(0);
    auto worker = [sem, inside] {
      std::scoped_lock hold(sem);
      const int n = inside.update([](int& v) { return ++v; });
      weft::check(n <= 2, "three threads hold a Semaphore(2)");
      weft::sleep(1);
      inside.update([](int& v) { return --v; });
    };
    weft::Thread a(worker), b(worker), c(worker);
    a.start();
    b.start();
    c.start();
  });
  CHECK(r.complete);
  CHECK(count_status(r, Status::Failure) == 0);
  CHECK(stdouts(r) == Outs{""});
  CHECK(all_end_at(r, 2));
}

TEST_CASE("Semaphore: timed and non-blocking acquires", "[primitives][semaphore]") {
  SECTION("a timed acquire with no permit fails at exactly its timeout") {
    auto o = run_once([] {
      weft::Semaphore sem(0);
      const bool timed = sem.acquire(true, 0.5);
      weft::print(timed, weft::now());
      const bool at_once = sem.acquire(false);
      weft::print(at_once, weft::now());
    });
    CHECK(o.out == "False 0.5\nFalse 0.5\n");
    CHECK(o.end_time == from_seconds(0.5));
  }
  SECTION("a release before the timeout lets it through then") {
    auto r = explore_checked([] {
      weft::Semaphore sem(0);
      weft::Thread t([sem] {
        weft::sleep(0.3);
        sem.release();
      });
      t.start();
      const bool got = sem.acquire(true, 1);
      weft::print(got, weft::now());
    });
    CHECK(stdouts(r) == Outs{"True 0.3\n"});
    CHECK(all_end_at(r, 0.3));
  }
}

TEST_CASE("Semaphore: release(n) lets exactly n waiters through", "[primitives][semaphore]") {
  auto r = explore_checked([] {
    weft::Semaphore sem(0);
    weft::Shared<int> got(0);
    auto waiter = [sem, got] {
      if (sem.acquire(true, 2)) got.update([](int& v) { return ++v; });
    };
    weft::Thread a(waiter), b(waiter), c(waiter);
    a.start();
    b.start();
    c.start();
    weft::sleep(1);
    sem.release(2);
    a.join();
    b.join();
    c.join();
    weft::print(got.load());
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"2\n"});
  CHECK(all_end_at(r, 2));
}

TEST_CASE("Semaphore: a plain one may be released above its initial value",
          "[primitives][semaphore]") {
  auto o = run_once([] {
    weft::Semaphore sem(1);
    sem.release();
    const bool first = sem.acquire(false);
    const bool second = sem.acquire(false);
    const bool third = sem.acquire(false);
    weft::print(first, second, third);
  });
  CHECK(o.out == "True True False\n");
}

TEST_CASE("Semaphore and BoundedSemaphore errors", "[primitives][semaphore][errors]") {
  auto o = run_once([] {
    auto show = [](const weft::ValueError& e) { weft::print(e.type(), e.what()); };
    try {
      weft::Semaphore bad(-1);
    } catch (const weft::ValueError& e) {
      show(e);
    }
    try {
      weft::BoundedSemaphore bad(-1);
    } catch (const weft::ValueError& e) {
      show(e);
    }
    weft::Semaphore sem(1);
    try {
      sem.release(0);
    } catch (const weft::ValueError& e) {
      show(e);
    }
    try {
      sem.acquire(false, 1);
    } catch (const weft::ValueError& e) {
      show(e);
    }
    weft::BoundedSemaphore bounded(2, "pool");
    weft::Thread t([bounded] {
      bounded.acquire();
      bounded.release();
      bounded.release();  // one more than was acquired
    });
    t.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "ValueError semaphore initial value must be >= 0\n"
        "ValueError semaphore initial value must be >= 0\n"
        "ValueError n must be one or more\n"
        "ValueError can't specify timeout for non-blocking acquire\n");
  CHECK(o.err == "Exception in thread Thread-1: ValueError: Semaphore released too many times\n");
}

TEST_CASE("BoundedSemaphore: a release(n) that would pass the initial value changes nothing",
          "[primitives][semaphore]") {
  auto o = run_once([] {
    weft::BoundedSemaphore sem(2);
    sem.acquire();
    try {
      sem.release(2);
    } catch (const weft::ValueError&) {
      weft::print("refused");
    }
    sem.release(1);
    const bool first = sem.acquire(false);
    const bool second = sem.acquire(false);
    const bool third = sem.acquire(false);
    weft::print(first, second, third);
  });
  CHECK(o.out == "refused\nTrue True False\n");
}

TEST_CASE("Semaphore: a deadlock report names the threads holding permits",
          "[primitives][semaphore][deadlock]") {
  auto o = run_once([] {
    weft::Semaphore sem(1, "sem");
    weft::Lock lock("L");
    lock.acquire();
    weft::Thread t([sem, lock] {
      sem.acquire();
      lock.acquire();
    });
    t.start();
    weft::sleep(0.5);
    sem.acquire();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].thread == "MainThread");
  CHECK(o.blocked[0].op == "acquire");
  CHECK(o.blocked[0].object == "Semaphore sem");
  CHECK(o.blocked[0].held_by == std::vector<std::string>{"Thread-1"});
  CHECK(o.blocked[1].object == "Lock L");
  CHECK(o.blocked[1].held_by == std::vector<std::string>{"MainThread"});
}

// --- Barrier ---

TEST_CASE("Barrier: wait returns the arrival index; the action runs once, last, before release",
          "[primitives][barrier]") {
  // Thread k arrives at k/10 s, so its index is k-1 and Thread-3 runs the action.
  auto r = explore_checked([] {
    weft::Barrier b(3, [] { weft::print("action by", weft::current_thread().name()); });
    weft::Shared<std::map<int, int>> index;
    std::vector<std::unique_ptr<weft::Thread>> threads;
    for (int k = 1; k <= 3; ++k) {
      threads.push_back(std::make_unique<weft::Thread>([b, index, k] {
        weft::sleep(0.1 * k);
        const int i = b.wait();
        index.update([&](std::map<int, int>& m) { m[k] = i; });
        weft::print("passed");
      }));
      threads.back()->start();
    }
    for (auto& t : threads) t->join();
    for (const auto& [k, i] : index.load()) weft::print(k, i);
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"action by Thread-3\npassed\npassed\npassed\n1 0\n2 1\n3 2\n"});
  CHECK(all_end_at(r, 0.3));
}

TEST_CASE("Barrier: arrivals at the same instant take the indexes 0..parties-1 in any order",
          "[primitives][barrier]") {
  auto r = explore_checked([] {
    weft::Barrier b(2);
    weft::Shared<std::string> order;
    weft::Thread t([b, order] {
      const int i = b.wait();
      order.update([&](std::string& s) { s += "t" + std::to_string(i); });
    });
    t.start();
    const int i = b.wait();
    t.join();
    weft::print(order.load(), "main" + std::to_string(i), b.n_waiting());
  });
  CHECK(stdouts(r) == Outs{"t0 main1 0\n", "t1 main0 0\n"});
}

TEST_CASE("Barrier: a timed-out wait breaks it for everyone until reset()",
          "[primitives][barrier][errors]") {
  auto r = explore_checked([] {
    weft::Barrier b(2);
    try {
      b.wait(0.5);
    } catch (const weft::BrokenBarrierError& e) {
      weft::print("timed out", weft::now(), b.broken(), std::string("[") + e.what() + "]");
    }
    try {
      b.wait();
    } catch (const weft::BrokenBarrierError&) {
      weft::print("still broken");
    }
    b.reset();
    weft::print(b.broken(), b.n_waiting());
    weft::Thread t([b] { b.wait(); });
    t.start();
    b.wait();
    weft::print("passed");
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"timed out 0.5 True []\nstill broken\nFalse 0\npassed\n"});
  CHECK(all_end_at(r, 0.5));
}

TEST_CASE("Barrier: the barrier's default timeout applies to wait()", "[primitives][barrier]") {
  auto o = run_once([] {
    weft::Barrier b(2, {}, 0.25);
    try {
      b.wait();
    } catch (const weft::BrokenBarrierError&) {
      weft::print("broken at", weft::now());
    }
  });
  CHECK(o.out == "broken at 0.25\n");
}

TEST_CASE("Barrier: abort() breaks it for the threads waiting", "[primitives][barrier]") {
  auto r = explore_checked([] {
    weft::Barrier b(3);
    auto waiter = [b] {
      try {
        b.wait();
      } catch (const weft::BrokenBarrierError&) {
        weft::print("broken");
      }
    };
    weft::Thread t1(waiter), t2(waiter);
    t1.start();
    t2.start();
    weft::sleep(1);
    weft::print(b.n_waiting());
    b.abort();
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"2\nbroken\nbroken\n"});
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Barrier: reset() releases the waiters with BrokenBarrierError, then works again",
          "[primitives][barrier]") {
  auto r = explore_checked([] {
    weft::Barrier b(3);
    auto worker = [b] {
      try {
        b.wait();
      } catch (const weft::BrokenBarrierError&) {
        weft::print("reset seen");
      }
      b.wait();
    };
    weft::Thread t1(worker), t2(worker);
    t1.start();
    t2.start();
    weft::sleep(1);
    b.reset();
    b.wait();
    weft::print("all passed", b.broken());
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"reset seen\nreset seen\nall passed False\n"});
  CHECK(count_status(r, Status::Deadlock) == 0);
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Barrier: an action that throws breaks the barrier; its thread gets the exception",
          "[primitives][barrier][errors]") {
  auto r = explore_checked([] {
    weft::Barrier b(2, [] { throw weft::ValueError("boom"); });
    weft::Thread t([b] {
      try {
        b.wait();
      } catch (const weft::BrokenBarrierError&) {
        weft::print("t broken");
      }
    });
    t.start();
    weft::sleep(0.5);
    try {
      b.wait();
    } catch (const weft::ValueError& e) {
      weft::print(e.what(), b.broken());
    }
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"boom True\nt broken\n", "t broken\nboom True\n"});
}

TEST_CASE("Barrier: a wait whose timeout passes while the action runs still passes (CPython)",
          "[primitives][barrier]") {
  // The action holds CPython's barrier lock from 0.2 s to 1.2 s; t's timeout (0.5 s) expires
  // meanwhile, but t only looks once it has the lock, and by then the barrier is released.
  auto r = explore_checked([] {
    weft::Barrier b(2, [] { weft::sleep(1); });
    weft::Thread t([b] {
      const int i = b.wait(0.5);
      weft::print("t passed", i, weft::now());
    });
    t.start();
    weft::sleep(0.2);
    b.wait();
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"t passed 0 1.2\n"});
  CHECK(all_end_at(r, 1.2));
}

TEST_CASE("Barrier: parties must be at least 1", "[primitives][barrier][errors]") {
  auto o = run_once([] {
    try {
      weft::Barrier b(0);
    } catch (const weft::ValueError& e) {
      weft::print(e.what());
    }
    weft::Barrier one(1);
    const int first = one.wait();
    const int second = one.wait();
    weft::print(one.parties(), first, second);
  });
  CHECK(o.out == "parties must be > 0\n1 0 0\n");
}

TEST_CASE("Condition: a daemon discarded inside wait() unwinds its lock guard cleanly",
          "[primitives][condition][unwind]") {
  // The guard's release meets a lock the wait gave up: it must not throw while unwinding.
  auto r = explore_checked([] {
    weft::Condition c;
    weft::Thread d([c] {
      std::scoped_lock hold(c);
      c.wait();
    });
    d.set_daemon(true);
    d.start();
    weft::sleep(1);
    weft::print("main ends");
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"main ends\n"});
  CHECK(all_end_at(r, 1));
}

// --- both backends ---

TEST_CASE("Condition, Semaphore, Barrier: the same on the simulator and on real threads",
          "[primitives][backends]") {
  // Every meeting of threads here is ordered by a lock, a condition or a join, never by a sleep.
  const auto b = GENERATE(weft::test::Backend::Sim, weft::test::Backend::Real);
  CAPTURE(b);
  auto o = weft::test::run_on(b, [] {
    weft::RLock rl;
    weft::Condition c(rl);
    weft::Shared<int> x(0);
    weft::Thread setter([c, x] {
      std::scoped_lock hold(c);  // waits until main's wait gives the RLock up
      x.store(1);
      c.notify_all();
    });
    {
      std::scoped_lock hold(rl, c);  // the RLock twice
      setter.start();
      const bool ok = c.wait_for([x] { return x.load() == 1; });
      weft::print("wait_for", ok);
    }
    setter.join();

    weft::BoundedSemaphore sem(1);
    sem.acquire();
    const bool second = sem.acquire(false);
    weft::print("second permit", second);
    sem.release();
    try {
      sem.release();
    } catch (const weft::ValueError& e) {
      weft::print(e.what());
    }

    weft::Barrier bar(3, [] { weft::print("action"); });
    weft::Shared<int> indexes(0);
    auto party = [bar, indexes] {
      const int i = bar.wait();
      indexes.update([i](int& v) { return v += 1 << i; });
    };
    weft::Thread p1(party), p2(party);
    p1.start();
    p2.start();
    party();
    p1.join();
    p2.join();
    weft::print("indexes", indexes.load());  // 1 + 2 + 4: each of 0, 1, 2 once
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "wait_for True\n"
        "second permit False\n"
        "Semaphore released too many times\n"
        "action\n"
        "indexes 7\n");
  CHECK(o.err.empty());
}
