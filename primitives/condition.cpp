// Condition.wait is three visible operations, as in CPython: (1) join the waiters and release the
// lock, (2) block until notified or timed out, (3) take the lock back. A waiter that timed out
// stays listed until (3), so a notify between (2) and (3) is spent on it, as CPython spends it.
#include "primitives/condition.hpp"

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "primitives/io.hpp"

namespace weft {

using detail::ConditionState;
using detail::Gate;
using detail::Mode;
using sim::Access;
using sim::OpKind;

namespace detail {

bool WaitBudget::next(double& wait_time) {
  if (timeout_ < 0) {
    wait_time = -1;
    return true;
  }
  if (!end_) {
    end_ = now() + timeout_;
    wait_time = timeout_;
    return true;
  }
  wait_time = *end_ - now();
  // What is left below the clock's resolution has run out: waiting for it would not advance time.
  return sim::from_seconds(wait_time) > 0;
}

}  // namespace detail

namespace {

std::shared_ptr<ConditionState> make_condition(std::shared_ptr<detail::LockState> lock,
                                               std::string name) {
  auto s = detail::make_pooled<ConditionState>(std::move(lock));
  s->set_name(std::move(name));
  detail::register_object(*s);
  // A condition and its lock are one object to the checker: every condition operation reads or
  // writes the lock (ownership checks; wait releases and re-takes it), so they share an id, and
  // reduction sees each condition operation as dependent with the lock's. Reports still name
  // the condition by its own kind and name.
  s->set_id(s->lock->id());
  return s;
}

bool notified(const sim::Object* o, sim::ThreadId self) {
  return static_cast<const ConditionState*>(o)->waiters.woken(self);
}

// Step (1), declared on the lock: releasing it is what other threads observe. A timeout too large
// to wait for raises once ownership is checked, with the lock still held (Python releases it and
// takes it back around the raise).
int release_for_wait(ConditionState& c, bool too_large) {
  Gate g(OpKind::Release, Access::Write, c.lock.get());
  if (!detail::lock_owned(*c.lock, g.self())) throw RuntimeError("cannot wait on un-acquired lock");
  if (too_large) detail::timeout_too_large();
  c.waiters.add(g.self());
  const int depth = detail::lock_drop(*c.lock);
  g.result(depth);
  return depth;
}

// Step (2).
bool await_notify(ConditionState& c, double timeout) {
  Gate g(OpKind::Wait, Access::Read, &c, &notified, timeout < 0 ? Mode::Block : Mode::Timed,
         timeout);
  g.result(g.ready() ? 1 : 0);
  return g.ready();
}

// Step (3): the lock back at the depth it had, and the waiter unlisted.
void reacquire(ConditionState& c, int depth) {
  Gate g(OpKind::Acquire, Access::Write, c.lock.get(), &detail::lock_can_take, Mode::Block);
  detail::lock_take(*c.lock, g.self(), depth);
  c.waiters.remove(g.self());
  g.result(1);
}

}  // namespace

Condition::Condition() : Condition(std::string()) {}
Condition::Condition(std::string name) : Condition(RLock(), std::move(name)) {}
Condition::Condition(const Lock& lock, std::string name)
    : s_(make_condition(lock.state(), std::move(name))) {}
Condition::Condition(const RLock& lock, std::string name)
    : s_(make_condition(lock.state(), std::move(name))) {}

bool Condition::acquire(bool blocking, double timeout) const {
  return detail::lock_acquire(*s_->lock, blocking, timeout);
}

void Condition::release() const { detail::lock_release(*s_->lock); }

bool Condition::wait(double timeout) const {
  timeout = detail::nan_as(timeout, 0);
  const int depth = release_for_wait(*s_, detail::too_large(timeout));
  const bool woken = await_notify(*s_, timeout);
  reacquire(*s_, depth);
  return woken;
}

void Condition::notify(int n) const {
  Gate g(OpKind::Notify, Access::Write, s_.get());
  if (!detail::lock_owned(*s_->lock, g.self()))
    throw RuntimeError("cannot notify on un-acquired lock");
  g.result(s_->waiters.wake(n));
}

void Condition::notify_all() const {
  Gate g(OpKind::Notify, Access::Write, s_.get());
  if (!detail::lock_owned(*s_->lock, g.self()))
    throw RuntimeError("cannot notify on un-acquired lock");
  g.result(s_->waiters.wake_all());
}

}  // namespace weft
