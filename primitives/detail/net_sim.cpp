// Socket calls on the simulated network. Each is one visible operation on its address's object
// (a send that waits for room in between is several); which waiting accept gets a connection is
// the scheduler's choice, and where the bytes a recv returns end is the network's (a Value
// decision, explored and recorded like choose()).
#include <cerrno>
#include <memory>
#include <vector>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/process_state.hpp"
#include "primitives/detail/socket_state.hpp"
#include "primitives/errors.hpp"

namespace weft::detail::net {

using Role = SocketState::Role;
using sim::Access;
using sim::OpKind;

namespace {

const Port& port_of(const sim::Object* o) { return *static_cast<const Port*>(o); }

bool can_accept(const sim::Object* o, sim::ThreadId) { return !port_of(o).queue.empty(); }

bool can_connect(const sim::Object* o, sim::ThreadId) {
  const Port& p = port_of(o);
  return !p.listening || p.queue.size() < p.backlog_room;
}

const Conn& conn_of(const sim::Object* o) { return *static_cast<const Conn*>(o); }

bool can_recv(const sim::Object* o, sim::ThreadId self) {
  const Conn& c = conn_of(o);
  return readable(c, c.side_of(self));
}

bool can_send(const sim::Object* o, sim::ThreadId self) {
  const Conn& c = conn_of(o);
  const int side = c.side_of(self);
  return room(c, side) > 0 || send_fails(c, side) || c.closed[1 - side];
}

Mode wait_mode(const SocketState& s) { return s.timeout < 0 ? Mode::Block : Mode::Timed; }

sim::ThreadId self() { return sim::Runtime::current()->self(); }

void connected_or_raise(const SocketState& s) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Connected) raise_errno(ENOTCONN);
}

// Raises what a send on `side` meets, clearing a pending error (reported once, as Linux does).
[[noreturn]] void raise_send_error(Conn& c, int side) {
  const Pending p = std::exchange(c.pending[side], Pending::None);
  raise_errno(p == Pending::Reset ? ECONNRESET : EPIPE);
}

}  // namespace

void sim_bind(SocketState& s, int number) {
  if (number != 0) {
    const std::shared_ptr<Port>& p = port(number);
    Gate g(OpKind::Bind, Access::Write, p.get());
    if (p->bound) raise_errno(EADDRINUSE);
    p->bound = true;
    s.address = p;
    s.port = number;
    s.role = Role::Bound;
    return;
  }
  const sim::ThreadId me = self();
  for (int attempt = 0;; ++attempt) {  // every port bound: the last attempt raises
    const int candidate = ephemeral_port(me, network().ephemeral_used[me]++);
    const std::shared_ptr<Port>& p = port(candidate);
    Gate g(OpKind::Bind, Access::Write, p.get());
    if (p->bound && attempt + 1 < 64) continue;
    if (p->bound) raise_errno(EADDRINUSE);
    p->bound = true;
    s.address = p;
    s.port = candidate;
    s.role = Role::Bound;
    return;
  }
}

void sim_listen(SocketState& s, int backlog) {
  if (s.role == Role::Fresh) sim_bind(s, 0);  // Linux binds a free port first
  if (s.role != Role::Bound && s.role != Role::Listening) raise_errno(EINVAL);
  Port& p = *s.address;
  Gate g(OpKind::Listen, Access::Write, &p);
  p.listening = true;
  p.backlog_room = static_cast<std::size_t>(backlog < 0 ? 0 : backlog) + 1;
  s.role = Role::Listening;
}

std::shared_ptr<SocketState> sim_accept(SocketState& s, Address& peer) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role != Role::Listening) raise_errno(EINVAL);
  Port& p = *s.address;
  Gate g(OpKind::Accept, Access::Write, &p, &can_accept, wait_mode(s), s.timeout);
  if (!g.ready()) raise_timeout(s);
  auto conn = std::move(p.queue.front());
  p.queue.pop_front();
  auto accepted = std::make_shared<SocketState>(true);
  accepted->role = Role::Connected;
  accepted->address = s.address;
  accepted->side = 1;
  peer = Address{"127.0.0.1", conn->peer_port[0]};
  accepted->conn = std::move(conn);
  g.result(peer.port);
  sim_opened(accepted);
  return accepted;
}

void sim_connect(SocketState& s, int number) {
  if (s.role == Role::Closed) raise_errno(EBADF);
  if (s.role == Role::Connected) raise_errno(EISCONN);
  if (s.role == Role::Listening) raise_errno(EINVAL);
  const std::shared_ptr<Port>& p = port(number);
  Gate g(OpKind::Connect, Access::Write, p.get(), &can_connect, wait_mode(s), s.timeout);
  if (!g.ready()) raise_timeout(s);
  if (!p->listening) {
    g.result(0);
    raise_errno(ECONNREFUSED);
  }
  // The connecting side shows a port of the client range (Linux's ephemeral ports end at 60999).
  auto conn = std::make_shared<Conn>(s.role == Role::Bound ? s.port : 60999 - p->clients++, number);
  register_object(*conn);
  p->queue.push_back(conn);
  if (s.role == Role::Bound) s.address->bound = false;  // (its own port is no longer listed)
  s.address = p;
  s.conn = std::move(conn);
  s.side = 0;
  s.role = Role::Connected;
  g.result(1);
}

