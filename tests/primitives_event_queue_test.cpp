// Event, Timer and the three queues on the simulator: exact outcome sets, exact virtual times,
// every error with its Python type and message.
#include <catch2/catch.hpp>

#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <utility>

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

// --- Event ---

TEST_CASE("Event: is_set follows set and clear", "[primitives][event]") {
  auto o = run_once([] {
    weft::Event e;
    weft::print(e.is_set());
    e.set();
    weft::print(e.is_set());
    e.clear();
    weft::print(e.is_set());
  });
  CHECK(o.out == "False\nTrue\nFalse\n");
}

TEST_CASE("Event: set() releases every waiter at that instant", "[primitives][event]") {
  auto r = explore_checked([] {
    weft::Event e("teacher");
    auto student = [e] {
      const bool woken = e.wait();
      weft::print(woken, weft::now());
    };
    weft::Thread a(student), b(student);
    a.start();
    b.start();
    weft::sleep(2);
    e.set();
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"True 2.0\nTrue 2.0\n"});
  CHECK(count_status(r, Status::Deadlock) == 0);
  CHECK(all_end_at(r, 2));
}

TEST_CASE("Event: wait on a set event returns true at once; a timed wait times out exactly",
          "[primitives][event]") {
  auto o = run_once([] {
    weft::Event e;
    const bool unset = e.wait(0.5);
    weft::print(unset, weft::now());
    e.set();
    const bool set = e.wait(0.5);
    weft::print(set, weft::now());
  });
  CHECK(o.out == "False 0.5\nTrue 0.5\n");
  CHECK(o.end_time == from_seconds(0.5));
}

TEST_CASE("Event: a timed wait woken before its timeout returns true then",
          "[primitives][event]") {
  auto r = explore_checked([] {
    weft::Event e;
    weft::Thread t([e] {
      const bool woken = e.wait(5);
      weft::print(woken, weft::now());
    });
    t.start();
    weft::sleep(1);
    e.set();
  });
  CHECK(stdouts(r) == Outs{"True 1.0\n"});
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Event: set then clear at once still releases the threads already waiting",
          "[primitives][event]") {
  SECTION("the waiter is waiting in every interleaving: it always wakes") {
    auto r = explore_checked([] {
      weft::Event e;
      weft::Thread t([e] { weft::print("woke", e.wait()); });
      t.start();
      weft::sleep(1);
      e.set();
      e.clear();
      weft::print("cleared");
    });
    CHECK(r.complete);
    CHECK(stdouts(r) == Outs{"woke True\ncleared\n", "cleared\nwoke True\n"});
    CHECK(r.outcomes.size() == 2);
  }
  SECTION("a waiter that arrives after the clear waits forever") {
    // The waiter checks before set (woken), between set and clear (set: true at once), or after
    // clear (deadlock).
    auto r = explore_checked([] {
      weft::Event e("e");
      weft::Thread t([e] { weft::print(e.wait()); });
      t.start();
      e.set();
      e.clear();
    });
    CHECK(r.complete);
    CHECK(stdouts(r, Status::Ok) == Outs{"True\n"});
    CHECK(stdouts(r, Status::Deadlock) == Outs{""});
    CHECK(r.outcomes.size() == 2);
    for (const auto& g : r.outcomes) {
      if (g.outcome.status != Status::Deadlock) continue;
      REQUIRE(g.outcome.blocked.size() == 2);
      CHECK(g.outcome.blocked[1].op == "wait");
      CHECK(g.outcome.blocked[1].object == "Event e");
    }
  }
}

TEST_CASE("Event: the seed's overtime boss (set, print, clear) releases every waiting worker",
          "[primitives][event]") {
  // Workers wait; the boss sets, prints, clears at 1 s. No worker can miss the set.
  auto r = explore_checked([] {
    weft::Event e;
    auto worker = [e] {
      e.wait();
      weft::print("worker");
    };
    weft::Thread w1(worker), w2(worker);
    w1.start();
    w2.start();
    weft::sleep(1);
    e.set();
    weft::print("overtime");
    e.clear();
  });
  CHECK(r.complete);
  CHECK(count_status(r, Status::Deadlock) == 0);
  CHECK(stdouts(r) == Outs{"overtime\nworker\nworker\n", "worker\novertime\nworker\n",
                           "worker\nworker\novertime\n"});
}

// --- Timer ---

TEST_CASE("Timer: calls its function with its arguments after the interval",
          "[primitives][timer]") {
  auto r = explore_checked([] {
    weft::Timer t(1.5, [](int n, const std::string& s) { weft::print("fired", n, s, weft::now()); },
                  7, std::string("x"));
    t.start();
    weft::print("started");
  });
  CHECK(stdouts(r) == Outs{"started\nfired 7 x 1.5\n"});
  CHECK(all_end_at(r, 1.5));
}

