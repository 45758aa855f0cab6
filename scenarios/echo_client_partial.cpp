// Not in the seed: the framing bug every socket program meets. TCP is a byte stream, not a
// stream of messages, so a client that reads its reply with one recv may get part of it.
#include <algorithm>
#include <cctype>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

// The server's side: upper-cases what it receives until the client goes.
void echo_upper(weft::Socket& server) {
  auto [conn, addr] = server.accept();
  try {
    for (std::string data = conn.recv(1024); !data.empty(); data = conn.recv(1024))
      conn.sendall(upper(data));
  } catch (const weft::ConnectionError&) {
    // the client closed with the rest of the reply unread: its close was a reset
  }
  conn.close();
}

}  // namespace

WEFT_SCENARIO({
    .name = "echo_client_partial",
    .summary = "a client that reads once: the cut reply TCP segmentation allows",
    .description =
        "A server thread upper-cases what it receives; the client (MainThread) sends `message`, "
        "calls recv(1024) once and takes what it gets for the whole reply, as if TCP kept "
        "messages whole. It does not: the network may cut a send into segments (at most "
        "--max-segments per send) and recv returns what has arrived. Look for the outcomes "
        "where the client prints a cut reply (b'HE' for hello); `weft replay` of such an "
        "outcome's trace shows the recv that returned it and the network's choice of where its "
        "data ended. On real loopback a short reply practically always arrives whole: the bug "
        "hides there, and shows on a real network.",
    .params = {{.name = "message",
                .type = weft::ParamSpec::Type::String,
                .default_value = "hello",
                .help = "what the client sends"}},
    .body =
        [](const weft::Params& p) {
          const std::string message = p.get_string("message");
          weft::Socket server;
          server.bind(weft::Address{"127.0.0.1", 8080});
          server.listen(5);
          weft::Thread handler([&server] { echo_upper(server); });
          handler.start();
          weft::Socket client;
          client.connect(weft::Address{"127.0.0.1", 8080});
          client.sendall(message);
          const std::string reply = client.recv(1024);  // the bug: one recv for the reply
          weft::print("send", weft::bytes_repr(message), "-> recv", weft::bytes_repr(reply));
          client.close();
          handler.join();
        },
});
