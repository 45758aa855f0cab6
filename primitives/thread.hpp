// threading.Thread: a thread made from a callable and its arguments, or a subclass overriding
// run(). start() twice raises RuntimeError; daemon may change only before start().
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "primitives/detail/thread_state.hpp"

namespace weft {

// A reference to a thread, as current_thread(), main_thread() and enumerate() return it. Copies
// refer to the same thread, as Python references do.
class ThreadRef {
 public:
  explicit ThreadRef(std::shared_ptr<detail::ThreadState> s) : s_(std::move(s)) {}

  const std::string& name() const;
  void set_name(std::string name) const;
  bool daemon() const;
  // Only before start(); afterwards RuntimeError, as in Python.
  void set_daemon(bool daemon) const;
  // Started and not yet finished. Never inlined: the return address names the calling line, and
  // reading again from one line with nothing written in between is how weft tells a spin loop.
  [[gnu::noinline]] bool is_alive() const;
  // The thread's identifier once started (its start order; MainThread is 0).
  std::optional<std::uint64_t> ident() const;
  // Waits until the thread ends, or until `timeout` seconds pass (negative: no timeout).
  // Joining the current thread or one not started raises RuntimeError.
  void join(double timeout = -1) const;

  bool operator==(const ThreadRef& o) const { return s_ == o.s_; }
  const std::shared_ptr<detail::ThreadState>& state() const { return s_; }

 protected:
  std::shared_ptr<detail::ThreadState> s_;
};

class Thread : public ThreadRef, public std::enable_shared_from_this<Thread> {
 public:
  // For subclasses that override run(). Create them with std::make_shared, so the object lives
  // as long as its thread does (a Python object lives as long as something refers to it).
  Thread();
  // A thread that calls target(args...). Arguments are copied, as Python binds them at creation.
  template <class F, class... Args>
  explicit Thread(F&& target, Args&&... args) : Thread() {
    if constexpr (sizeof...(Args) == 0) {
      s_->target = std::forward<F>(target);
    } else {
      s_->target = [f = std::forward<F>(target),
                    tup = std::make_tuple(std::forward<Args>(args)...)]() mutable {
        std::apply(f, tup);
      };
    }
  }
  virtual ~Thread() = default;
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;

  // Starts the thread. A visible operation.
  void start();

 protected:
  // What the thread runs: by default the target.
  virtual void run();
  // Declares this thread interchangeable with every other declared with the same `key`, for
  // symmetry reduction (weft check; weft outputs while nothing printed names one); a thread that
  // does not declare it is never interchangeable. The declaration promises: (1) they run the same
  // code from the same data, the key naming whatever differs between instances (different data,
  // different keys); (2) their own identity (name, ident) changes nothing but what they print,
  // and shows there only as the name; (3) once one is started, no thread operates on it (join,
  // is_alive) unless it listed the threads with enumerate() first, but for one thing: the thread
  // that started every one of them may join them all, in one run of plain joins (`for t in
  // threads: t.join()`); the search checks that shape and drops symmetry where it is not kept.
  // Only before start(). docs/state-caching.md, "Symmetry".
  void interchangeable(std::uint64_t key);

 private:
  static void entry(void* state);
  // On the simulator, once entry() has returned or thrown (or its thread was abandoned).
  static void ended_on_sim(void* state);
};

// threading.current_thread(), main_thread(), enumerate(), active_count(). The last two are reads
// never inlined, for the reason is_alive() is.
ThreadRef current_thread();
ThreadRef main_thread();
[[gnu::noinline]] std::vector<ThreadRef> enumerate();
[[gnu::noinline]] std::size_t active_count();

}  // namespace weft
