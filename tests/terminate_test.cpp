// Process::terminate() on the simulator: every thread of the process ends where it stands,
// whatever it waits in, and the process's exitcode is -15 (docs/processes.md). Each search runs
// with the reduction and without (explore_checked), which must find the same outcomes; the
// outcome sets and execution counts are argued beside each test.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "primitives/weft.hpp"
#include "support.hpp"

using weft::Address;
using weft::sim::Status;
using weft::test::explore_checked;
using weft::test::stdouts;
using Outs = std::set<std::string>;

TEST_CASE("terminate: the child cut off before, between or after its steps", "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Process p([] {
      weft::print("a");
      weft::print("b");
    });
    p.start();
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode(), "alive", p.is_alive());
  });
  // The child's steps are print a, print b and its end; the terminate depends on each (it cuts
  // the rest off), and on nothing else of the child. It falls before a, between a and b, between
  // b and the end (the process is still running: -15), or after the end, when it does nothing
  // and the exitcode stays 0. One execution per place: 4.
  CHECK(stdouts(r) == Outs{"exitcode -15 alive False\n", "a\nexitcode -15 alive False\n",
                           "a\nb\nexitcode -15 alive False\n", "a\nb\nexitcode 0 alive False\n"});
  CHECK(r.executions == 4);
}

TEST_CASE("terminate: a child blocked in recv; its socket closes", "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Socket server;
    server.bind(Address{"127.0.0.1", 8080});
    server.listen(1);
    weft::Process p([] {
      weft::Socket c;
      c.connect(Address{"127.0.0.1", 8080});
      c.sendall("x");
      c.recv(16);  // the parent never sends: it waits for ever
      weft::print("child got data");
    });
    p.start();
    auto [conn, peer] = server.accept();
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode(), "alive", p.is_alive());
    const std::string first = weft::bytes_repr(conn.recv(16));
    weft::print(first, weft::bytes_repr(conn.recv(16)));
  });
  // The accept returns once the child's connect has. The child's send comes before the terminate
  // or is cut off by it; its recv never returns. The terminate closes the child's socket (it made
  // it): the parent reads what was sent, then the end of stream. Nothing deadlocks.
  CHECK(stdouts(r) == Outs{"exitcode -15 alive False\nb'' b''\n",
                           "exitcode -15 alive False\nb'x' b''\n"});
}

TEST_CASE("terminate: a child blocked in acquire, with a thread waiting on an event",
          "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Process p([] {
      weft::Lock lock;
      weft::Event never;
      weft::Thread t([&never] {
        weft::print("thread waits");
        never.wait();
      });
      t.start();
      lock.acquire();
      lock.acquire();  // a Lock is not reentrant: waits for ever
    });
    p.start();
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode());
  });
  // The thread's print comes before the terminate or never; the terminate ends both the
  // MainThread (in acquire, or before it) and the thread (in wait, or before its print). Without
  // the terminate this program would never end; no outcome is a deadlock.
  CHECK(stdouts(r) == Outs{"exitcode -15\n", "thread waits\nexitcode -15\n"});
  for (const auto& g : r.outcomes) CHECK(g.outcome.status == Status::Ok);
}

TEST_CASE("terminate: a sleeping child, at virtual time 1", "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Process p([] {
      weft::print("child sleeps");
      weft::sleep(0.5);
      weft::print("child woke");
      weft::sleep(10);
      weft::print("child never");
    });
    p.start();
    weft::sleep(1);
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode());
  });
  // Timed: the child prints at 0 and 0.5, the terminate comes at 1, the child's second sleep
  // would end at 10.5. One outcome, ending at virtual time 1.
  CHECK(stdouts(r) == Outs{"child sleeps\nchild woke\nexitcode -15\n"});
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes.begin()->outcome.end_time == weft::sim::from_seconds(1));
}

TEST_CASE("terminate: a child spinning on its copy of a Shared", "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Shared<int> flag(0);
    weft::Process p([flag] {
      while (flag.load() == 0) {
      }
    });
    p.start();
    flag.store(1);  // the parent's copy: the child never sees it
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode(), "flag", flag.load());
  });
  // The loop never ends on its own (its copy stays 0); the terminate ends it.
  CHECK(stdouts(r) == Outs{"exitcode -15 flag 1\n"});
}

TEST_CASE("terminate: before start, twice, and after the end", "[process][terminate]") {
  auto r = explore_checked([] {
    weft::Process p([] { weft::print("child"); });
    try {
      p.terminate();
    } catch (const weft::RuntimeError& e) {
      weft::print("RuntimeError:", e.what());
    }
    p.start();
    p.join();
    p.terminate();  // ended: nothing
    weft::print("exitcode", *p.exitcode());
    weft::Process q([] { weft::print("q"); });
    q.start();
    q.terminate();
    q.terminate();
    q.join();
    weft::print("q exitcode", *q.exitcode());
  });
  // p ended on its own: its exitcode stays 0. q is cut off before its print or after it (still
  // running: -15), or has ended (0); the second terminate changes nothing.
  const std::string before = "RuntimeError: cannot terminate a process that was not started\n"
                             "child\nexitcode 0\n";
  CHECK(stdouts(r) == Outs{before + "q exitcode -15\n", before + "q\nq exitcode -15\n",
                           before + "q\nq exitcode 0\n"});
}

TEST_CASE("terminate: a process terminates itself; its other threads end with it",
          "[process][terminate]") {
  auto r = explore_checked([] {
    const weft::Process* self = nullptr;
    weft::Process p([&self] {
      weft::Thread t([] { weft::print("thread"); });
      t.start();
      weft::print("before");
      self->terminate();
      weft::print("never");
    });
    self = &p;
    p.start();
    p.join();
    weft::print("exitcode", *p.exitcode());
  });
  // Nothing after the terminate in the process runs; the thread's print comes before the
  // process's, between it and the terminate, or never.
  CHECK(stdouts(r) == Outs{"before\nexitcode -15\n", "thread\nbefore\nexitcode -15\n",
                           "before\nthread\nexitcode -15\n"});
}
