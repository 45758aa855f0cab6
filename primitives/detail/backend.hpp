// How every primitive operation reaches the backend it runs on. A thread runs either on the
// simulator (sim::Runtime::current() is set) or on real OS threads (a RealBackend is installed for
// it); the primitives are written once against Gate, which hides the difference.
#pragma once

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "sim/runtime.hpp"
#include "sim/types.hpp"
#include "sim/world.hpp"

namespace weft::detail {

using sim::ThreadId;

// The real-thread backend, implemented in real/. All primitive state of a real execution is kept
// under one mutex: programs here are small, and one lock makes every operation atomic exactly as
// it is on the simulator.
class RealBackend {
 public:
  virtual ~RealBackend() = default;

  std::mutex mu;                // guards all primitive state and `world`
  std::condition_variable cv;   // notified after every operation that changes state
  sim::World world;             // output, stdin, files, random: as on the simulator

  // The backend serving the calling OS thread, or null.
  static RealBackend* current();
  static void set_current(RealBackend* b);

  // The calling thread's id (MainThread is 0). Called with `mu` held.
  virtual ThreadId self() = 0;
  // True once the program has ended: threads still running abandon at their next operation.
  virtual bool ended() = 0;
  // The real instant `seconds` of virtual time from now (scaled by the time scale).
  virtual std::chrono::steady_clock::time_point deadline_after(double seconds) = 0;
  // Virtual seconds since the execution began.
  virtual double now() = 0;
  // Starts an OS thread running fn(handle.get()). Called with `mu` held.
  virtual ThreadId start_thread(const std::string& name, bool daemon, void (*fn)(void*),
                                std::shared_ptr<void> handle) = 0;
  virtual bool finished(ThreadId t) = 0;
  // Started and not finished, in start order.
  virtual std::vector<ThreadId> alive() = 0;
  virtual std::shared_ptr<void>& thread_handle(ThreadId t) = 0;
  virtual std::size_t choose(std::size_t n) = 0;
  virtual void register_object(sim::Object& o) = 0;
  // Python numbers default thread names Thread-1, Thread-2, ... in creation order.
  virtual int next_thread_number() = 0;
  // Called after text was appended to world.out / world.err, with `mu` held (live echo).
  virtual void wrote(bool to_stderr, const std::string& text) = 0;
  // A weft::check failed: the execution ends with a failure.
  virtual void fail(const std::string& message) = 0;
  // The scenario's files, with `mu` held. By default they live in `world.files`, as on the
  // simulator; a backend may keep them as real files instead.
  virtual void write_file(const std::string& name, const std::string& text, bool append) {
    append ? world.files[name] += text : world.files[name] = text;
  }
  virtual std::optional<std::string> read_file(const std::string& name) {
    auto it = world.files.find(name);
    return it == world.files.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  // Called at every visible operation before it takes `mu` (a place to perturb the schedule).
  virtual void before_operation() {}
  // In a child process just forked by one of this backend's threads (a weft::Process): the fork
  // copied `mu` locked and `cv` with waiters that are not in the child, where neither would work
  // again. Makes them anew (`mu` unlocked).
  virtual void forked() {
    new (&mu) std::mutex;
    new (&cv) std::condition_variable;
  }
};

// How an operation waits.
enum class Mode : std::uint8_t {
  NoWait,  // always enabled; ready() tells whether the condition held
  Block,   // enabled once the condition holds
  Timed,   // enabled once the condition holds or the timeout has passed
};

// One visible operation. Construct it before touching primitive state, touch the state while it
// lives. On the simulator the constructor is the scheduling point; on real threads it holds the
// backend's mutex, waiting for the condition, and the destructor wakes the other threads.
class Gate {
 public:
  Gate(sim::OpKind kind, sim::Access access, const sim::Object* object,
       sim::ReadyFn ready = nullptr, Mode mode = Mode::NoWait, double timeout = -1,
       const void* site = nullptr);
  // A store that overwrites `object` with a value known now (sim::Op::overwrites).
  struct Overwrite {
    std::int64_t value;
  };
  Gate(const sim::Object* object, Overwrite w);
  ~Gate();
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // Whether the condition held when the operation ran (false: timed out / would block).
  bool ready() const { return ready_; }
  // The thread performing the operation.
  ThreadId self() const { return self_; }
  // Records the operation's result in the event list (1/0 for acquired, a value read, ...).
  void result(std::int64_t r) const {
    if (rt_ != nullptr) rt_->set_result(r);
  }
  sim::Runtime* sim() const { return rt_; }
  RealBackend* real() const { return rt_ == nullptr ? real_ : nullptr; }
  sim::World& world() const;

