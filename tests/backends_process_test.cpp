// weft::Process on both backends: on real threads a real child process (fork), on the simulator
// a group of threads; the same body gives the same outcome (docs/processes.md). Processes talk
// over sockets here, the one channel both backends share across a fork, so that each outcome is
// sequenced by the program and not by timing. Every test here has the prefix "processes:", by
// which scripts/sanitize.sh leaves them out of the ThreadSanitizer build (it does not support a
// child of a multi-threaded process starting threads).
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <cerrno>
#include <string>

#include "backends.hpp"
#include "support.hpp"
#include "primitives/weft.hpp"

using weft::Address;
using weft::sim::Status;
using weft::test::Backend;
using weft::test::print_error;
using weft::test::run_on;

namespace {

weft::Socket listener() {
  weft::Socket s;
  s.bind(Address{"127.0.0.1", 0});
  s.listen(5);
  return s;
}

}  // namespace

TEST_CASE("processes: the child's copy of a Shared; exit codes 0 and 1 with Python's report",
          "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Shared<int> x(1);
    weft::Process ok([x] {
      x.store(2);
      weft::print(weft::current_process_name(), weft::current_thread().name(), "sees", x.load());
    });
    weft::Process bad([] { throw weft::ValueError("boom"); });
    weft::print("before start:", ok.exitcode() ? "code" : "None", ok.is_alive(),
                ok.pid() ? "pid" : "None");
    ok.start();
    ok.join();
    bad.start();
    bad.join();
    weft::print("parent sees", x.load(), "exitcodes", *ok.exitcode(), *bad.exitcode(), "alive",
                ok.is_alive(), bad.is_alive());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "before start: None False None\nProcess-1 MainThread sees 2\n"
        "parent sees 1 exitcodes 0 1 alive False False\n");
  CHECK(o.err == "Process Process-2:\nValueError: boom\n");
}

// A line the child prints before it sends is in the output before the line the parent prints
// after it received: the child's output reaches the parent's before its print returns.
TEST_CASE("processes: output of parent and child in the order the program sequences it",
          "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    const Address at = server.getsockname();
    weft::Process p([at] {
      weft::Thread t([] { weft::print("a thread of", weft::current_process_name()); });
      t.start();
      t.join();
      weft::Process grandchild([] { weft::print("in", weft::current_process_name()); });
      grandchild.start();
      grandchild.join();
      weft::Socket c;
      c.connect(at);
      weft::print("child sends");
      c.sendall("x");
      weft::print("child got", c.recv(16));
    });
    p.start();
    auto [conn, peer] = server.accept();
    weft::print("parent got", conn.recv(16), "threads here", weft::active_count());
    conn.sendall("y");
    p.join();
    weft::print("done", *p.exitcode());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "a thread of Process-1\nin Process-1:1\nchild sends\nparent got x threads here 1\n"
        "child got y\ndone 0\n");
}

// The child waits in recv for a byte the parent never sends: join(timeout) comes back with the
// child alive; a daemon child is then ended with the program (on real threads by SIGTERM, as
// multiprocessing ends daemon children at exit), and the run ends.
TEST_CASE("processes: join with a timeout; a daemon child ends with the program",
          "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    const Address at = server.getsockname();
    weft::Process p([at] {
      weft::Socket c;
      c.connect(at);
      c.recv(16);
      weft::print("never");
    });
    p.set_daemon(true);
    p.start();
    auto [conn, peer] = server.accept();
    p.join(0.5);
    weft::print("alive", p.is_alive(), "exitcode", p.exitcode() ? "code" : "None");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "alive True exitcode None\n");
}

TEST_CASE("processes: a failed check in a child fails the program", "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Process p([] {
      weft::print("checking");
      weft::check(false, "the child's check");
    });
    p.start();
    p.join();
    weft::print("after");
  });
  CHECK(o.status == Status::Failure);
  CHECK(o.message == "the child's check");
  CHECK(o.out == "checking\n");
}

// The same program on both backends: the real run's outcome is one the simulator's search lists
// (the child's print is cut off by the terminate or not: both are listed).
TEST_CASE("processes: terminate() on real threads: SIGTERM, exit code -15, an outcome the "
          "simulator lists", "[real][process]") {
  std::atomic<int> pid{0};
  auto body = [&pid] {
    weft::Socket server = listener();
    const Address at = server.getsockname();
    weft::Process p([at] {
      weft::Socket c;
      c.connect(at);
      weft::print("child connected");
      c.recv(16);  // nothing ever comes
      weft::print("child got data");
    });
    p.start();
    pid = *p.pid();
    auto [conn, peer] = server.accept();
    p.terminate();
    p.join();
    weft::print("exitcode", *p.exitcode(), "alive", p.is_alive());
    p.terminate();  // ended: nothing
    weft::print("pid is not ours", *p.pid() != ::getpid());
  };
  const auto listed = weft::test::stdouts(weft::test::explore(body));
  const std::string end = "exitcode -15 alive False\npid is not ours True\n";
  CHECK(listed == std::set<std::string>{end, "child connected\n" + end});
  auto o = run_on(Backend::Real, body);
  CHECK(o.status == Status::Ok);
  CHECK(listed.count(o.out) == 1);
  // Reaped: no such process any more.
  CHECK(::kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

// A terminated process's sockets close as at its exit (docs/processes.md): the peer reads the
// end of stream, or a reset over bytes the child never read; the listener, inherited from the
// parent, stays open (a second child connects to it).
TEST_CASE("processes: terminate() closes the child's sockets: end of stream, or a reset",
          "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    const Address at = server.getsockname();
    weft::Process reader([at] {
      weft::Socket c;
      c.connect(at);
      c.recv(16);  // waits for ever
    });
    reader.start();
    auto [conn, peer] = server.accept();
    reader.terminate();
    reader.join();
    weft::print("reader", *reader.exitcode(), "eof", conn.recv(16).empty());
    weft::Process sleeper([at] {
      weft::Socket c;
      c.connect(at);
      weft::sleep(1000);  // never reads
    });
    sleeper.start();
    auto [conn2, peer2] = server.accept();
    conn2.sendall("hi");
    sleeper.terminate();
    sleeper.join();
    weft::print("sleeper", *sleeper.exitcode());
    print_error([&] { conn2.recv(16); });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "reader -15 eof True\n"
        "sleeper -15\n"
        "ConnectionResetError: [Errno 104] Connection reset by peer\n");
}

// A daemon child still running when the program ends is ended and reaped before the run returns.
TEST_CASE("processes: no daemon child outlives the run", "[real][process]") {
  std::atomic<int> pid{0};
  auto o = run_on(Backend::Real, [&pid] {
    weft::Process p([] {
      for (;;) weft::sleep(1);
    });
    p.set_daemon(true);
    p.start();
    pid = *p.pid();
  });
  CHECK(o.status == Status::Ok);
  CHECK(::kill(pid, 0) == -1);
  CHECK(errno == ESRCH);
}

TEST_CASE("processes: terminate() before start raises; after the end it does nothing",
          "[backends][process]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Process p([] { weft::print("child"); });
    print_error([&] { p.terminate(); });
    p.start();
    p.join();
    p.terminate();
    weft::print("exitcode", *p.exitcode(), "alive", p.is_alive());
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "RuntimeError: cannot terminate a process that was not started\n"
        "child\nexitcode 0 alive False\n");
}
