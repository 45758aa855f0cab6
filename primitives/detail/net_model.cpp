#include "primitives/detail/net_model.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "primitives/detail/backend.hpp"
#include "sim/state_network.hpp"

namespace weft::detail::net {

Port::Port(int n) : sim::Object("socket"), number(n) {
  set_name("127.0.0.1:" + std::to_string(n));
}

std::string Port::describe() const { return "socket " + name(); }

Network& network() {
  sim::World& w = current_world();
  if (!w.network) {
    w.network = std::make_shared<Network>();
    sim::set_network_fingerprint(&fingerprint_network);
  }
  return *static_cast<Network*>(w.network.get());
}

const std::shared_ptr<Port>& port(int number) {
  std::shared_ptr<Port>& p = network().ports[number];
  if (!p) {
    p = std::make_shared<Port>(number);
    register_object(*p);
  }
  return p;
}

Conn::Conn(int client_port, int server_port) : sim::Object("connection") {
  peer_port[0] = client_port;
  peer_port[1] = server_port;
  set_name("127.0.0.1:" + std::to_string(client_port) + " -> 127.0.0.1:" +
           std::to_string(server_port));
}

std::string Conn::describe() const { return "connection " + name(); }

int Conn::side_of(sim::ThreadId t) const {
  for (const Waiter& w : waiters)
    if (w.thread == t) return w.side;
  throw std::logic_error("[weft internal bug] no socket waiter for a thread blocked on a connection");
}

Waiting::Waiting(Conn& conn, sim::ThreadId self, int side) : conn_(conn), self_(self) {
  conn_.waiters.push_back(Conn::Waiter{self, side});
}

Waiting::~Waiting() {
  std::erase_if(conn_.waiters, [this](const Conn::Waiter& w) { return w.thread == self_; });
}

int ephemeral_port(sim::ThreadId t, int attempt) {
  // 32768-60999 is Linux's ephemeral range; 64 ports per thread keep the ranges apart.
  return 32768 + static_cast<int>(t % 400) * 64 + attempt % 64;
}

bool send_fails(const Conn& c, int side) {
  return c.pending[side] != Pending::None || c.reset[side] || c.stream[side].fin;
}

bool at_end(const Conn& c, int side) {
  const Stream& in = c.stream[1 - side];
  // A pending error is raised only once the end has been read: Linux's recv checks for the end
  // of stream (SOCK_DONE) before the socket's error.
  return in.bytes == 0 &&
         (in.fin || c.read_shut[side] || (c.reset[side] && c.pending[side] == Pending::None));
}

bool readable(const Conn& c, int side) {
  const Stream& in = c.stream[1 - side];
  return in.bytes > 0 || in.fin || c.read_shut[side] || c.reset[side] ||
         c.pending[side] != Pending::None;
}

std::vector<std::size_t> recv_lengths(const Conn& c, int side, std::size_t n) {
  std::vector<std::size_t> out;
  std::size_t pos = 0;
  for (const Chunk& chunk : c.stream[1 - side].chunks) {
    if (chunk.cuts_left > 0) {
      for (std::size_t i = 1; i < chunk.bytes.size(); ++i) {
        if (pos + i >= n) break;
        out.push_back(pos + i);
      }
    }
    pos += chunk.bytes.size();
    if (pos >= n) {
      out.push_back(n);
      return out;
    }
    out.push_back(pos);
  }
  return out;
}

std::string take(Conn& c, int side, std::size_t len, bool network_cut) {
  Stream& in = c.stream[1 - side];
  std::string got;
  while (got.size() < len) {
    Chunk& front = in.chunks.front();
    const std::size_t want = len - got.size();
    if (front.bytes.size() <= want) {
      got += front.bytes;
      in.chunks.pop_front();
      continue;
    }
    got.append(front.bytes, 0, want);
    front.bytes.erase(0, want);
    if (network_cut) --front.cuts_left;
  }
  in.bytes -= len;
  return got;
}

std::size_t room(const Conn& c, int side) { return kStreamBuffer - c.stream[side].bytes; }

void put(Conn& c, int side, std::string bytes, std::uint32_t max_segments) {
  Stream& out = c.stream[side];
  out.bytes += bytes.size();
  out.chunks.push_back(Chunk{std::move(bytes), max_segments > 0 ? max_segments - 1 : 0});
}

void reset_side(Conn& c, int side, Pending error) {
  if (c.closed[side] || c.reset[side]) return;
  c.reset[side] = true;
  c.pending[side] = error;
}

void close_side(Conn& c, int side) {
  if (c.closed[side]) return;
  c.closed[side] = true;
  Stream& unread = c.stream[1 - side];
  // Linux answers a close with bytes never read by a reset instead of a FIN (RFC 2525, 2.17).
  if (unread.bytes > 0) {
    reset_side(c, 1 - side, Pending::Reset);
  } else {
    c.stream[side].fin = true;
  }
  unread.chunks.clear();
  unread.bytes = 0;
}

std::deque<std::shared_ptr<Conn>> close_listener(Port& p) {
  p.listening = false;
  p.bound = false;
  return std::exchange(p.queue, {});
}

}  // namespace weft::detail::net
