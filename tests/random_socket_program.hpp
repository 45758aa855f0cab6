// Small random programs that talk over sockets, for differential tests of the reduced search
// against the naive one with the network's choices: which accept gets a connection, where a
// recv's data ends, when a close, a reset or a shutdown reaches the peer.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace weft::test {

struct RandomSocketProgram {
  enum class Op {
    Send,        // send(arg bytes), print the count sent
    Recv,        // recv(arg), print what came
    ShutWr,      // shutdown(SHUT_WR)
    ShutRd,      // shutdown(SHUT_RD)
    Close,       // close()
    SetTimeout,  // settimeout: arg 0 → None, 1 → 0 s (never wait), 2 → 1 s
  };
  struct Step {
    Op op;
    int arg;
  };
  // What one side of a connection does once connected (or accepted). Every call's result and
  // every exception it raises (its Python type) is printed with the side's name.
  using Side = std::vector<Step>;

  // 1–2 clients, one after the other in one thread (as the seed's scripted clients): each
  // connects to the listener, takes its steps, and its socket goes (a close, if not closed).
  int clients = 1;
  std::vector<Side> client_steps;
  // The server's accepting threads: one that accepts every connection (the i-th accepted then
  // runs server_steps[i]), or, with one client, two that both accept on the listener (the server
  // thread and one it starts; thread i runs server_steps[i]), as the seed's two processes do:
  // which gets the connection is the network's choice, and the other waits in accept for ever.
  bool accept_each = false;
  bool process = false;  // the server's threads run in a weft::Process instead of the main one
  std::vector<Side> server_steps;
  int backlog = 1;
  bool close_listener = false;  // main closes the listener once it has started everyone

  // A program drawn from `seed`: few enough visible operations in all that the naive search
  // ends quickly.
  static RandomSocketProgram generate(std::uint32_t seed);
  // Runs the program (as a scenario body, on the calling thread's backend).
  void run() const;
  std::string describe() const;
};

}  // namespace weft::test
