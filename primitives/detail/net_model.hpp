// The simulator's network: TCP connections on 127.0.0.1 as in-memory byte streams, with the
// kernel behaviour programs meet on loopback (docs/network.md says what is modelled and what is
// left out). Every address (port) is one sim::Object: its listener and its queue of connections
// not yet accepted; every connection is another, from its connect on. Each socket operation
// declares the one object it reads or changes — binds, listens, connects and accepts their port,
// sends, recvs, shutdowns and closes their connection — so the reduction sees two clients'
// conversations as independent. A listener's close, which resets the connections it never
// accepted, is a step on its port and then one on each of those connections.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft::detail {
struct SocketState;
}

namespace weft::detail::net {

// Bytes one direction of a connection holds, sent and not yet received (the sender's and the
// receiver's buffers together): a send waits for room beyond it.
inline constexpr std::size_t kStreamBuffer = 65536;

// What a send wrote and recv has not taken yet, with how many more times the network may still
// cut it: each send may arrive in at most `max_segments` pieces.
struct Chunk {
  std::string bytes;
  std::uint32_t cuts_left;
};

// One direction of a connection.
struct Stream {
  std::deque<Chunk> chunks;
  std::size_t bytes = 0;  // in chunks
  bool fin = false;       // the writer shut down writing: after the chunks, end of stream
};

// The errno a reset leaves pending on a side, for its next send or recv to raise.
enum class Pending : std::uint8_t { None, Reset, Pipe };

// A connection: side 0 connected, side 1 accepted. Stream s is written by side s.
struct Conn : sim::Object {
  Conn(int client_port, int server_port);
  std::string describe() const override;
  Stream stream[2];
  bool closed[2] = {false, false};
  bool read_shut[2] = {false, false};  // shutdown(SHUT_RD): recv returns b''
  bool reset[2] = {false, false};      // a reset reached the side: nothing more goes out
  Pending pending[2] = {Pending::None, Pending::None};
  int peer_port[2] = {0, 0};           // the port each side's address shows
  // Threads waiting in a recv or send on it, and on which side: what the ready predicates read,
  // since an operation's predicate is given the object and thread only.
  struct Waiter {
    sim::ThreadId thread;
    int side;
  };
  std::vector<Waiter> waiters;
  int side_of(sim::ThreadId t) const;
  // Both directions with what they hold and how the network may still cut it, the ends, resets,
  // pending errors, and who waits on which side (docs/state-caching.md, "Processes and the
  // network").
  bool fingerprint(sim::StateHasher& h) const override;
  // A recv learns its side's incoming stream and errors, a send its own stream's room and errors
  // and whether the peer closed; a close or shutdown learns nothing.
  bool learned(sim::OpKind kind, sim::StateHasher& h) const override;
};

// One port of 127.0.0.1.
struct Port : sim::Object {
  explicit Port(int number);
  int number;
  bool bound = false;
  bool listening = false;
  std::size_t backlog_room = 0;              // connections the accept queue holds
  std::deque<std::shared_ptr<Conn>> queue;   // connected, not accepted yet
  int clients = 0;                           // connections made to it, for their own ports
  std::string describe() const override;
  bool fingerprint(sim::StateHasher& h) const override;
  // A bind learns whether the port is bound, a connect whether it listens and has room and which
  // port the connection shows, an accept the address of the connection it takes.
  bool learned(sim::OpKind kind, sim::StateHasher& h) const override;
};

// Lists the calling thread as waiting on `side` of `conn` while it lives.
class Waiting {
 public:
  Waiting(Conn& conn, sim::ThreadId self, int side);
  ~Waiting();
  Waiting(const Waiting&) = delete;
  Waiting& operator=(const Waiting&) = delete;

 private:
  Conn& conn_;
  sim::ThreadId self_;
};

// The network of one execution (sim::World::network).
struct Network {
  std::map<int, std::shared_ptr<Port>> ports;
  std::map<sim::ThreadId, int> ephemeral_used;  // bind(0)s made by each thread
  // Every socket made in this execution, for the terminate of the process that made it to close
  // it (sim_close_process).
  std::vector<std::weak_ptr<SocketState>> sockets;
};

// The calling execution's network, made on first use.
Network& network();
// A World::network's part of a state (net_state.cpp): its sockets and the ports bind(0) tried.
bool fingerprint_network(const void* network, sim::StateHasher& h);
// The object of port `number`, made and registered on first mention.
const std::shared_ptr<Port>& port(int number);
// The ports bind(0) tries for thread t, in order: a range of its own, so that which port a
// thread gets does not depend on what other threads bound before it.
int ephemeral_port(sim::ThreadId t, int attempt);

// Whether a recv on `side` may return now: bytes, the end of stream, or an error.
bool readable(const Conn& c, int side);
// The lengths a recv(n) on `side` may return, ascending: every place where the arrived bytes
// may end (a send's end, or a cut the sending side's budget still allows) below n, and n itself
// when that many have arrived. Empty when no byte has.
std::vector<std::size_t> recv_lengths(const Conn& c, int side, std::size_t n);
// Takes the first `len` bytes the other side sent; a chunk cut short keeps the rest, with one
// cut less when the cut was the network's (not recv's own limit n).
std::string take(Conn& c, int side, std::size_t len, bool network_cut);
// Room for bytes `side` sends.
std::size_t room(const Conn& c, int side);
// Appends bytes `side` sent, which the network may cut `max_segments - 1` times.
void put(Conn& c, int side, std::string bytes, std::uint32_t max_segments);
// `side` closes: a FIN after its bytes, or a reset when bytes it never read remain.
void close_side(Conn& c, int side);
// A listening port closes: it returns the connections it never accepted, which the caller resets
// (reset_side(*c, 0, Pending::Reset)), each in a step on the connection.
std::deque<std::shared_ptr<Conn>> close_listener(Port& p);
// A reset reaches `side`: what it sends from now on fails, its next call raises `error` (once
// the bytes that arrived before the reset are read).
void reset_side(Conn& c, int side, Pending error);
// Whether a send on `side` fails now (an error pending, a reset, or its own shutdown).
bool send_fails(const Conn& c, int side);
// Whether a recv on `side` returns b"" whatever happens next: the stream ended and was read.
bool at_end(const Conn& c, int side);

}  // namespace weft::detail::net
