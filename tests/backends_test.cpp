// Threads and program end behave the same on the simulator and on real threads: each test body
// runs on both backends. Every program here is sequenced by join, locks or input, so its outcome
// does not depend on the interleaving (or on how loaded the machine is).
#include <atomic>
#include <catch2/catch.hpp>

#include "backends.hpp"
#include "primitives/weft.hpp"

using weft::sim::Status;
using weft::test::Backend;
using weft::test::print_error;
using weft::test::run_on;

TEST_CASE("threads are named Thread-1, Thread-2, ... in creation order", "[backends][thread]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Thread t1([] { weft::print("in", weft::current_thread().name()); });
    weft::Thread t2([] { weft::print("in", weft::current_thread().name()); });
    t2.set_name("worker");
    t1.start();
    t1.join();
    t2.start();
    t2.join();
    weft::print(t1.name(), t2.name(), weft::current_thread().name());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "in Thread-1\nin worker\nThread-1 worker MainThread\n");
  CHECK(o.err.empty());
}

TEST_CASE("start twice and daemon after start raise RuntimeError", "[backends][thread]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Thread t([] {});
    print_error([&] { t.join(); });
    t.start();
    print_error([&] { t.start(); });
    print_error([&] { t.set_daemon(true); });
    print_error([] { weft::current_thread().join(); });
    t.join();
    weft::print(t.daemon());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "RuntimeError: cannot join thread before it is started\n"
        "RuntimeError: threads can only be started once\n"
        "RuntimeError: cannot set daemon status of active thread\n"
        "RuntimeError: cannot join current thread\n"
        "False\n");
}

TEST_CASE("is_alive is true from start until the thread ends; join waits for that",
          "[backends][thread]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Lock gate;
    weft::Thread t([gate] {
      std::scoped_lock wait_for_main(gate);  // main holds it: the thread stays alive meanwhile
      weft::print("child runs");
    });
    weft::print(t.is_alive(), t.ident().has_value());
    gate.acquire();
    t.start();
    weft::print(t.is_alive(), *t.ident());
    gate.release();
    t.join();
    weft::print(t.is_alive());
    t.join(0.5);  // joining a finished thread returns at once
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "False False\nTrue 1\nchild runs\nFalse\n");
}

TEST_CASE("current_thread, main_thread, enumerate and active_count", "[backends][thread]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    const auto names = [] {
      std::string s;
      for (const weft::ThreadRef& t : weft::enumerate()) s += (s.empty() ? "" : ",") + t.name();
      return s;
    };
    weft::Lock gate;
    weft::Thread t([gate, names] {
      std::scoped_lock wait_for_main(gate);
      weft::print("child:", weft::current_thread().name(), weft::main_thread().name(), names());
    });
    weft::print(weft::current_thread() == weft::main_thread(), weft::active_count(), names());
    gate.acquire();
    t.start();
    weft::print(weft::active_count(), names());
    gate.release();
    t.join();
    weft::print(weft::active_count(), names());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "True 1 MainThread\n"
        "2 MainThread,Thread-1\n"  // the child waits for the lock meanwhile
        "child: Thread-1 MainThread MainThread,Thread-1\n"
        "1 MainThread\n");
}

TEST_CASE("an exception ends its thread only and is reported on stderr exactly",
          "[backends][thread][errors]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Thread t([] { throw weft::ValueError("bad value"); });
    t.start();
    t.join();
    weft::Thread u([] { throw std::out_of_range("index 3"); });
    u.start();
    u.join();
    weft::print("main goes on");
    throw weft::RuntimeError("main fails last");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.err ==
        "Exception in thread Thread-1: ValueError: bad value\n"
        "Exception in thread Thread-2: std::out_of_range: index 3\n"
        "Exception in thread MainThread: RuntimeError: main fails last\n");
  CHECK(o.out == "main goes on\n");
}

TEST_CASE("the program waits for non-daemon threads after main's body returns",
          "[backends][program-end]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Lock gate;
    weft::Thread t([gate] {
      std::scoped_lock wait_for_main(gate);
      weft::sleep(2);  // usually main's body has returned by now
      weft::print("done");
    });
    gate.acquire();
    t.start();
    weft::print("main returns");
    gate.release();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "main returns\ndone\n");
}

namespace {
struct Counted {
  static inline std::atomic<int> alive{0};
  Counted() { ++alive; }
  Counted(const Counted&) { ++alive; }
  ~Counted() { --alive; }
};
}  // namespace

TEST_CASE("daemon threads are cut off at program end: later output never appears, stacks unwind",
          "[backends][program-end]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  Counted::alive = 0;
  auto o = run_on(b, [] {
    weft::Lock started;
    weft::Lock never_released;
    weft::Thread sleeper([started] {
      Counted c;
      weft::print("daemon starts");
      started.release();   // lets main go on
      weft::sleep(1e6);    // cut short by program end
      weft::print("never printed");
    });
    weft::Thread blocked([never_released] {
      Counted c;
      std::scoped_lock hold(never_released);  // main holds it for ever
      weft::print("never printed either");
    });
    sleeper.set_daemon(true);
    blocked.set_daemon(true);
    started.acquire();
    never_released.acquire();
    sleeper.start();
    blocked.start();
    started.acquire();  // until the sleeper has printed
    weft::print("main ends");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "daemon starts\nmain ends\n");
  CHECK(o.err.empty());
  CHECK(Counted::alive == 0);
}

TEST_CASE("a failed check ends the program as a failure; later output never appears",
          "[backends][check]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::print("before");
    weft::Thread t([] {
      weft::eprint("checking");
      weft::check(false, "x was written twice");
      weft::print("not after a failed check");
    });
    t.start();
    t.join();
    weft::print("nor in main");
  });
  CHECK(o.status == Status::Failure);
  CHECK(o.message == "x was written twice");
  CHECK(o.out == "before\n");
  CHECK(o.err == "checking\n");
}
