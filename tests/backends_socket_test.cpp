// Sockets behave the same on the simulated network and on real loopback: each body runs on both
// backends. Events sequence the two ends wherever the outcome would otherwise depend on timing,
// and every recv asks for more than the peer sent, so that what it returns does not depend on
// segmentation (the simulator's first schedule takes every byte that arrived, as loopback does).
#include <catch2/catch.hpp>

#include "backends.hpp"
#include "primitives/weft.hpp"

using weft::Address;
using weft::sim::Status;
using weft::test::Backend;
using weft::test::print_error;
using weft::test::run_on;

namespace {

// A listening socket on a free port, and its address.
weft::Socket listener(int backlog = 1) {
  weft::Socket s;
  s.bind(Address{"127.0.0.1", 0});
  s.listen(backlog);
  return s;
}

}  // namespace

TEST_CASE("sockets: an echo round trip, then the end of the stream", "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    weft::Thread t([&] {
      auto [conn, peer] = server.accept();
      const std::string data = conn.recv(1024);
      conn.sendall("<" + data + ">");
      conn.close();
    });
    t.start();
    weft::Socket client;
    client.connect(server.getsockname());
    weft::print("sent", client.send("hello"));
    weft::print("got", client.recv(1024));
    weft::print("end", client.recv(1024).empty());
    t.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "sent 5\ngot <hello>\nend True\n");
}

TEST_CASE("sockets: connecting to a port nobody listens on is refused", "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket bound;  // bound, never listening
    bound.bind(Address{"127.0.0.1", 0});
    print_error([&] { weft::Socket().connect(bound.getsockname()); });
    print_error([] { weft::Socket().connect(Address{"127.0.0.1", 8089}); });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "ConnectionRefusedError: [Errno 111] Connection refused\n"
        "ConnectionRefusedError: [Errno 111] Connection refused\n");
}

TEST_CASE("sockets: binding a port twice: address in use", "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket first;
    first.bind(Address{"127.0.0.1", 8088});
    print_error([&] { weft::Socket().bind(first.getsockname()); });
    first.close();
    weft::Socket again;  // free once the first is closed
    again.bind(Address{"127.0.0.1", 8088});
    weft::print("bound again");
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "OSError: [Errno 98] Address already in use\nbound again\n");
}

TEST_CASE("sockets: close with unread data resets the peer", "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    weft::Event sent, closed;
    weft::Thread t([&] {
      auto [conn, peer] = server.accept();
      sent.wait();
      conn.close();  // "abc" never read: a reset, not a FIN
      closed.set();
    });
    t.start();
    weft::Socket client;
    client.connect(server.getsockname());
    client.sendall("abc");
    sent.set();
    closed.wait();
    print_error([&] { client.recv(1024); });
    weft::print("then", client.recv(1024).empty());
    print_error([&] { client.send("x"); });
    t.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "ConnectionResetError: [Errno 104] Connection reset by peer\n"
        "then True\n"
        "BrokenPipeError: [Errno 32] Broken pipe\n");
}

TEST_CASE("sockets: a send after the peer closed succeeds once, then the pipe is broken",
          "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    weft::Thread t([&] {
      auto [conn, peer] = server.accept();
      conn.close();
    });
    t.start();
    weft::Socket client;
    client.connect(server.getsockname());
    weft::print("eof", client.recv(1024).empty());  // the FIN arrived: the peer has closed
    weft::print("sent", client.send("x"));
    // The peer's kernel answers "x" with a reset; on a loaded machine it may not be back before
    // the next call. 20 virtual seconds (20 ms at the real backend's time scale here) let it
    // arrive; the simulator delivers it meanwhile too.
    weft::sleep(20);
    print_error([&] { client.send("y"); });
    weft::print("eof", client.recv(1024).empty());
    t.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "eof True\nsent 1\nBrokenPipeError: [Errno 32] Broken pipe\neof True\n");
}

TEST_CASE("sockets: calls on a closed or unconnected socket raise OSError", "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket s;
    print_error([&] { s.recv(10); });
    print_error([&] { s.accept(); });
    s.close();
    s.close();  // twice: nothing
    print_error([&] { s.send("x"); });
    print_error([&] { s.connect(Address{"127.0.0.1", 8087}); });
    print_error([] { weft::Socket().bind(Address{"10.0.0.1", 80}); });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "OSError: [Errno 107] Transport endpoint is not connected\n"
        "OSError: [Errno 22] Invalid argument\n"
        "OSError: [Errno 9] Bad file descriptor\n"
        "OSError: [Errno 9] Bad file descriptor\n"
        "OSError: [Errno 99] Cannot assign requested address\n");
}

TEST_CASE("sockets: timeouts: socket.timeout, and BlockingIOError with timeout 0",
          "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    server.settimeout(0.5);
    print_error([&] { server.accept(); });
    weft::Socket client;
    client.connect(server.getsockname());
    auto [conn, peer] = server.accept();
    conn.settimeout(0);
    print_error([&] { conn.recv(10); });
    client.settimeout(1);
    print_error([&] { client.recv(10); });
    weft::print(client.gettimeout(), conn.gettimeout(), peer.host);
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "TimeoutError: timed out\n"
        "BlockingIOError: [Errno 11] Resource temporarily unavailable\n"
        "TimeoutError: timed out\n"
        "1.0 0.0 127.0.0.1\n");
}

TEST_CASE("sockets: shutdown(SHUT_WR) ends the peer's stream; the other way still works",
          "[backends][socket]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Socket server = listener();
    weft::Thread t([&] {
      auto [conn, peer] = server.accept();
      std::string all;
      for (std::string d = conn.recv(100); !d.empty(); d = conn.recv(100)) all += d;
      conn.sendall("got " + all);
    });
    t.start();
    weft::Socket client;
    client.connect(server.getsockname());
    client.sendall("ping");
    client.shutdown(weft::Shut::WR);
    print_error([&] { client.send("more"); });
    weft::print(client.recv(100));
    t.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "BrokenPipeError: [Errno 32] Broken pipe\ngot ping\n");
}