TEST_CASE("Timer: cancel before it fires stops it; after, changes nothing",
          "[primitives][timer]") {
  auto program = [](double interval) {
    return [interval] {
      weft::Timer t(interval, [] { weft::print("fired"); });
      t.start();
      weft::sleep(1);
      t.cancel();
      weft::print("cancelled");
    };
  };
  SECTION("cancelled at 1 s, due at 2 s: never fires, ends at 1 s") {
    auto r = explore_checked(program(2));
    CHECK(stdouts(r) == Outs{"cancelled\n"});
    CHECK(all_end_at(r, 1));
  }
  SECTION("due at 0.5 s, cancelled at 1 s: fired already") {
    auto r = explore_checked(program(0.5));
    CHECK(stdouts(r) == Outs{"fired\ncancelled\n"});
    CHECK(all_end_at(r, 1));
  }
  SECTION("due and cancelled at the same instant: either") {
    auto r = explore_checked(program(1));
    CHECK(stdouts(r) == Outs{"cancelled\n", "fired\ncancelled\n", "cancelled\nfired\n"});
  }
}

TEST_CASE("Timer: cancelled before start never fires; it is a Thread named Thread-N",
          "[primitives][timer]") {
  auto o = run_once([] {
    weft::Thread first([] {});
    weft::Timer t(1, [] { weft::print("fired"); });
    weft::print(t.name(), t.is_alive());
    t.cancel();
    t.start();
    t.join();
    weft::print(t.is_alive(), weft::now());
  });
  CHECK(o.out == "Thread-2 False\nFalse 0.0\n");
  CHECK(o.end_time == 0);
}

// --- Queues ---

TEST_CASE("Queue, LifoQueue, PriorityQueue: the seed's three orders", "[primitives][queue]") {
  auto o = run_once([] {
    weft::Queue<std::string> fifo;
    weft::LifoQueue<std::string> lifo;
    for (const char* s : {"first", "second", "third"}) {
      fifo.put(s);
      lifo.put(s);
    }
    for (int i = 0; i < 3; ++i) weft::print(fifo.get());
    for (int i = 0; i < 3; ++i) weft::print(lifo.get());
    weft::PriorityQueue<std::pair<int, std::string>> prio;
    prio.put({20, "a"});
    prio.put({10, "b"});
    prio.put({30, "c"});
    prio.put({10, "a"});
    prio.put({25, "z"});
    while (!prio.empty()) {
      const auto [p, v] = prio.get();
      weft::print(p, v);
    }
  });
  CHECK(o.out ==
        "first\nsecond\nthird\n"
        "third\nsecond\nfirst\n"
        "10 a\n10 b\n20 a\n25 z\n30 c\n");
}

TEST_CASE("Queue: qsize, empty, full, maxsize", "[primitives][queue]") {
  auto o = run_once([] {
    weft::Queue<int> q(2);
    weft::Queue<int> unbounded;
    weft::print(q.qsize(), q.empty(), q.full(), q.maxsize());
    q.put(1);
    q.put(2);
    weft::print(q.qsize(), q.empty(), q.full());
    for (int i = 0; i < 5; ++i) unbounded.put_nowait(i);
    weft::print(unbounded.qsize(), unbounded.full());
  });
  CHECK(o.out == "0 True False 2\n2 False True\n5 False\n");
}

TEST_CASE("Queue: a get blocks until an item is put", "[primitives][queue]") {
  auto r = explore_checked([] {
    weft::Queue<int> q;
    weft::Thread consumer([q] {
      const int item = q.get();
      weft::print("got", item, weft::now());
    });
    consumer.start();
    weft::sleep(1);
    q.put(42);
  });
  CHECK(stdouts(r) == Outs{"got 42 1.0\n"});
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Queue: a put on a full queue blocks until a get makes room", "[primitives][queue]") {
  auto r = explore_checked([] {
    weft::Queue<int> q(1);
    q.put(1);
    weft::Thread producer([q] {
      q.put(2);
      weft::print("put 2 at", weft::now());
    });
    producer.start();
    weft::sleep(1);
    weft::print("get", q.get());
    producer.join();
    weft::print("get", q.get());
  });
  CHECK(stdouts(r) == Outs{"get 1\nput 2 at 1.0\nget 2\n", "put 2 at 1.0\nget 1\nget 2\n"});
  CHECK(all_end_at(r, 1));
}

TEST_CASE("Queue: one item for two blocked getters goes to either, the other times out",
          "[primitives][queue]") {
  auto r = explore_checked([] {
    weft::Queue<std::string> q;
    auto getter = [q](const char* name) {
      try {
        const std::string item = q.get(true, 2);
        weft::print(name, item);
      } catch (const weft::Empty&) {
        weft::print(name, "empty", weft::now());
      }
    };
    weft::Thread a(getter, "a"), b(getter, "b");
    a.start();
    b.start();
    weft::sleep(1);
    q.put("x");
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"a x\nb empty 2.0\n", "b x\na empty 2.0\n"});
  CHECK(all_end_at(r, 2));
}

