// Seed section 三 (基于多进程多线程实现套接字通信), with threads where the seed starts
// processes: the listening socket is shared by two acceptor threads, each connection is served
// by a thread of its own, and scripted clients talk to it.
#include <algorithm>
#include <cctype>
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

weft::Socket create_socket() {
  weft::Socket server;
  server.bind(weft::Address{"127.0.0.1", 8080});
  server.listen(5);
  return server;
}

// The seed's talk(): `if data is None: break` never breaks, since recv returns b"" (never None)
// once the client has gone: the fixed version breaks on the empty data.
void talk(weft::Socket conn, bool fixed) {
  for (;;) {
    try {
      const std::string data = conn.recv(1024);
      if (fixed && data.empty()) break;  // the seed: `if data is None: break`
      conn.send(upper(data));
    } catch (const weft::ConnectionError&) {
      break;
    }
  }
  conn.close();
}

void communication(weft::Socket server, bool fixed) {
  for (;;) {
    // The seed's `conn, addr = server.accept()`; not a structured binding, which a lambda cannot
    // capture before C++20 compilers caught up (clang 14 refuses it).
    const weft::Socket conn = server.accept().first;
    weft::Thread t([conn, fixed] { talk(conn, fixed); });
    t.start();
  }
}

const char* const kMessages[] = {"hello", "world", "bytes", "weft"};

// Client n: sends each message, reads until the whole reply is in, prints, closes.
void client(int n, int messages) {
  weft::Socket c;
  c.connect(weft::Address{"127.0.0.1", 8080});
  for (int i = 0; i < messages; ++i) {
    const std::string message = kMessages[i % 4];
    c.sendall(message);
    std::string reply;
    while (reply.size() < message.size()) {
      const std::string d = c.recv(1024);
      if (d.empty()) break;
      reply += d;
    }
    weft::print("conn" + std::to_string(n), "send", weft::bytes_repr(message), "-> recv",
                weft::bytes_repr(reply));
  }
  c.close();
}

void serve(const weft::Params& p, bool fixed) {
  weft::Socket server = create_socket();
  weft::Thread p1([server, fixed] { communication(server, fixed); });
  weft::Thread p2([server, fixed] { communication(server, fixed); });
  p1.start();
  p2.start();
  const int messages = static_cast<int>(p.get_int("messages"));
  for (int n = 1; n <= p.get_int("clients"); ++n) {
    weft::Thread c([n, messages] { client(n, messages); });
    c.start();
  }
}

std::vector<weft::ParamSpec> params() {
  return {{.name = "clients", .default_value = "1", .help = "clients that connect", .min = 1,
           .threads_each = 2},
          {.name = "messages", .default_value = "1", .help = "messages each client sends",
           .min = 1}};
}

}  // namespace

WEFT_SCENARIO({
    .name = "echo_server_threads",
    .summary = "two acceptor threads and a thread per connection: the busy loop on disconnect",
    .description =
        "Seed section 3's socket server, with two acceptor threads where the seed starts two "
        "processes: both accept on one listening socket on 127.0.0.1:8080 and start a thread per "
        "connection that upper-cases what it receives. `clients` client threads each send "
        "`messages` messages, read the whole reply and close. The seed's handler tests `data is "
        "None`, but recv returns b'' (never None) once a client has gone: look for the livelock, "
        "where the handler thread recv()s b'' and sends b'' for ever (on CPython it burns a "
        "whole core). echo_server_threads_fixed breaks on the empty data.",
    .params = params(),
    .expected_findings = {weft::Finding::Livelock},
    .body = [](const weft::Params& p) { serve(p, false); },
});

WEFT_SCENARIO({
    .name = "echo_server_threads_fixed",
    .summary = "the one-line fix (break on b''): no busy loop; the server waits in accept",
    .description =
        "echo_server_threads with the handler breaking on empty data (`if not data: break`): "
        "no livelock. The server never stops: once every client is served, both acceptor "
        "threads wait in accept for a connection no one will make, which weft reports as a "
        "deadlock naming the accept and the address (a real run is hung there too).",
    .params = params(),
    .expected_findings = {weft::Finding::Deadlock},
    .body = [](const weft::Params& p) { serve(p, true); },
});
