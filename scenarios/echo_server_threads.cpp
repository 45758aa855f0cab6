// Seed section 三 (基于多进程多线程实现套接字通信), with threads where the seed starts
// processes: the listening socket is shared by two acceptor threads, each connection is served
// by a thread of its own, and scripted clients talk to it.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/echo_parts.hpp"
#include "scenarios/registry.hpp"

namespace {

using weft::scenarios::echo::client;
using weft::scenarios::echo::create_socket;
using weft::scenarios::echo::talk;

void communication(weft::Socket server, bool fixed) {
  for (;;) {
    // The seed's `conn, addr = server.accept()`; not a structured binding, which a lambda cannot
    // capture before C++20 compilers caught up (clang 14 refuses it).
    const weft::Socket conn = server.accept().first;
    weft::Thread t([conn, fixed] { talk(conn, fixed); });
    t.start();
  }
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
