// weft::Process on the simulator: a group of threads with its own MainThread, the program's end
// rules, and its own copy of the shared variables (docs/processes.md). Every search runs with the
// reduction and without (explore_checked), and both must find the same outcomes.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "primitives/weft.hpp"
#include "support.hpp"

using weft::sim::Status;
using weft::test::explore_checked;
using weft::test::run_once;
using weft::test::stdouts;
using Outs = std::set<std::string>;

TEST_CASE("a child's write to a Shared is its own; the parent keeps its value", "[process]") {
  auto r = explore_checked([] {
    weft::Shared<int> x(0);
    weft::Process p([x] {
      x.store(1);
      weft::print("child", x.load());
    });
    p.start();
    p.join();
    weft::print("parent", x.load(), "exitcode", *p.exitcode());
  });
  CHECK(stdouts(r) == Outs{"child 1\nparent 0 exitcode 0\n"});
  // The parent does nothing between start and join, which waits for the child's end: one
  // schedule, naive or reduced.
  CHECK(r.executions == 1);
}

TEST_CASE("a store racing with the fork: the child sees either value", "[process]") {
  // The store is on the Shared, the fork on the process: only the fork's reading of every shared
  // variable (kFork against kMemory) makes the reduction order them both ways.
  auto r = explore_checked([] {
    weft::Shared<int> x(0);
    weft::Thread t([x] { x.store(1); });
    t.start();
    weft::Process p([x] { weft::print("child sees", x.load()); });
    p.start();
    p.join();
    t.join();
  });
  CHECK(stdouts(r) == Outs{"child sees 0\n", "child sees 1\n"});
  // The store before the fork, or after it. The child's load reads its copy, which the reduction
  // takes for the same object as the parent's (docs/processes.md): after the fork it orders the
  // store before and after that load as well, one class more than needed. 3 executions.
  CHECK(r.executions == 3);
}

TEST_CASE("a process waits for its non-daemon threads before it ends", "[process]") {
  auto r = explore_checked([] {
    weft::Process p([] {
      weft::Thread t([] {
        weft::print(weft::current_process_name(), weft::current_thread().name(), "works");
      });
      t.start();
      weft::print(weft::current_process_name(), weft::current_thread().name(), "returns");
    });
    weft::print(p.name(), p.is_alive() ? "alive" : "not started");
    p.start();
    p.join();
    weft::print(p.name(), p.is_alive() ? "alive" : "ended", *p.exitcode());
  });
  // The two prints of the process in either order; the join waits for the thread's.
  CHECK(stdouts(r) == Outs{"Process-1 not started\nProcess-1 Thread-1 works\n"
                           "Process-1 MainThread returns\nProcess-1 ended 0\n",
                           "Process-1 not started\nProcess-1 MainThread returns\n"
                           "Process-1 Thread-1 works\nProcess-1 ended 0\n"});
}

TEST_CASE("an exception ends the process with exit code 1 and Python's report", "[process]") {
  const auto o = run_once([] {
    weft::Process p([] { throw weft::ValueError("boom"); });
    weft::print(p.exitcode().has_value() ? "code" : "None");
    p.start();
    p.join();
    weft::print("exitcode", *p.exitcode());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "None\nexitcode 1\n");
  CHECK(o.err == "Process Process-1:\nValueError: boom\n");
}

TEST_CASE("names, pids and thread numbers continue from the parent's at the fork", "[process]") {
  const auto o = run_once([] {
    weft::Thread a([] {});
    a.start();
    a.join();
    weft::Process p([] {
      weft::Thread b([] {});
      weft::print(weft::current_process_name(), b.name(), weft::main_thread().name());
      weft::Process q([] {});
      weft::print(q.name());
    });
    weft::Process p2([] {});
    CHECK(!p.pid().has_value());
    p.start();
    p.join();
    p2.start();
    p2.join();
    weft::print(p.name(), *p.pid(), p2.name(), *p2.pid(), weft::current_process_name());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "Process-1 Thread-2 MainThread\nProcess-1:1\nProcess-1 2 Process-2 3 MainProcess\n");
}

TEST_CASE("start twice, join before start, daemon threads in a child: RuntimeError",
          "[process]") {
  const auto o = run_once([] {
    weft::Process p([] {
      weft::Thread t([] {});
      t.set_daemon(true);
      try {
        t.start();
      } catch (const weft::RuntimeError&) {
        weft::print("daemon thread refused");
      }
    });
    try {
      p.join();
    } catch (const weft::RuntimeError& e) {
      weft::print(e.what());
    }
    p.start();
    try {
      p.start();
    } catch (const weft::RuntimeError& e) {
      weft::print(e.what());
    }
    p.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "can only join a started process\ncannot start a process twice\ndaemon thread refused\n");
}

TEST_CASE("a spin in a child is a livelock naming the thread with its process", "[process]") {
  auto r = explore_checked([] {
    weft::Shared<bool> go(false);
    weft::Process p([go] {
      while (!go.load()) {
      }
    });
    p.start();
    go.store(true);  // the child's copy never sees it
    p.join();
  });
  REQUIRE(r.outcomes.size() == 1);
  const auto& o = r.outcomes[0].outcome;
  CHECK(o.status == Status::Livelock);
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].thread == "MainThread");
  CHECK(o.blocked[0].op == "join");
  CHECK(o.blocked[1].thread == "Process-1/MainThread");
  CHECK(o.blocked[1].op == "spin");
}

TEST_CASE("a daemon process is cut off at the program's end; a non-daemon one is waited for",
          "[process]") {
  auto r = explore_checked([] {
    weft::Process d([] { weft::print("daemon"); });
    d.set_daemon(true);
    weft::Process n([] { weft::print("non-daemon"); });
    d.start();
    n.start();
  });
  CHECK(stdouts(r) == Outs{"non-daemon\n", "daemon\nnon-daemon\n", "non-daemon\ndaemon\n"});
}

TEST_CASE("a socket a process's target holds is dropped after the execution without a step",
          "[process][socket]") {
  // The target (and the listening socket it holds) lives as long as the process's record, which
  // the runtime lets go of after the execution has ended, outside any program thread: the
  // socket's last copy goes there, and its close has nothing left to tell.
  auto r = explore_checked([] {
    weft::Socket listener;
    listener.bind(weft::Address{"127.0.0.1", 8080});
    listener.listen(1);
    weft::Process p([listener] { weft::print("child"); });
    p.start();
    p.join();
    weft::print("parent", *p.exitcode());
  });
  CHECK(stdouts(r) == Outs{"child\nparent 0\n"});
  CHECK(r.executions == 1);
}
