// The simulated network's part of a state, for state caching (docs/state-caching.md, "Processes
// and the network"): each port and connection says its own as an object; the network says the
// sockets, which are no objects, and the ports bind(0) has tried.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "primitives/detail/net_model.hpp"
#include "primitives/detail/socket_state.hpp"
#include "sim/state_hash.hpp"

namespace weft::detail::net {

namespace {
constexpr std::uint64_t kGone = 0x736f636b00000001ULL;  // a socket dropped by the program

void fingerprint_stream(const Stream& s, sim::StateHasher& h) {
  h.mix(s.chunks.size());
  for (const Chunk& c : s.chunks) {
    h.mix_bytes(c.bytes);
    h.mix(c.cuts_left);  // where the network may still cut it
  }
  h.mix(s.fin);
}

// A socket's role and addresses decide what each of its calls does before any operation (a
// closed socket raises at once), and any thread holding it may call: every process it was
// shared with, every thread of the process.
void fingerprint_socket(const SocketState& s, sim::StateHasher& h) {
  h.thread(s.creator);
  h.mix(static_cast<std::uint64_t>(s.owner));
  h.mix(static_cast<std::uint64_t>(s.role));
  h.mix(std::bit_cast<std::uint64_t>(s.timeout));
  h.mix(static_cast<std::uint64_t>(s.port));
  h.mix(s.address ? static_cast<std::uint64_t>(s.address->number) : 0);
  h.mix(s.conn ? s.conn->id() : 0);
  h.mix(static_cast<std::uint64_t>(s.side));
}

}  // namespace

bool fingerprint_network(const void* network, sim::StateHasher& h) {
  const auto& n = *static_cast<const Network*>(network);
  // The ports bind(0) tries next are a function of the thread's id and of how many it tried.
  h.mix(n.ephemeral_used.size());
  for (const auto& [t, used] : n.ephemeral_used) {
    h.mix(t);
    h.mix(static_cast<std::uint64_t>(used));
  }
  // In the order they were made: a thread's own sockets come in the order it made them, which
  // its history says, so the sockets it made are the ones listed with it as their creator.
  h.mix(n.sockets.size());
  for (const std::weak_ptr<SocketState>& w : n.sockets) {
    if (const std::shared_ptr<SocketState> s = w.lock()) {
      fingerprint_socket(*s, h);
    } else {
      h.mix(kGone);
    }
  }
  return true;
}

bool Port::fingerprint(sim::StateHasher& h) const {
  h.mix(static_cast<std::uint64_t>(number));
  h.mix(bound);
  h.mix(listening);
  h.mix(backlog_room);
  h.mix(queue.size());
  for (const std::shared_ptr<Conn>& c : queue) h.mix(c->id());
  h.mix(static_cast<std::uint64_t>(clients));
  return true;
}

bool Conn::fingerprint(sim::StateHasher& h) const {
  for (int side = 0; side < 2; ++side) {
    fingerprint_stream(stream[side], h);
    h.mix(closed[side]);
    h.mix(read_shut[side]);
    h.mix(reset[side]);
    h.mix(static_cast<std::uint64_t>(pending[side]));
    h.mix(static_cast<std::uint64_t>(peer_port[side]));
  }
  // A set: side_of() finds a thread wherever it is listed.
  std::vector<std::pair<std::uint64_t, int>> waiting;
  for (const Waiter& w : waiters) waiting.emplace_back(h.word(w.thread), w.side);
  std::sort(waiting.begin(), waiting.end());
  h.mix(waiting.size());
  for (const auto& [word, side] : waiting) {
    h.mix(word);
    h.mix(static_cast<std::uint64_t>(side));
  }
  return true;
}

// What each operation's answer is a function of (docs/state-caching.md, "What a thread learns").
// Errors a call raises from its socket alone (a closed socket, one never connected) come before
// its operation: they are the socket's, in the network's part of the state.
bool Port::learned(sim::OpKind kind, sim::StateHasher& h) const {
  switch (kind) {
    case sim::OpKind::Bind:
      h.mix(bound);  // EADDRINUSE, or the port is the caller's
      return true;
    case sim::OpKind::Listen:
    case sim::OpKind::Close:
      return true;  // answer nothing
    case sim::OpKind::Connect:
      // Refused, or connected (else it timed out, at a time its history has), showing a port
      // counted from `clients`.
      h.mix(listening);
      h.mix(queue.size() < backlog_room);
      h.mix(static_cast<std::uint64_t>(clients));
      return true;
    case sim::OpKind::Accept:
      // Timed out, or the first connection waiting, whose client's address accept returns.
      h.mix(queue.size());
      if (!queue.empty()) h.mix(static_cast<std::uint64_t>(queue.front()->peer_port[0]));
      return true;
    default:
      return fingerprint(h);
  }
}

bool Conn::learned(sim::OpKind kind, sim::StateHasher& h) const {
  if (kind == sim::OpKind::Close || kind == sim::OpKind::Shutdown) return true;
  // The side of a caller waiting in a recv or send; one that is not listed (a recv at the end of
  // its stream, a send of b'') learns the whole state.
  int side = -1;
  for (const Waiter& w : waiters)
    if (w.thread == h.self()) side = w.side;
  if (side < 0 || (kind != sim::OpKind::Recv && kind != sim::OpKind::Send))
    return fingerprint(h);
  h.mix(static_cast<std::uint64_t>(side));
  h.mix(static_cast<std::uint64_t>(pending[side]));
  h.mix(reset[side]);
  if (kind == sim::OpKind::Recv) {
    // The lengths it may return and the bytes (recv_lengths, take), the end or the error.
    fingerprint_stream(stream[1 - side], h);
    h.mix(read_shut[side]);
  } else {
    // Its room (room()), its own shutdown, and a peer that closed (the bytes vanish).
    h.mix(stream[side].bytes);
    h.mix(stream[side].fin);
    h.mix(closed[1 - side]);
  }
  return true;
}

}  // namespace weft::detail::net
