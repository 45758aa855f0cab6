// Python's socket module for TCP on 127.0.0.1: socket(), bind, listen, accept, connect, recv,
// send, sendall, shutdown, close, settimeout. On the simulator the network is in memory
// (primitives/detail/net_model.hpp) and its choices are explored; on real threads these are real
// sockets on loopback. Copies share one socket, as Python references do; the socket closes when
// close() is called or its last copy goes (Python's `with socket() as s:` is a C++ scope).
// Errors are Python's: ConnectionRefusedError, ConnectionResetError, BrokenPipeError, OSError
// (address in use, bad file descriptor), SocketTimeout (socket.timeout), BlockingIOError.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace weft {

// An address ('127.0.0.1', 8080). Only loopback exists: "127.0.0.1", "localhost" or "" (any
// address, which is loopback here).
struct Address {
  std::string host = "127.0.0.1";
  int port = 0;
  bool operator==(const Address&) const = default;
};
// As Python prints the tuple: ('127.0.0.1', 8080).
std::ostream& operator<<(std::ostream& os, const Address& a);

// socket.SHUT_RD, SHUT_WR, SHUT_RDWR.
enum class Shut { RD = 0, WR = 1, RDWR = 2 };

namespace detail {
struct SocketState;
}

class Socket {
 public:
  // socket.socket(AF_INET, SOCK_STREAM): a new TCP socket, blocking (no timeout).
  Socket();

  // Gives the socket its address; port 0 takes a free one. OSError "Address already in use"
  // when another socket holds the port.
  void bind(const Address& address);
  // Starts accepting connections; at most `backlog` + 1 wait to be accepted (as on Linux).
  void listen(int backlog = 128);
  // Waits for a connection and returns the connected socket and the peer's address.
  std::pair<Socket, Address> accept();
  // Connects to `address`: ConnectionRefusedError when nobody listens there. Waits while the
  // listener's backlog is full.
  void connect(const Address& address);
  // Up to n bytes; b"" (an empty string) once the peer has shut down writing. Waits for data.
  // Never inlined: the return address names the calling line, and a recv that returns b"" from
  // one line again and again is how weft tells the spin of a loop that ignores the end.
  [[gnu::noinline]] std::string recv(std::size_t n);
  // Sends the bytes, waiting for room while the peer does not read; returns how many were sent
  // (fewer only when a timeout or an error cut the send short). BrokenPipeError once the
  // connection is shut down. Never inlined, as recv.
  [[gnu::noinline]] std::size_t send(std::string_view data);
  // Sends every byte (send until done).
  void sendall(std::string_view data);
  // Shuts down reading (recv returns b""), writing (the peer's recv returns b"") or both.
  void shutdown(Shut how);
  // Closes the socket: a FIN to the peer, or a reset when bytes it never read remain. Closing
  // twice does nothing; any other call on a closed socket raises OSError "Bad file descriptor".
  void close();
  // Seconds blocking calls wait before raising SocketTimeout; negative: no limit (None); 0:
  // never wait (BlockingIOError).
  void settimeout(double seconds);
  double gettimeout() const;
  // The address the socket is bound to (port 0 before bind).
  Address getsockname() const;

  // The shared state, for the backends.
  const std::shared_ptr<detail::SocketState>& state() const { return s_; }

 private:
  explicit Socket(std::shared_ptr<detail::SocketState> s) : s_(std::move(s)) {}
  std::shared_ptr<detail::SocketState> s_;
};

// socket.socket(): Socket().
Socket socket();

// Python's repr of bytes: b'HELLO', b'it\'s', b'\x00\n'.
std::string bytes_repr(std::string_view bytes);

}  // namespace weft