 private:
  void enter_real(sim::OpKind kind, sim::Access access, const sim::Object* object,
                  sim::ReadyFn can_go, Mode mode, double timeout);
  sim::Time sim_deadline(double timeout) const;

  sim::Runtime* rt_;
  ThreadId self_ = 0;
  bool ready_ = true;
  // Set on real threads only (rt_ is null), so that the simulator's path stores nothing more.
  RealBackend* real_;
  // The backend's mutex, held from the constructor to the destructor. A plain pointer rather
  // than a std::unique_lock: with no member to destroy, a Gate whose constructor throws (a
  // simulated thread abandoned while it waits) leaves no cleanup to run, and every cleanup on
  // the way costs an unwinding a fresh walk of the stack.
  std::mutex* held_;
  bool notify_;
};

// The simulator's path is inline: it runs at every visible operation of every execution.
inline Gate::Gate(sim::OpKind kind, sim::Access access, const sim::Object* object,
                  sim::ReadyFn can_go, Mode mode, double timeout, const void* site)
    : rt_(sim::Runtime::current()) {
  if (rt_ == nullptr) [[unlikely]] {
    enter_real(kind, access, object, can_go, mode, timeout);
    return;
  }
  assert(site == nullptr ||
         (access == sim::Access::Read && object != nullptr &&
          (kind == sim::OpKind::Load || kind == sim::OpKind::Query ||
           kind == sim::OpKind::Recv || kind == sim::OpKind::Send)));
  sim::Op op{.kind = kind,
             .access = access,
             .object = object,
             .ready = mode == Mode::NoWait ? nullptr : can_go,
             .site = site};
  if (mode == Mode::Timed && timeout >= 0) op.deadline = sim_deadline(timeout);
  rt_->step(op);
  self_ = rt_->self();
  // A blocking operation runs only once the scheduler has found it ready, and nothing has run
  // since: asking again would only repeat the answer.
  ready_ = mode == Mode::Block || can_go == nullptr || can_go(object, self_);
}

inline Gate::Gate(const sim::Object* object, Overwrite w) : rt_(sim::Runtime::current()) {
  if (rt_ == nullptr) [[unlikely]] {
    enter_real(sim::OpKind::Store, sim::Access::Write, object, nullptr, Mode::NoWait, -1);
    return;
  }
  rt_->step(sim::Op{.kind = sim::OpKind::Store,
                    .access = sim::Access::Write,
                    .overwrites = true,
                    .object = object,
                    .value = w.value});
  self_ = rt_->self();
}

inline Gate::~Gate() {
  if (rt_ != nullptr) [[likely]] return;
  if (notify_) real_->cv.notify_all();
  held_->unlock();
}

// Gives a new primitive object its per-execution id on whichever backend runs the caller.
// Inline for the simulator's sake: every execution registers its objects anew.
void register_object_off_sim(sim::Object& o);
inline void register_object(sim::Object& o) {
  if (auto* rt = sim::Runtime::current()) {
    rt->register_object(o);
  } else {
    register_object_off_sim(o);
  }
}

// Throws unless the caller runs inside a weft execution.
[[noreturn]] void no_backend();

// The calling thread's id on whichever backend runs it.
ThreadId current_tid();

// The world (output, stdin, files) of the caller's execution.
sim::World& current_world();

}  // namespace weft::detail
