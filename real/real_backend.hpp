// One execution of a program on real OS threads: the backend the primitives reach through
// detail::RealBackend when no simulator runs the calling thread. Every program thread, MainThread
// included, is a std::thread; all primitive state sits under the base class's one mutex `mu`.
//
// Program end follows Python (DESIGN.md, Semantics 3): once MainThread's body has returned and no
// non-daemon thread is alive, the execution ends. From that instant `ended()` is true, the outcome
// is fixed (output written later never appears in it nor on the live echo), and every thread
// still standing throws sim::Abandoned at its next visible operation, unwinding its stack.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "primitives/detail/backend.hpp"
#include "real/options.hpp"
#include "sim/outcome.hpp"

namespace weft::real {

class Execution final : public detail::RealBackend {
 public:
  using Clock = std::chrono::steady_clock;

  // Prepares an execution of `body` (copied: a thread that never comes back may still run it).
  // Nothing runs until start().
  Execution(std::function<void()> body, const RealOptions& options);
  ~Execution() override;
  Execution(const Execution&) = delete;
  Execution& operator=(const Execution&) = delete;

  // Starts MainThread running the body. Call once.
  void start();
  // Waits until the program has ended, or until `deadline` (Clock::time_point::max(): no
  // deadline). True if it ended.
  bool wait_end(Clock::time_point deadline);
  // Ends the program now with `status` and `message` unless it has already ended.
  void end_now(sim::Status status, const std::string& message);
  // Waits until every OS thread has returned from the program's code, or until `deadline`.
  // True if all have.
  bool wait_unwound(Clock::time_point deadline);
  // Joins the threads that have returned, detaches the others. True if every thread was joined;
  // otherwise this object must outlive the detached threads (they still use it).
  bool join_or_detach();
  // Destroys what the program left behind (thread records, the body's copy) while this backend
  // is current, so destructors that touch primitives find it. Only after every thread joined.
  void discard_program_state();
  // How the program ended, fixed at the instant it ended. Only after wait_end() returned true.
  sim::Outcome outcome();

  // --- detail::RealBackend ---
  sim::ThreadId self() override;
  bool ended() override { return ended_; }
  Clock::time_point deadline_after(double seconds) override;
  double now() override;
  sim::ThreadId start_thread(const std::string& name, bool daemon, void (*fn)(void*),
                             std::shared_ptr<void> handle) override;
  bool finished(sim::ThreadId t) override;
  std::vector<sim::ThreadId> alive() override;
  std::shared_ptr<void>& thread_handle(sim::ThreadId t) override { return threads_[t]->handle; }
  std::size_t choose(std::size_t n) override;
  void register_object(sim::Object& o) override { o.set_id(++objects_); }
  int next_thread_number() override { return ++thread_numbers_; }
  void wrote(bool to_stderr, const std::string& text) override;
  void fail(const std::string& message) override;
  void write_file(const std::string& name, const std::string& text, bool append) override;
  std::optional<std::string> read_file(const std::string& name) override;
  void before_operation() override;
  void forked() override;

 private:
  // One program thread. Owned through unique_ptr so that references stay valid as threads start.
  struct Thread {
    std::string name;
    bool daemon = false;
    bool finished = false;  // its code has returned (or unwound)
    bool returned = false;  // its OS thread touches nothing of ours any more: joinable at once
    std::shared_ptr<void> handle;  // the primitives' record (detail::ThreadState)
    std::thread os;
  };

  void run_main();
  void run_thread(Thread& t, sim::ThreadId id, void (*fn)(void*), void* arg);
  void report_uncaught(sim::ThreadId id, std::exception_ptr e);
  void thread_returned(Thread& t);
  void end_locked(sim::Status status, std::string message);
  void enter_thread(sim::ThreadId id);
  std::string name_of(sim::ThreadId t);

  std::function<void()> body_;
  const double time_scale_;
  const bool echo_;
  const std::function<void(bool, const std::string&)> sink_;
  const std::string files_dir_;
  const bool perturb_;
  const std::uint64_t perturb_seed_;
  const Clock::time_point start_;
  sim::Random choices_;
  std::vector<std::unique_ptr<Thread>> threads_;  // by id; MainThread is 0
  std::size_t non_daemon_alive_ = 1;              // MainThread counts until its body returns
  std::size_t returned_ = 0;                      // threads whose OS thread is done with us
  std::uint32_t objects_ = 0;
  int thread_numbers_ = 0;
  bool ended_ = false;
  sim::Outcome outcome_;              // fixed when the program ends
  std::condition_variable end_cv_;    // for the driver: the program ended, a thread returned
};

}  // namespace weft::real
