// The simulated network, explored: where recv's data may end (segmentation, bounded by
// --max-segments), which waiting accept gets a connection, backpressure, what a thread blocked
// on a socket is reported as, and the spin of a loop that ignores the end of a stream. Every
// search runs with the reduction and without it, and both must find the same outcomes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>

#include "checker/explore.hpp"
#include "primitives/detail/net_model.hpp"
#include "primitives/weft.hpp"
#include "support.hpp"

using weft::Address;
using weft::sim::Status;
using weft::test::outcome_keys;
using weft::test::run_once;
using weft::test::stdouts;
using Outs = std::set<std::string>;

namespace {

const Address kServer{"127.0.0.1", 8080};

// Explores `body` exhaustively with the reduction and without, each send cut into at most
// `segments` pieces; checks both complete with the same outcomes and returns the reduced search.
weft::checker::Report explore_both(const std::function<void()>& body, std::uint32_t segments) {
  weft::checker::Options opt;
  opt.setup.max_segments = segments;
  auto reduced = weft::checker::explore(body, opt);
  auto naive = weft::checker::explore_all(body, opt);
  CHECK(reduced.complete);
  CHECK(naive.complete);
  CHECK(outcome_keys(reduced) == outcome_keys(naive));
  return reduced;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// A server that sends `first` then `second` (if any) on the one connection it accepts, and a
// client thread that recv()s once and prints what it got.
void send_then_read_once(const std::string& first, const std::string& second) {
  weft::Socket server;
  server.bind(kServer);
  server.listen(1);
  weft::Thread t([] {
    weft::Socket c;
    c.connect(kServer);
    weft::print(c.recv(1024));
  });
  t.start();
  auto [conn, peer] = server.accept();
  conn.send(first);
  if (!second.empty()) conn.send(second);
  t.join();
}

}  // namespace

TEST_CASE("network: a send may arrive cut, at most max-segments pieces", "[socket][net]") {
  const auto body = [] { send_then_read_once("abc", ""); };
  // Connect, accept, send and recv each wait for the one before: no two threads are ever both
  // enabled, so the executions are recv's choices: where the data ends, at the cut (after a or
  // ab) or at the send's end.
  auto two = explore_both(body, 2);
  CHECK(stdouts(two) == Outs{"a\n", "ab\n", "abc\n"});
  CHECK(two.executions == 3);
  auto one = explore_both(body, 1);
  CHECK(stdouts(one) == Outs{"abc\n"});
  CHECK(one.executions == 1);
}

TEST_CASE("network: sends coalesce: one recv may return bytes of two sends", "[socket][net]") {
  auto r = explore_both([] { send_then_read_once("ab", "cd"); }, 2);
  CHECK(stdouts(r) == Outs{"a\n", "ab\n", "abc\n", "abcd\n"});
  // The second send races with the recv. Sent first: the recv may end at 1, 2, 3 or 4 bytes (4
  // executions). Received first: it ends at 1 or 2, and then the client's close races with the
  // second send (a FIN before it, or a reset after it, for bytes never read): 2 x 2. 8 in all.
  CHECK(r.executions == 8);
}

TEST_CASE("network: recv(n) returns at most n bytes; the rest stays for the next recv",
          "[socket][net]") {
  auto r = explore_both(
      [] {
        weft::Socket server;
        server.bind(kServer);
        server.listen(1);
        weft::Thread t([] {
          weft::Socket c;
          c.connect(kServer);
          const std::string a = c.recv(4);
          const std::string b = c.recv(4);
          weft::print(a, b);
        });
        t.start();
        auto [conn, peer] = server.accept();
        conn.sendall("abcdef");
        t.join();
      },
      1);
  CHECK(stdouts(r) == Outs{"abcd ef\n"});
}

TEST_CASE("network: either waiting accept may get a connection", "[socket][net]") {
  auto r = explore_both(
      [] {
        weft::Socket server;
        server.bind(kServer);
        server.listen(2);
        const auto serve = [&server](const char* name) {
          auto [conn, peer] = server.accept();
          weft::print(name, conn.recv(10));
        };
        weft::Thread a([&] { serve("A"); });
        weft::Thread b([&] { serve("B"); });
        a.start();
        b.start();
        weft::Socket x, y;
        x.connect(kServer);
        x.sendall("x");
        y.connect(kServer);
        y.sendall("y");
        a.join();
        b.join();
      },
      1);
  CHECK(stdouts(r) == Outs{"A x\nB y\n", "B y\nA x\n", "A y\nB x\n", "B x\nA y\n"});
}

TEST_CASE("network: a send waits while the peer does not read (bounded buffers)",
          "[socket][net][deadlock]") {
  auto o = run_once([] {
    weft::Socket server;
    server.bind(kServer);
    server.listen(1);
    weft::Thread t([] {
      weft::Socket c;
      c.connect(kServer);
      c.sendall(std::string(weft::detail::net::kStreamBuffer + 1, 'x'));
    });
    t.start();
    auto [conn, peer] = server.accept();
    t.join();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 2);
  CHECK(o.blocked[0].op == "join");
  CHECK(o.blocked[1].thread == "Thread-1");
  CHECK(o.blocked[1].op == "send");
  CHECK(o.blocked[1].object == "connection 127.0.0.1:60999 -> 127.0.0.1:8080");
}

TEST_CASE("network: an accept nobody can connect to is reported by what it waits for",
          "[socket][net][deadlock]") {
  auto o = run_once([] {
    weft::Socket server;
    server.bind(kServer);
    server.listen(5);
    server.accept();
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 1);
  CHECK(o.blocked[0].op == "accept");
  CHECK(o.blocked[0].object == "socket 127.0.0.1:8080");
}

TEST_CASE("network: connect waits while the backlog is full", "[socket][net]") {
  auto o = run_once([] {
    weft::Socket server;
    server.bind(kServer);
    server.listen(0);  // one connection waits to be accepted, as on Linux
    weft::Socket a, b;
    a.connect(kServer);
    b.connect(kServer);
  });
  CHECK(o.status == Status::Deadlock);
  REQUIRE(o.blocked.size() == 1);
  CHECK(o.blocked[0].op == "connect");
}

// The tutorial's handler tests `data is None`, which an empty recv never is: once the client
// has closed, recv returns b"" and send(b"") sends nothing, for ever.
TEST_CASE("network: a handler that ignores the end of the stream spins: a livelock",
          "[socket][net][livelock]") {
  const auto echo = [](bool fixed) {
    return [fixed] {
      weft::Socket server;
      server.bind(kServer);
      server.listen(5);
      weft::Thread handler([&server, fixed] {
        auto [conn, peer] = server.accept();
        for (;;) {
          const std::string data = conn.recv(1024);
          if (fixed && data.empty()) break;
          conn.send(upper(data));
        }
      });
      handler.start();
      weft::Socket client;
      client.connect(kServer);
      client.sendall("hi");
      weft::print(client.recv(1024));
      client.close();
    };
  };
  auto bug = explore_both(echo(false), 1);
  CHECK(stdouts(bug, Status::Livelock) == Outs{"HI\n"});
  CHECK(weft::test::count_status(bug, Status::Livelock) == bug.outcomes.size());
  auto fixed = explore_both(echo(true), 1);
  CHECK(stdouts(fixed) == Outs{"HI\n"});
  CHECK(fixed.outcomes.size() == 1);
}

// The scenarios. echo_client_partial's reply "HELLO" reaches the client as one send or as the
// pieces the server's recv cut "hello" into, each of which the network may cut once more: the
// client's one recv may end after any of its first 5 bytes, and nothing else varies its output.
TEST_CASE("network: echo_client_partial prints every cut of the reply", "[socket][scenario]") {
  auto r = weft::test::explore_scenario("echo_client_partial");
  CHECK(r.complete);
  CHECK(stdouts(r) == Outs{"send b'hello' -> recv b'H'\n", "send b'hello' -> recv b'HE'\n",
                           "send b'hello' -> recv b'HEL'\n", "send b'hello' -> recv b'HELL'\n",
                           "send b'hello' -> recv b'HELLO'\n"});
}

TEST_CASE("network: the seed's echo server spins after its client leaves; the fix waits in accept",
          "[socket][scenario]") {
  auto bug = weft::test::explore_scenario("echo_server_threads");
  CHECK(bug.complete);
  CHECK(stdouts(bug, Status::Livelock) == Outs{"conn1 send b'hello' -> recv b'HELLO'\n"});
  CHECK(bug.outcomes.size() == 1);
  auto fixed = weft::test::explore_scenario("echo_server_threads_fixed");
  CHECK(fixed.complete);
  CHECK(stdouts(fixed, Status::Deadlock) == Outs{"conn1 send b'hello' -> recv b'HELLO'\n"});
  REQUIRE(fixed.outcomes.size() == 1);
  const auto& blocked = fixed.outcomes[0].outcome.blocked;
  REQUIRE(blocked.size() == 3);
  CHECK(blocked[1].op == "accept");
  CHECK(blocked[1].object == "socket 127.0.0.1:8080");
}
