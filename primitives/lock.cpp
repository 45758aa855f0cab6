#include "primitives/lock.hpp"

#include <exception>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "sim/state_hash.hpp"

namespace weft {

using detail::Gate;
using detail::LockState;
using detail::Mode;
using sim::Access;

bool detail::LockState::fingerprint(sim::StateHasher& h) const {
  h.mix(locked);
  h.thread(locked ? owner : sim::kNoThread);
  h.mix(static_cast<std::uint64_t>(count));
  return true;
}

using sim::OpKind;

namespace detail {

bool lock_can_take(const sim::Object* o, sim::ThreadId self) {
  const auto* s = static_cast<const LockState*>(o);
  return !s->locked || (s->reentrant && s->owner == self);
}

void lock_take(LockState& s, sim::ThreadId self, int depth) {
  s.locked = true;
  s.owner = self;
  s.count += depth;
}

int lock_drop(LockState& s) {
  const int depth = s.count;
  s.locked = false;
  s.owner = sim::kNoThread;
  s.count = 0;
  return depth;
}

bool lock_owned(const LockState& s, sim::ThreadId self) {
  return s.locked && (!s.reentrant || s.owner == self);
}

// Python's checks, in its order: -1 is no timeout; any other negative timeout is an error.
bool lock_acquire(LockState& s, bool blocking, double timeout) {
  reject_nan(timeout);
  if (too_large(timeout)) timeout_too_large();
  if (!blocking && timeout != -1) throw ValueError("can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout != -1) throw ValueError("timeout value must be positive");
  const Mode mode = !blocking ? Mode::NoWait : timeout < 0 ? Mode::Block : Mode::Timed;
  Gate g(OpKind::Acquire, Access::Write, &s, &lock_can_take, mode, timeout);
  if (!g.ready()) {
    g.result(0);
    return false;
  }
  lock_take(s, g.self(), 1);
  g.result(1);
  return true;
}

void lock_release(LockState& s) {
  Gate g(OpKind::Release, Access::Write, &s);
  const char* error = nullptr;
  if (s.reentrant) {
    if (!s.locked || s.owner != g.self()) error = "cannot release un-acquired lock";
  } else if (!s.locked) {
    error = "release unlocked lock";
  }
  if (error != nullptr) {
    // A guard releasing while its stack unwinds (a thread abandoned inside Condition.wait, which
    // had given the lock up) must not throw: throwing from a destructor would end the process.
    if (std::uncaught_exceptions() > 0) return;
    throw RuntimeError(error);
  }
  if (--s.count == 0) {
    s.locked = false;
    s.owner = sim::kNoThread;
  }
}

}  // namespace detail

static std::shared_ptr<LockState> make_lock(bool reentrant, std::string&& name) {
  auto s = detail::make_pooled<LockState>(reentrant, std::move(name));
  detail::register_object(*s);
  return s;
}

Lock::Lock() : s_(make_lock(false, "")) {}
Lock::Lock(std::string name) : s_(make_lock(false, std::move(name))) {}
bool Lock::acquire(bool blocking, double timeout) const {
  return detail::lock_acquire(*s_, blocking, timeout);
}
void Lock::release() const { detail::lock_release(*s_); }
bool Lock::locked() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  return s_->locked;
}

RLock::RLock() : s_(make_lock(true, "")) {}
RLock::RLock(std::string name) : s_(make_lock(true, std::move(name))) {}
bool RLock::acquire(bool blocking, double timeout) const {
  return detail::lock_acquire(*s_, blocking, timeout);
}
void RLock::release() const { detail::lock_release(*s_); }

}  // namespace weft
