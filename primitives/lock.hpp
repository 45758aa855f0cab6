// threading.Lock and threading.RLock. Both satisfy C++'s Lockable, so std::scoped_lock and
// std::unique_lock work on them. Copies share one lock, as Python references do.
#pragma once

#include <memory>
#include <string>

#include "sim/types.hpp"

namespace weft {

namespace detail {
struct LockState : sim::Object {
  explicit LockState(bool is_reentrant)
      : sim::Object(is_reentrant ? "RLock" : "Lock"), reentrant(is_reentrant) {}
  const bool reentrant;
  bool locked = false;
  sim::ThreadId owner = sim::kNoThread;  // who acquired it (a plain Lock has no owner in Python;
                                         // it is kept for reports)
  int count = 0;                         // RLock recursion depth
  void holders(std::vector<sim::ThreadId>& out) const override {
    if (locked) out.push_back(owner);
  }
};
}  // namespace detail

class Lock {
 public:
  Lock();
  // A name used in reports ("Lock mutexA").
  explicit Lock(std::string name);

  // Python's acquire(blocking=True, timeout=-1): true once acquired, false on timeout or when
  // non-blocking and taken. A timeout with blocking=false raises ValueError.
  bool acquire(bool blocking = true, double timeout = -1) const;
  // Raises RuntimeError when the lock is not locked. Any thread may release a Lock.
  void release() const;
  bool locked() const;

  void lock() const { acquire(); }
  void unlock() const { release(); }
  bool try_lock() const { return acquire(false); }

  const std::shared_ptr<detail::LockState>& state() const { return s_; }

 private:
  std::shared_ptr<detail::LockState> s_;
};

class RLock {
 public:
  RLock();
  explicit RLock(std::string name);

  // The owner may acquire again; each acquire needs its release.
  bool acquire(bool blocking = true, double timeout = -1) const;
  // Raises RuntimeError unless the calling thread owns the lock.
  void release() const;

  void lock() const { acquire(); }
  void unlock() const { release(); }
  bool try_lock() const { return acquire(false); }

  const std::shared_ptr<detail::LockState>& state() const { return s_; }

 private:
  std::shared_ptr<detail::LockState> s_;
};

namespace detail {
// Shared by Lock, RLock and Condition.
bool lock_acquire(LockState& s, bool blocking, double timeout);
void lock_release(LockState& s);
}  // namespace detail

}  // namespace weft
