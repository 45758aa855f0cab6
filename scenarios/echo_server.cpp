// Seed section 三 (基于多进程多线程实现套接字通信) as written: the listening socket is made in
// the main process, two processes both accept on it, and each connection is served by a thread
// of its own that upper-cases what it receives. Scripted clients in the main process connect one
// after another.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/echo_parts.hpp"
#include "scenarios/registry.hpp"

namespace {

using weft::scenarios::echo::client;
using weft::scenarios::echo::create_socket;
using weft::scenarios::echo::talk;

// The seed's communication(), which runs in each process. The one line it does not have tells
// which process took each connection (clients connect one at a time, so the n-th such line is
// connection n's).
void communication(weft::Socket server, bool fixed) {
  for (;;) {
    const weft::Socket conn = server.accept().first;
    weft::print(weft::current_process_name(), "accepts a connection");
    weft::Thread t([conn, fixed] { talk(conn, fixed); });
    t.start();
  }
}

void serve(const weft::Params& p, bool fixed) {
  weft::Socket server = create_socket();
  weft::Process p1(communication, server, fixed);
  weft::Process p2(communication, server, fixed);
  p1.start();
  p2.start();
  const int messages = static_cast<int>(p.get_int("messages"));
  for (int n = 1; n <= p.get_int("clients"); ++n) client(n, messages);
}

std::vector<weft::ParamSpec> params() {
  return {{.name = "clients", .default_value = "2", .help = "clients that connect, one by one",
           .min = 1, .threads_each = 1},
          {.name = "messages", .default_value = "2", .help = "messages each client sends",
           .min = 1}};
}

}  // namespace

WEFT_SCENARIO({
    .name = "echo_server",
    .summary = "the seed's socket server: two processes accept, a thread per connection",
    .description =
        "Seed section 3's socket server as written: the main process listens on "
        "127.0.0.1:8080 and starts two processes that both accept on that socket, each starting "
        "a thread per connection that upper-cases what it receives (each process prints when it "
        "accepts, so the outcomes show which process served which connection). `clients` "
        "clients in the main process connect one after another, send `messages` messages each, "
        "read the whole replies and close. The seed's handler tests `data is None`, but recv "
        "returns b'' (never None) once a client has gone: every run ends in a livelock, the "
        "handler thread (named with its process, Process-1/Thread-1) recv()ing b'' and sending "
        "b'' for ever (on CPython it burns a whole core). echo_server_fixed breaks on the empty "
        "data.",
    .params = params(),
    .expected_findings = {weft::Finding::Livelock},
    .body = [](const weft::Params& p) { serve(p, false); },
});

WEFT_SCENARIO({
    .name = "echo_server_fixed",
    .summary = "the one-line fix (break on b''): no busy loop; both processes wait in accept",
    .description =
        "echo_server with the handler breaking on empty data (`if not data: break`): no "
        "livelock. The server never stops: once every client is served, both processes wait in "
        "accept for a connection no one will make, which weft reports as a deadlock naming the "
        "accept and the address (a real run is hung there too).",
    .params = params(),
    .expected_findings = {weft::Finding::Deadlock},
    .body = [](const weft::Params& p) { serve(p, true); },
});
