// threading.Semaphore and threading.BoundedSemaphore: a counter of permits; acquire takes one,
// waiting while there is none, release gives permits back. Both satisfy C++'s Lockable. Copies
// share one semaphore, as Python references do.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft {

namespace detail {
struct SemaphoreState : sim::Object {
  SemaphoreState(bool is_bounded, int initial_value)
      : sim::Object(is_bounded ? "BoundedSemaphore" : "Semaphore"),
        bounded(is_bounded),
        initial(initial_value),
        value(initial_value) {}
  const bool bounded;
  const int initial;
  int value;
  // Who took the permits not given back yet, oldest first (a thread once per permit). Python
  // does not track this; reports do, to say who holds the semaphore a thread waits for.
  std::vector<sim::ThreadId> taken;
  // The distinct threads in `taken`.
  void holders(std::vector<sim::ThreadId>& out) const override;
  // The permits left: `taken` is for reports only (docs/state-caching.md, "What a state is").
  bool fingerprint(sim::StateHasher& h) const override;
  // An acquire learns whether a permit is left; a release, whether it raises (bounded only).
  bool learned(sim::OpKind kind, sim::StateHasher& h) const override;
  std::string state() const override {
    return std::to_string(value) + (value == 1 ? " permit left" : " permits left");
  }
};
}  // namespace detail

class Semaphore {
 public:
  // A semaphore with `value` permits (ValueError when negative) and a name used in reports.
  explicit Semaphore(int value = 1, std::string name = "");

  // Python's acquire(blocking=True, timeout=None), with a negative timeout for None: true once a
  // permit is taken, false on timeout or when non-blocking and none is left. A timeout with
  // blocking=false raises ValueError.
  bool acquire(bool blocking = true, double timeout = -1) const;
  // Gives `n` permits back (ValueError unless n >= 1). Any thread may release.
  void release(int n = 1) const;

  // Lockable, so that std::scoped_lock holds a permit (Python's `with sem:`).
  void lock() const { acquire(); }
  void unlock() const { release(); }
  bool try_lock() const { return acquire(false); }

  // The shared state, for the backends and reports.
  const std::shared_ptr<detail::SemaphoreState>& state() const { return s_; }

 protected:
  // For BoundedSemaphore.
  Semaphore(bool bounded, int value, std::string name);

 private:
  std::shared_ptr<detail::SemaphoreState> s_;
};

// A Semaphore whose release raises ValueError when it would exceed the initial value.
class BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(int value = 1, std::string name = "");
};

}  // namespace weft
