// Socket calls on real loopback. Each starts as a visible operation (the real backend's hook and
// its end check); a call that may wait polls its file descriptor outside the backend's lock, in
// short slices, so that a thread blocked in accept or recv unwinds when the program ends.
//
// Port numbers are the program's: bind(8080) takes the real port 8080 when it is free and a
// free ephemeral port when it is not (another run holds it, or its TIME_WAIT lingers), and
// connect(8080) goes to whichever real port the execution's bind(8080) got. Parallel runs never
// meet. A connect to a port the execution never bound goes to a real port bound but not
// listening, whose refusal is the kernel's own.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <map>
#include <mutex>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/socket_state.hpp"

namespace weft::detail::net {

using Role = SocketState::Role;
using Clock = std::chrono::steady_clock;

namespace {

// The execution's ports (sim::World::network on real threads): the program's number -> real.
struct RealPorts {
  std::map<int, int> real;
  std::map<int, const SocketState*> holder;  // by the program's number, while bound
};

RealPorts& ports(RealBackend& b) {
  if (!b.world.network) b.world.network = std::make_shared<RealPorts>();
  return *static_cast<RealPorts*>(b.world.network.get());
}

// The visible operation a call starts with.
RealBackend& step(sim::OpKind kind) {
  Gate g(kind, sim::Access::Read, nullptr);
  return *g.real();
}

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

int local_port(int fd) {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  return ntohs(a.sin_port);
}

int bind_to(int fd, int port) {
  const sockaddr_in a = loopback(port);
  return ::bind(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0 ? 0 : errno;
}

int new_fd() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) raise_errno(errno);
  return fd;
}

// Waits until `fd` is ready for `events`: false when the socket's timeout passed first. Throws
// sim::Abandoned once the program has ended.
bool wait_fd(RealBackend& b, const SocketState& s, short events) {
  Clock::time_point deadline = Clock::time_point::max();
  {
    std::lock_guard<std::mutex> lock(b.mu);
    if (s.timeout >= 0) deadline = b.deadline_after(s.timeout);
  }
  for (;;) {
    pollfd p{s.fd, events, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    const int slice = static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, 20));
    if (::poll(&p, 1, slice) > 0) return true;
    {
      std::lock_guard<std::mutex> lock(b.mu);
      if (b.ended()) throw sim::Abandoned{};
    }
    if (Clock::now() >= deadline) return false;
  }
}

}  // namespace

void real_open(SocketState& s) { s.fd = new_fd(); }

void real_bind(SocketState& s, int port) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Fresh) raise_errno(EINVAL);
  Gate g(sim::OpKind::Bind, sim::Access::Write, nullptr);
  RealPorts& table = ports(*g.real());
  int err = 0;
  if (port != 0 && table.holder.count(port) != 0) {
    err = bind_to(s.fd, table.real[port]);  // held in this execution: the kernel refuses
  } else if (port == 0 || (err = bind_to(s.fd, port)) == EADDRINUSE || err == EACCES) {
    err = bind_to(s.fd, 0);
  }
  if (err != 0) raise_errno(err);
  const int real = local_port(s.fd);
  s.port = port == 0 ? real : port;
  table.real[s.port] = real;
  table.holder[s.port] = &s;
  s.role = Role::Bound;
}

void real_listen(SocketState& s, int backlog) {
  if (s.role == Role::Fresh) real_bind(s, 0);
  if (s.role != Role::Bound && s.role != Role::Listening) raise_errno(EINVAL);
  step(sim::OpKind::Listen);
  if (::listen(s.fd, std::max(backlog, 0)) != 0) raise_errno(errno);
  s.role = Role::Listening;
}

std::shared_ptr<SocketState> real_accept(SocketState& s, Address& peer) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Listening) raise_errno(EINVAL);
  RealBackend& b = step(sim::OpKind::Accept);
  for (;;) {
    if (!wait_fd(b, s, POLLIN)) raise_timeout(s);
    sockaddr_in a{};
    socklen_t len = sizeof a;
    const int fd = ::accept4(s.fd, reinterpret_cast<sockaddr*>(&a), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) continue;  // another took it
    if (fd < 0) raise_errno(errno);
    auto accepted = std::make_shared<SocketState>(false);
    accepted->fd = fd;
    accepted->role = Role::Connected;
    peer = Address{"127.0.0.1", ntohs(a.sin_port)};
    return accepted;
  }
}

void real_connect(SocketState& s, int port) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role == Role::Connected) raise_errno(EISCONN);
  if (s.role == Role::Listening) raise_errno(EINVAL);
  int target = 0;
  int refuser = -1;  // a socket bound and not listening: connecting to it is refused
  RealBackend* b = nullptr;
  {
    Gate g(sim::OpKind::Connect, sim::Access::Read, nullptr);
    b = g.real();
    RealPorts& table = ports(*b);
    if (auto it = table.real.find(port); it != table.real.end() && table.holder.count(port)) {
      target = it->second;
    } else {
      refuser = new_fd();
      bind_to(refuser, 0);
      target = local_port(refuser);
    }
  }
  const sockaddr_in a = loopback(target);
  int err = ::connect(s.fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0 ? 0 : errno;
  if (err == EINPROGRESS) {
    const bool done = wait_fd(*b, s, POLLOUT);
    socklen_t len = sizeof err;
    if (done) getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (!done) err = -1;
  }
  if (refuser >= 0) ::close(refuser);
  if (err == -1) raise_timeout(s);
  if (err != 0) raise_errno(err);
  s.role = Role::Connected;
}

std::string real_recv(SocketState& s, std::size_t n) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Connected) raise_errno(ENOTCONN);
  RealBackend& b = step(sim::OpKind::Recv);
  std::string buf(n, '\0');
  for (;;) {
    if (n > 0 && !wait_fd(b, s, POLLIN)) raise_timeout(s);
    const ssize_t got = ::recv(s.fd, buf.data(), n, 0);
    if (got >= 0) {
      buf.resize(static_cast<std::size_t>(got));
      return buf;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) raise_errno(errno);
  }
}

std::size_t real_send(SocketState& s, std::string_view data) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Connected) raise_errno(ENOTCONN);
  RealBackend& b = step(sim::OpKind::Send);
  std::size_t sent = 0;
  do {
    const ssize_t k = ::send(s.fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (k >= 0) {
      sent += static_cast<std::size_t>(k);
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      if (sent > 0) return sent;
      raise_errno(errno);
    }
    if (!wait_fd(b, s, POLLOUT)) {
      if (sent > 0) return sent;
      raise_timeout(s);
    }
  } while (sent < data.size());
  return sent;
}

void real_shutdown(SocketState& s, Shut how) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  step(sim::OpKind::Shutdown);
  if (::shutdown(s.fd, static_cast<int>(how)) != 0) raise_errno(errno);
}

void real_close(SocketState& s) {
  const Role role = std::exchange(s.role, Role::Closed);
  if (role == Role::Closed) return;
  if (RealBackend::current() != nullptr) {
    Gate g(sim::OpKind::Close, sim::Access::Write, nullptr);
    RealPorts& table = ports(*g.real());
    if (auto it = table.holder.find(s.port); it != table.holder.end() && it->second == &s)
      table.holder.erase(it);
  }
  ::close(std::exchange(s.fd, -1));
}

}  // namespace weft::detail::net
