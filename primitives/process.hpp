// multiprocessing.Process: a process made from a callable and its arguments, as the fork start
// method makes it. On the simulator a process is a group of threads with a MainThread of its own
// and its own copy of the program's shared variables; on real threads it is a real child process
// (fork). docs/processes.md says what a child copies, what it shares, and what it may call.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "primitives/detail/process_state.hpp"

namespace weft {

class Process {
 public:
  // A process that calls target(args...). Arguments are copied, as Python binds them at creation.
  template <class F, class... Args>
  explicit Process(F&& target, Args&&... args) : Process(Unset{}) {
    if constexpr (sizeof...(Args) == 0) {
      s_->target = std::forward<F>(target);
    } else {
      s_->target = [f = std::forward<F>(target),
                    tup = std::make_tuple(std::forward<Args>(args)...)]() mutable {
        std::apply(f, tup);
      };
    }
  }
  // Copies refer to the same process, as Python references do.
  Process(const Process&) = default;
  Process& operator=(const Process&) = default;

  // Forks the process: it runs target(args...) in its MainThread, then joins its non-daemon
  // threads, and ends. Starting twice raises RuntimeError; a daemon process cannot start one.
  // A visible operation.
  void start();
  // Waits until the process ends, or until `timeout` seconds pass (negative: no timeout). Joining
  // a process not started raises RuntimeError.
  void join(double timeout = -1) const;
  // Started and not yet ended. Never inlined: a read repeated from one line is how weft tells a
  // spin loop.
  [[gnu::noinline]] bool is_alive() const;
  // A daemon process is cut off when the program ends; a non-daemon one is waited for.
  bool daemon() const { return s_->daemon; }
  // Sends SIGTERM to the process (Python's terminate()): it ends at once, every thread of it
  // where it stands, without running its threads' cleanups, and its exitcode is -15 (-SIGTERM).
  // Nothing once it has ended. A visible operation.
  void terminate() const;
  // Only before start(); afterwards RuntimeError.
  void set_daemon(bool daemon) const;
  const std::string& name() const { return s_->name; }
  void set_name(std::string name) const;
  // Once started: the real pid, or on the simulator 2, 3, ... in start order (the main process
  // being 1).
  std::optional<int> pid() const;
  // None until the process ends; then 0, or 1 when its target raised, or -N when signal N ended
  // it (-15 after terminate()).
  [[gnu::noinline]] std::optional<int> exitcode() const;

 private:
  struct Unset {};
  explicit Process(Unset);
  std::shared_ptr<detail::ProcessState> s_;
};

// multiprocessing.current_process().name: "MainProcess" or the process's name.
std::string current_process_name();

}  // namespace weft
