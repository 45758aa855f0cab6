#include "random_socket_program.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>

#include "primitives/weft.hpp"

namespace weft::test {

namespace {

constexpr int kPort = 8080;

// Visible operations a side makes at most, counted against the program's budget.
int cost(const RandomSocketProgram::Side& side) { return static_cast<int>(side.size()); }

RandomSocketProgram::Side random_side(std::mt19937& rng, int steps) {
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  using Op = RandomSocketProgram::Op;
  RandomSocketProgram::Side side;
  for (int s = 0; s < steps; ++s) {
    switch (pick(8)) {
      case 0: case 1: side.push_back({Op::Send, 1 + pick(2)}); break;
      case 2: case 3: side.push_back({Op::Recv, 1 + pick(3)}); break;
      case 4: side.push_back({pick(2) == 0 ? Op::ShutWr : Op::ShutRd, 0}); break;
      case 5: side.push_back({Op::Close, 0}); break;
      default: side.push_back({Op::SetTimeout, pick(3)}); break;
    }
  }
  return side;
}

// Prints `who` and what happened; an exception by its Python type.
template <class F>
void report(const std::string& who, const char* what, F&& call) {
  try {
    const std::string result = call();
    weft::print(who, what, result);
  } catch (const weft::Error& e) {
    weft::print(who, what, e.type());
  }
}

void run_side(const std::string& who, weft::Socket s, const RandomSocketProgram::Side& steps) {
  using Op = RandomSocketProgram::Op;
  for (const auto& step : steps) {
    switch (step.op) {
      case Op::Send:
        report(who, "send", [&] { return std::to_string(s.send(std::string(step.arg, 'x'))); });
        break;
      case Op::Recv:
        report(who, "recv",
               [&] { return weft::bytes_repr(s.recv(static_cast<std::size_t>(step.arg))); });
        break;
      case Op::ShutWr:
        report(who, "shut_wr", [&] { return s.shutdown(weft::Shut::WR), std::string(); });
        break;
      case Op::ShutRd:
        report(who, "shut_rd", [&] { return s.shutdown(weft::Shut::RD), std::string(); });
        break;
      case Op::Close: s.close(); break;
      case Op::SetTimeout: s.settimeout(step.arg == 0 ? -1.0 : step.arg == 1 ? 0.0 : 1.0); break;
    }
  }
}

void client(int i, const RandomSocketProgram::Side& steps) {
  std::string who(1, 'c');
  who += std::to_string(i);
  weft::Socket s;
  try {
    s.connect(weft::Address{"127.0.0.1", kPort});
  } catch (const weft::Error& e) {
    weft::print(who, "connect", e.type());
    return;
  }
  run_side(who, s, steps);
}

void accept_and_run(weft::Socket listener, int i, const RandomSocketProgram::Side& steps) {
  std::string who(1, 's');
  who += std::to_string(i);
  try {
    weft::Socket conn = listener.accept().first;
    run_side(who, conn, steps);
  } catch (const weft::Error& e) {
    weft::print(who, "accept", e.type());
  }
}

// The server's threads, in the process that runs them.
void serve(weft::Socket listener, const RandomSocketProgram& p) {
  if (!p.accept_each) {
    for (std::size_t i = 0; i < p.server_steps.size(); ++i)
      accept_and_run(listener, static_cast<int>(i), p.server_steps[i]);
    return;
  }
  // This thread is the first to accept; it starts the second.
  weft::Thread second([listener, &p] { accept_and_run(listener, 1, p.server_steps[1]); });
  second.start();
  accept_and_run(listener, 0, p.server_steps[0]);
}

}  // namespace

RandomSocketProgram RandomSocketProgram::generate(std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&rng](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  RandomSocketProgram p;
  p.clients = 1 + (pick(3) == 0 ? 1 : 0);
  p.accept_each = p.clients == 1 && pick(3) == 0;
  p.process = pick(4) == 0;
  p.backlog = pick(2);
  p.close_listener = !p.accept_each && pick(6) == 0;
  // Steps over every side: keeps the naive search (every schedule and every cut) small. Each
  // connection costs its two threads a connect, an accept, the closes and the ends already.
  int budget = p.clients == 1 && !p.accept_each ? 3 : 2;
  for (int i = 0; i < p.clients; ++i) {
    p.client_steps.push_back(random_side(rng, pick(1 + budget)));
    budget -= cost(p.client_steps.back());
    p.server_steps.push_back(random_side(rng, pick(1 + budget)));
    budget -= cost(p.server_steps.back());
  }
  // Two threads accepting the one connection: the second waits in accept for ever.
  if (p.accept_each) p.server_steps.push_back(random_side(rng, pick(1 + budget)));
  return p;
}

void RandomSocketProgram::run() const {
  weft::Socket listener;
  listener.bind(weft::Address{"127.0.0.1", kPort});
  listener.listen(backlog);
  std::shared_ptr<weft::Process> server_process;
  std::shared_ptr<weft::Thread> server_thread;
  if (process) {
    server_process = std::make_shared<weft::Process>([listener, this] { serve(listener, *this); });
    server_process->start();
  } else {
    server_thread = std::make_shared<weft::Thread>([listener, this] { serve(listener, *this); });
    server_thread->start();
  }
  weft::Thread client_thread([this] {
    for (int i = 0; i < clients; ++i) client(i, client_steps[static_cast<std::size_t>(i)]);
  });
  client_thread.start();
  if (close_listener) listener.close();
}

std::string RandomSocketProgram::describe() const {
  static const char* names[] = {"send", "recv", "shut_wr", "shut_rd", "close", "settimeout"};
  std::ostringstream os;
  os << clients << " client(s), backlog " << backlog << (process ? ", server in a process" : "")
     << (accept_each ? ", a thread per accept" : ", one thread accepts all")
     << (close_listener ? ", main closes the listener" : "") << "; ";
  const auto side = [&os](const char* who, std::size_t i, const Side& steps) {
    os << who << i << ":";
    for (const Step& s : steps) os << " " << names[static_cast<int>(s.op)] << s.arg;
    os << "; ";
  };
  for (std::size_t i = 0; i < client_steps.size(); ++i) side("c", i, client_steps[i]);
  for (std::size_t i = 0; i < server_steps.size(); ++i) side("s", i, server_steps[i]);
  return os.str();
}

}  // namespace weft::test
