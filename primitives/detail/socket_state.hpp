// What a weft::Socket refers to, and the two backends' socket calls: net_sim.cpp on the simulated
// network, net_real.cpp on real loopback. socket.cpp chooses between them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "primitives/detail/net_model.hpp"
#include "primitives/socket.hpp"

namespace weft::detail {

struct SocketState {
  enum class Role : std::uint8_t { Fresh, Bound, Listening, Connected, Closed };
  explicit SocketState(bool on_sim) : sim(on_sim) {}
  ~SocketState();  // closes the socket unless it was
  SocketState(const SocketState&) = delete;
  SocketState& operator=(const SocketState&) = delete;

  const bool sim;     // made on the simulator (else on real threads)
  Role role = Role::Fresh;
  double timeout = -1;  // settimeout's, negative for none
  int port = 0;         // Bound, Listening: the program's port number

  // The simulator: the address bound or connected to (its object is every operation's), and the
  // connection with this socket's side of it.
  std::shared_ptr<net::Port> address;
  std::shared_ptr<net::Conn> conn;
  int side = 0;
  // The simulator: the process that made it (its current_process_key()); its terminate closes it.
  int owner = 1;
  // The simulator: the thread that made it (socket() or accept()), which names it in a state's
  // fingerprint (net::fingerprint_network).
  sim::ThreadId creator = sim::kNoThread;

  // Real threads: the file descriptor (non-blocking: waits are polls that notice the program's
  // end).
  int fd = -1;
};

// Raises the Python exception of a socket call that failed with `err` (an errno value), with
// Python's message "[Errno N] text".
[[noreturn]] void raise_errno(int err);
// Raises SocketTimeout, or BlockingIOError for a socket whose timeout is 0.
[[noreturn]] void raise_timeout(const SocketState& s);

namespace net {
// The calls on the simulated network (net_sim.cpp). `site`: the caller's code location.
void sim_bind(SocketState& s, int port);
void sim_listen(SocketState& s, int backlog);
std::shared_ptr<SocketState> sim_accept(SocketState& s, Address& peer);
void sim_connect(SocketState& s, int port);
std::string sim_recv(SocketState& s, std::size_t n, const void* site);
std::size_t sim_send(SocketState& s, std::string_view data, const void* site);
void sim_shutdown(SocketState& s, Shut how);
void sim_close(SocketState& s);
// A socket made on the simulator: listed, with the calling process as its owner.
void sim_opened(const std::shared_ptr<SocketState>& s);
// Process `pid` was terminated: each socket it made that is open closes, as the kernel closes a
// dead process's descriptors (a FIN, or a reset over unread bytes), each close a step of the
// caller's on its socket's object.
void sim_close_process(int pid);

// The calls on real loopback (net_real.cpp).
void real_open(SocketState& s);
void real_bind(SocketState& s, int port);
void real_listen(SocketState& s, int backlog);
std::shared_ptr<SocketState> real_accept(SocketState& s, Address& peer);
void real_connect(SocketState& s, int port);
std::string real_recv(SocketState& s, std::size_t n);
std::size_t real_send(SocketState& s, std::string_view data);
void real_shutdown(SocketState& s, Shut how);
void real_close(SocketState& s);
}  // namespace net

}  // namespace weft::detail
