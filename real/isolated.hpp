// One execution on real threads in its own child process. Python's program-end rule then holds
// exactly (the process ends with the last non-daemon thread; daemon threads die with it, wherever
// they stand), a hung program is killed at its timeout, and a crashing one (abort, segfault)
// cannot take the caller down.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>

#include "real/options.hpp"
#include "real/wire.hpp"
#include "sim/outcome.hpp"

namespace weft::real {

// A running child. The parent polls fd() and calls pump() when it is readable; once pump()
// returns false, or the deadline has passed, finish() gives the outcome. Fork only from a
// process with no other threads running: the child inherits nothing else.
class Child {
 public:
  using Clock = std::chrono::steady_clock;

  // Forks a child running `body` with `options`. options.timeout is enforced here: the child is
  // killed at the deadline and the run reported hung with the output it wrote until then.
  // Throws std::system_error when no process can be made.
  Child(const std::function<void()>& body, const RealOptions& options);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  int fd() const { return fd_; }
  // Clock::time_point::max() without a timeout.
  Clock::time_point deadline() const { return deadline_; }
  // Reads what the child has written; false once it has closed its end.
  bool pump();
  // Waits for the child's end (killing it first when it is still running: hung) and returns the
  // outcome. Call once.
  sim::Outcome finish();

 private:
  sim::Outcome settle(int wait_status, bool killed);
  void take(wire::Tag tag, std::string payload);

  RealOptions options_;
  pid_t pid_ = -1;
  int fd_ = -1;
  Clock::time_point start_;
  Clock::time_point deadline_;
  wire::Reader reader_;
  std::string out_, err_;  // streamed so far
  std::optional<sim::Outcome> result_;
};

// Runs `body` once in a child process and waits for its outcome: ok or failure as reported by
// the run; hung after options.timeout; failure "crashed: ..." when the process died of a signal.
sim::Outcome run_isolated(const std::function<void()>& body, const RealOptions& options);

}  // namespace weft::real
