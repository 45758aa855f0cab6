// The record behind a weft::Process, and what the threads of a process share: its name, its
// counters (copied from its parent at the fork, as Python's are), its end.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "primitives/detail/task.hpp"
#include "sim/types.hpp"

namespace weft::detail {

struct ThreadState;

struct ProcessState : sim::Object {
  explicit ProcessState(std::string process_name)
      : sim::Object(sim::kProcessKind), name(std::move(process_name)) {}

  std::string name;           // "Process-1"; a process made in Process-1 is "Process-1:1"
  std::string identity;       // what follows "Process-" in the default name: "1", "1:1"
  bool daemon = false;
  bool started = false;
  bool finished = false;      // real threads: the child was reaped
  bool forked = false;        // real threads: the child exists (pid is set)
  int fork_error = 0;         // real threads: the errno of a fork that failed
  int pid = 0;                // once started
  int exitcode = 0;           // once finished: 0, 1 after an exception, -15 after terminate()
  Task target;
  // Its counters of Thread-N names (continued from its parent's at the fork, as Python's copied
  // counter is) and of Process-NAME:N names (started anew in the child, as Python's).
  int thread_numbers = 0;
  int process_numbers = 0;
  // The simulator: its MainThread, and its non-daemon threads, which it joins before it ends.
  sim::ThreadId main = sim::kNoThread;
  std::vector<std::weak_ptr<ThreadState>> threads;

  void holders(std::vector<sim::ThreadId>& out) const override {
    if (started && main != sim::kNoThread) out.push_back(main);
  }
  std::string describe() const override { return name; }
  // What follows depends on: its name (current_process_name() reads it), whether it started, its
  // pid and exitcode, its counters of names, and its threads (which its end joins). The copies a
  // fork made of the program's shared variables are their objects' own (Shared<T>), and its
  // target was built by the code of the thread that made it, which its history stands for
  // (docs/state-caching.md, "Processes and the network").
  bool fingerprint(sim::StateHasher& h) const override;
};

// The process the calling thread belongs to; null for the main process.
const std::shared_ptr<ProcessState>& current_process();
// Real threads: the calling process is the child `s` (set in the child after the fork).
void set_real_process(std::shared_ptr<ProcessState> s);
// A process's life in its MainThread: its target, then a join of each of its non-daemon threads.
// Sets s.exitcode.
void run_process(ProcessState& s);
// Real threads (primitives/detail/process_real.cpp): forks the child process `s`, with the
// caller's Gate held; returns once the child exists.
void start_on_real(const std::shared_ptr<ProcessState>& s);
// Real threads: SIGTERM to the child, unless it has ended. With the backend's lock held.
void terminate_on_real(ProcessState& s);
// In a child process on real threads: sends text the child wrote to its parent, and returns once
// the parent has it in its output; false in the main process (nothing sent).
bool forward_output(bool to_stderr, const std::string& text);
// In a child process on real threads: a failed weft::check ends the whole program, which the
// parent does; the child then ends. Returns in the main process only.
void forward_failure(const std::string& message);
// The number that keys a process's copies of the program's shared variables: its pid (the main
// process's is 1 on the simulator).
int current_process_key();

// A value every process has its own copy of (a Shared<T>'s, on the simulator: a real fork copies
// it by itself). Listed while it lives, so that a fork can copy each.
class Copied {
 public:
  Copied();
  virtual ~Copied();
  Copied(const Copied&) = delete;
  Copied& operator=(const Copied&) = delete;
  // Process `to` gets a copy of the value process `from` sees.
  virtual void copy(int from, int to) = 0;
  // Every listed value is copied from `from` to `to`.
  static void fork_all(int from, int to);

 private:
  bool listed_ = false;  // made on the simulator (the real backend's fork copies by itself)
  Copied* prev_ = nullptr;
  Copied* next_ = nullptr;
};

// Raises the error of a fork that cannot copy the shared variable `label` (its type has no copy).
[[noreturn]] void cannot_copy(const std::string& label);

}  // namespace weft::detail