std::string sim_recv(SocketState& s, std::size_t n, const void* site) {
  connected_or_raise(s);
  Conn& c = *s.conn;
  if (n == 0 || at_end(c, s.side)) {
    // Nothing can change what it returns: a pure read, which the spin watch may see repeat.
    Gate g(OpKind::Recv, Access::Read, &c, nullptr, Mode::NoWait, -1, n == 0 ? nullptr : site);
    if (n == 0 || at_end(c, s.side)) {
      g.result(0);
      return {};
    }
  }
  Waiting listed(c, self(), s.side);
  Gate g(OpKind::Recv, Access::Write, &c, &can_recv, wait_mode(s), s.timeout);
  if (!g.ready()) raise_timeout(s);
  std::vector<std::size_t> lengths = recv_lengths(c, s.side, n);
  if (!lengths.empty()) {
    // Choice 0 is every byte that arrived (what loopback gives at once); the others end earlier.
    const std::size_t v = lengths.size() == 1 ? 0 : g.sim()->choose(lengths.size());
    const std::size_t len = lengths[lengths.size() - 1 - v];
    g.result(static_cast<std::int64_t>(len));
    return take(c, s.side, len, len < n);
  }
  g.result(0);
  if (at_end(c, s.side)) return {};
  const Pending err = std::exchange(c.pending[s.side], Pending::None);
  raise_errno(err == Pending::Pipe ? EPIPE : ECONNRESET);
}

std::size_t sim_send(SocketState& s, std::string_view data, const void* site) {
  connected_or_raise(s);
  Conn& c = *s.conn;
  const int peer = 1 - s.side;
  if (data.empty() && !send_fails(c, s.side)) {
    Gate g(OpKind::Send, Access::Read, &c, nullptr, Mode::NoWait, -1, site);
    if (!send_fails(c, s.side)) {
      g.result(0);
      return 0;
    }
  }
  std::size_t sent = 0;
  for (;;) {
    Waiting listed(c, self(), s.side);
    Gate g(OpKind::Send, Access::Write, &c, &can_send, wait_mode(s), s.timeout);
    if (!g.ready()) {
      if (sent > 0) return sent;  // Linux returns what a timed-out send got out
      raise_timeout(s);
    }
    if (send_fails(c, s.side)) {
      if (sent > 0) return sent;
      raise_send_error(c, s.side);
    }
    if (c.closed[peer]) {
      // The bytes reach a closed socket, which answers with a reset: this send succeeds, the
      // next fails (EPIPE once the peer's FIN had arrived, as in Linux's CLOSE_WAIT).
      reset_side(c, s.side, c.stream[peer].fin ? Pending::Pipe : Pending::Reset);
      g.result(static_cast<std::int64_t>(data.size() - sent));
      return data.size();
    }
    const std::size_t k = std::min(room(c, s.side), data.size() - sent);
    put(c, s.side, std::string(data.substr(sent, k)), g.sim()->setup().max_segments);
    sent += k;
    g.result(static_cast<std::int64_t>(k));
    if (sent == data.size()) return sent;
  }
}

void sim_shutdown(SocketState& s, Shut how) {
  connected_or_raise(s);
  Conn& c = *s.conn;
  Gate g(OpKind::Shutdown, Access::Write, &c);
  if (how != Shut::WR) c.read_shut[s.side] = true;
  if (how != Shut::RD && !c.reset[s.side]) c.stream[s.side].fin = true;
}

void sim_close(SocketState& s) {
  const Role role = std::exchange(s.role, Role::Closed);
  if (role == Role::Closed) return;
  if (role == Role::Connected) {
    Gate g(OpKind::Close, Access::Write, s.conn.get());
    close_side(*s.conn, s.side);
    return;
  }
  std::deque<std::shared_ptr<Conn>> unaccepted;
  {
    Gate g(OpKind::Close, Access::Write, s.address.get());
    if (role == Role::Bound) s.address->bound = false;
    if (role == Role::Listening) unaccepted = close_listener(*s.address);
  }
  // The resets reach the connections one by one, each a step on its connection: a client may
  // act on its connection in between, as it may before a reset arrives.
  for (const std::shared_ptr<Conn>& c : unaccepted) {
    Gate g(OpKind::Close, Access::Write, c.get());
    reset_side(*c, 0, Pending::Reset);
  }
}

void sim_opened(const std::shared_ptr<SocketState>& s) {
  s->owner = current_process_key();
  s->creator = self();
  network().sockets.push_back(s);
}

// By index: other threads may make sockets between the closes' steps.
void sim_close_process(int pid) {
  std::vector<std::weak_ptr<SocketState>>& sockets = network().sockets;
  for (std::size_t i = 0; i < sockets.size(); ++i) {
    const std::shared_ptr<SocketState> s = sockets[i].lock();
    if (s && s->owner == pid && s->role != Role::Closed) sim_close(*s);
  }
}

}  // namespace weft::detail::net
