// threading.Condition: threads wait on it, holding its lock, until another thread notifies them.
// It satisfies C++'s Lockable through its lock. Copies share one condition, as Python references
// do.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "primitives/detail/timeouts.hpp"
#include "primitives/detail/waiters.hpp"
#include "primitives/lock.hpp"

namespace weft {

namespace detail {
// It takes its lock's object id (see make_condition in condition.cpp).
struct ConditionState : sim::Object {
  explicit ConditionState(std::shared_ptr<LockState> l)
      : sim::Object("Condition"), lock(std::move(l)) {}
  const std::shared_ptr<LockState> lock;
  Waiters waiters;  // threads inside wait(), in the order they began waiting
  bool fingerprint(sim::StateHasher& h) const override {
    h.mix(lock->id());
    lock->fingerprint(h);  // what its operations check of the lock (ownership)
    waiters.fingerprint(h);
    return true;
  }
};

// Python's wait_for timing: the first wait gets the whole timeout, each later one what is left.
class WaitBudget {
 public:
  explicit WaitBudget(double timeout) : timeout_(timeout) {}
  // Sets the timeout of the next wait (negative: none); false once the time is up.
  bool next(double& wait_time);

 private:
  double timeout_;
  std::optional<double> end_;  // when the time is up, from the first wait on
};
}  // namespace detail

class Condition {
 public:
  // A condition over a new RLock, as Python's Condition() is.
  Condition();
  // The same, with a name used in reports ("Condition ready").
  explicit Condition(std::string name);
  // A condition over `lock` (a copy of the handle: the same lock).
  explicit Condition(const Lock& lock, std::string name = "");
  explicit Condition(const RLock& lock, std::string name = "");

  // The lock's acquire and release (with cond: ...).
  bool acquire(bool blocking = true, double timeout = -1) const;
  void release() const;
  void lock() const { acquire(); }
  void unlock() const { release(); }
  bool try_lock() const { return acquire(false); }

  // Releases the lock (an RLock however deep), waits until notified or until `timeout` seconds
  // pass (negative: no timeout), takes the lock back as it was. True unless it timed out.
  // RuntimeError unless the caller holds the lock.
  bool wait(double timeout = -1) const;
  // Waits until pred() holds, checking it first and after each wakeup; `timeout` bounds the
  // whole wait. Returns pred()'s last value.
  template <class P>
  bool wait_for(P pred, double timeout = -1) const;
  // Wakes the `n` threads that have waited longest. RuntimeError unless the caller holds the lock.
  void notify(int n = 1) const;
  // Wakes every waiting thread.
  void notify_all() const;

  // The shared state, for the backends and reports.
  const std::shared_ptr<detail::ConditionState>& state() const { return s_; }

 private:
  std::shared_ptr<detail::ConditionState> s_;
};

template <class P>
bool Condition::wait_for(P pred, double timeout) const {
  detail::WaitBudget budget(detail::nan_as(timeout, -1));
  bool result = static_cast<bool>(pred());
  double wait_time = -1;
  while (!result && budget.next(wait_time)) {
    wait(wait_time);
    result = static_cast<bool>(pred());
  }
  return result;
}

}  // namespace weft