TEST_CASE("Queue: Full and Empty, at once or at the timeout", "[primitives][queue][errors]") {
  auto o = run_once([] {
    auto show = [](const weft::Error& e) {
      weft::print(e.type(), std::string("[") + e.what() + "]", weft::now());
    };
    weft::Queue<int> q(1);
    try {
      q.get_nowait();
    } catch (const weft::Empty& e) {
      show(e);
    }
    try {
      q.get(true, 0.5);
    } catch (const weft::Empty& e) {
      show(e);
    }
    q.put_nowait(1);
    try {
      q.put_nowait(2);
    } catch (const weft::Full& e) {
      show(e);
    }
    try {
      q.put(2, true, 0.25);
    } catch (const weft::Full& e) {
      show(e);
    }
    try {
      q.put(2, false, 5);  // non-blocking: the timeout is ignored, as in Python
    } catch (const weft::Full& e) {
      show(e);
    }
    weft::print(q.get(false));
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "Empty [] 0.0\nEmpty [] 0.5\nFull [] 0.5\nFull [] 0.75\nFull [] 0.75\n1\n");
  CHECK(o.end_time == from_seconds(0.75));
}

TEST_CASE("Queue: join waits until every item put was task_done", "[primitives][queue]") {
  auto r = explore_checked([] {
    weft::Queue<int> q;
    weft::Thread worker([q] {
      for (int i = 0; i < 2; ++i) {
        q.get();
        weft::sleep(1);
        q.task_done();
      }
    });
    worker.start();
    q.put(1);
    q.put(2);
    q.join();
    weft::print("joined", weft::now());
  });
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"joined 2.0\n"});
  CHECK(all_end_at(r, 2));
}

TEST_CASE("Queue: join on a queue with nothing unfinished returns at once",
          "[primitives][queue]") {
  auto o = run_once([] {
    weft::LifoQueue<int> q;
    q.join();
    q.put(1);
    q.get();
    q.task_done();
    q.join();
    weft::print("joined", weft::now());
  });
  CHECK(o.out == "joined 0.0\n");
}

TEST_CASE("Queue: task_done once too often raises ValueError", "[primitives][queue][errors]") {
  auto o = run_once([] {
    weft::PriorityQueue<int> q;
    q.put(1);
    weft::Thread t([q] {
      q.get();
      q.task_done();
      q.task_done();
    });
    t.start();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.err == "Exception in thread Thread-1: ValueError: task_done() called too many times\n");
}

TEST_CASE("Queue: a get blocked forever is a deadlock on the named queue",
          "[primitives][queue][deadlock]") {
  auto o = run_once([] {
    weft::Queue<int> q(0, "jobs");
    q.get();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 1);
  CHECK(o.blocked[0].op == "get");
  CHECK(o.blocked[0].object == "Queue jobs");
}

// --- both backends ---

TEST_CASE("Event, Timer, queues: the same on the simulator and on real threads",
          "[primitives][backends]") {
  // Every meeting of threads here is ordered by an event, a queue or a join, never by a sleep.
  const auto b = GENERATE(weft::test::Backend::Sim, weft::test::Backend::Real);
  CAPTURE(b);
  auto o = weft::test::run_on(b, [] {
    weft::Event go;
    weft::Queue<int> q(1);
    weft::Thread worker([go, q] {
      weft::print("go", go.wait());
      for (int i = 0; i < 3; ++i) {
        const int item = q.get();
        weft::print("got", item);
        q.task_done();
      }
    });
    worker.start();
    go.set();
    for (int i = 1; i <= 3; ++i) q.put(i);  // maxsize 1: each put waits for the get before
    q.join();
    worker.join();
    try {
      q.task_done();
    } catch (const weft::ValueError& e) {
      weft::print(e.what());
    }

    weft::LifoQueue<int> lifo;
    weft::PriorityQueue<int> prio;
    for (int v : {2, 3, 1}) {
      lifo.put(v);
      prio.put(v);
    }
    const int l1 = lifo.get(), l2 = lifo.get(), p1 = prio.get(), p2 = prio.get();
    weft::print("lifo", l1, l2, "prio", p1, p2);

    weft::Timer fires(0.5, [](int n) { weft::print("fired", n); }, 7);
    fires.start();
    fires.join();
    weft::Timer cancelled(100, [] { weft::print("never"); });
    cancelled.start();
    cancelled.cancel();
    cancelled.join();
    weft::print("done");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "go True\n"
        "got 1\ngot 2\ngot 3\n"
        "task_done() called too many times\n"
        "lifo 1 3 prio 1 2\n"
        "fired 7\n"
        "done\n");
  CHECK(o.err.empty());
}
