// weft::Socket: the checks both backends share, then the simulated network (net_sim.cpp) or
// real loopback (net_real.cpp), whichever runs the calling thread.
#include "primitives/socket.hpp"

#include <cerrno>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/socket_state.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"

namespace weft {

namespace detail {

namespace {

// Python's text for the errors socket calls meet, as glibc spells them (the same on both
// backends, whatever the host's C library says).
const char* error_text(int err) {
  switch (err) {
    case EPIPE: return "Broken pipe";
    case EAGAIN: return "Resource temporarily unavailable";
    case EBADF: return "Bad file descriptor";
    case EINVAL: return "Invalid argument";
    case EADDRINUSE: return "Address already in use";
    case EADDRNOTAVAIL: return "Cannot assign requested address";
    case ECONNRESET: return "Connection reset by peer";
    case EISCONN: return "Transport endpoint is already connected";
    case ENOTCONN: return "Transport endpoint is not connected";
    case ECONNREFUSED: return "Connection refused";
    default: return "Socket error";
  }
}

}  // namespace

void raise_errno(int err) {
  const std::string m = "[Errno " + std::to_string(err) + "] " + error_text(err);
  switch (err) {
    case ECONNREFUSED: throw ConnectionRefusedError(m);
    case ECONNRESET: throw ConnectionResetError(m);
    case EPIPE: throw BrokenPipeError(m);
    case EAGAIN: throw BlockingIOError(m);
    default: throw OSError(m);
  }
}

void raise_timeout(const SocketState& s) {
  if (s.timeout == 0) raise_errno(EAGAIN);
  throw SocketTimeout();
}

SocketState::~SocketState() {
  if (role == Role::Closed) return;
  // A socket dropped outside any execution (kept past its search) has nothing left to tell, nor
  // one dropped once its execution has ended: the outcome is taken and the network goes with it.
  // The runtime lets go of the threads' records (a process's target holding a socket) on no
  // program thread, where no operation could run.
  if (this->sim) {
    const sim::Runtime* rt = sim::Runtime::current();
    if (rt == nullptr || rt->ended()) return;
  } else if (fd < 0) {
    return;
  }
  try {
    this->sim ? net::sim_close(*this) : net::real_close(*this);
  } catch (const sim::Abandoned&) {
  }
}

}  // namespace detail

namespace {

bool on_sim() {
  if (sim::Runtime::current() != nullptr) return true;
  if (detail::RealBackend::current() == nullptr) detail::no_backend();
  return false;
}

// The port of a loopback address; OSError for any other host.
int loopback_port(const Address& a) {
  if (a.host != "127.0.0.1" && a.host != "localhost" && !a.host.empty())
    detail::raise_errno(EADDRNOTAVAIL);
  if (a.port < 0 || a.port > 65535) throw OverflowError("bind(): port must be 0-65535.");
  return a.port;
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Address& a) {
  return os << "('" << a.host << "', " << a.port << ")";
}

Socket::Socket() : s_(std::make_shared<detail::SocketState>(on_sim())) {
  if (s_->sim) {
    detail::net::sim_opened(s_);
  } else {
    detail::net::real_open(*s_);
  }
}

Socket socket() { return Socket(); }

std::string bytes_repr(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "b'";
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += '\'';
  return out;
}

void Socket::bind(const Address& address) {
  const int port = loopback_port(address);
  s_->sim ? detail::net::sim_bind(*s_, port) : detail::net::real_bind(*s_, port);
}

void Socket::listen(int backlog) {
  s_->sim ? detail::net::sim_listen(*s_, backlog) : detail::net::real_listen(*s_, backlog);
}

std::pair<Socket, Address> Socket::accept() {
  Address peer;
  auto s = s_->sim ? detail::net::sim_accept(*s_, peer) : detail::net::real_accept(*s_, peer);
  return {Socket(std::move(s)), peer};
}

void Socket::connect(const Address& address) {
  const int port = loopback_port(address);
  s_->sim ? detail::net::sim_connect(*s_, port) : detail::net::real_connect(*s_, port);
}

std::string Socket::recv(std::size_t n) {
  if (s_->sim) return detail::net::sim_recv(*s_, n, WEFT_CALL_SITE());
  return detail::net::real_recv(*s_, n);
}

std::size_t Socket::send(std::string_view data) {
  if (s_->sim) return detail::net::sim_send(*s_, data, WEFT_CALL_SITE());
  return detail::net::real_send(*s_, data);
}

void Socket::sendall(std::string_view data) {
  std::size_t sent = 0;
  do {
    sent += s_->sim ? detail::net::sim_send(*s_, data.substr(sent), nullptr)
                    : detail::net::real_send(*s_, data.substr(sent));
  } while (sent < data.size());
}

void Socket::shutdown(Shut how) {
  s_->sim ? detail::net::sim_shutdown(*s_, how) : detail::net::real_shutdown(*s_, how);
}

void Socket::close() { s_->sim ? detail::net::sim_close(*s_) : detail::net::real_close(*s_); }

void Socket::settimeout(double seconds) {
  detail::reject_nan(seconds);
  if (detail::too_large(seconds)) detail::timeout_too_large();
  s_->timeout = seconds < 0 ? -1 : seconds;
}

double Socket::gettimeout() const { return s_->timeout; }

Address Socket::getsockname() const { return Address{"127.0.0.1", s_->port}; }

}  // namespace weft
