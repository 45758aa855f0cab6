#include "scenarios/echo_parts.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace weft::scenarios::echo {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

const char* const kMessages[] = {"hello", "world", "bytes", "weft"};

}  // namespace

weft::Socket create_socket() {
  weft::Socket server;
  server.bind(weft::Address{"127.0.0.1", 8080});
  server.listen(5);
  return server;
}

void talk(weft::Socket conn, bool fixed) {
  for (;;) {
    // What the handler learned of earlier messages (how they were cut) is dead here: its future is
    // its connection's, which it holds from its start (docs/state-caching.md, "Declared local
    // state"). Not an operation: the seed's code is unchanged on every other search.
    weft::local_state("echo talk loop", {fixed ? 1 : 0});
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

void client(int n, int messages) {
  // The replies of earlier clients, and how they were cut, are dead here.
  weft::local_state("echo client", {n, messages});
  weft::Socket c;
  c.connect(weft::Address{"127.0.0.1", 8080});
  for (int i = 0; i < messages; ++i) {
    weft::local_state("echo client message", {n, messages, i});
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

}  // namespace weft::scenarios::echo
