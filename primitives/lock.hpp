// threading.Lock and threading.RLock. Both satisfy C++'s Lockable, so std::scoped_lock and
// std::unique_lock work on them. Copies share one lock, as Python references do.
#pragma once

#include <memory>
#include <string>

#include "sim/types.hpp"

namespace weft {

namespace detail {
struct LockState : sim::Object {
  LockState(bool is_reentrant, std::string&& name)
      : sim::Object(is_reentrant ? "RLock" : "Lock", std::move(name)), reentrant(is_reentrant) {}
  const bool reentrant;
  bool locked = false;
  sim::ThreadId owner = sim::kNoThread;  // who acquired it (a plain Lock has no owner in Python;
                                         // it is kept for reports)
  int count = 0;                         // RLock recursion depth
  void holders(std::vector<sim::ThreadId>& out) const override {
    if (locked) out.push_back(owner);
  }
  bool fingerprint(sim::StateHasher& h) const override;
  // "free", or an RLock's depth while taken more than once (its owner is its holder).
  std::string state() const override {
    if (!locked) return "free";
    return count > 1 ? "taken " + std::to_string(count) + " times" : std::string();
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
  // Whether some thread holds the lock. A pure read, never inlined: its return address names the
  // calling line, and reading again from the same line with nothing released or acquired in
  // between is how weft tells a spin loop (`while (lock.locked()) {}`; sim::Op::site).
  [[gnu::noinline]] bool locked() const;

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

// Steps on a lock's state, for operations of another primitive (Condition's wait) that hold a
// Gate of their own: they change the lock inside that one visible operation.
// Whether thread `self` may take the lock now (a Gate's ready predicate).
bool lock_can_take(const sim::Object* lock, sim::ThreadId self);
// Takes the lock for `self`, `depth` levels deep. Precondition: lock_can_take holds.
void lock_take(LockState& s, sim::ThreadId self, int depth);
// Releases the lock entirely, whatever its recursion depth, and returns that depth.
int lock_drop(LockState& s);
// CPython's Condition._is_owned: an RLock is owned by the thread that holds it; a plain Lock has
// no owner in Python, so it counts as owned by anyone while it is locked.
bool lock_owned(const LockState& s, sim::ThreadId self);
}  // namespace detail

}  // namespace weft
