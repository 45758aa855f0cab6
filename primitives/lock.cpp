#include "primitives/lock.hpp"

#include "primitives/detail/backend.hpp"
#include "primitives/errors.hpp"

namespace weft {

using detail::Gate;
using detail::LockState;
using detail::Mode;
using sim::Access;
using sim::OpKind;

namespace detail {

namespace {
bool can_take(const sim::Object* o, sim::ThreadId self) {
  const auto* s = static_cast<const LockState*>(o);
  return !s->locked || (s->reentrant && s->owner == self);
}
}  // namespace

bool lock_acquire(LockState& s, bool blocking, double timeout) {
  if (!blocking && timeout >= 0) throw ValueError("can't specify a timeout for a non-blocking call");
  const Mode mode = !blocking ? Mode::NoWait : timeout < 0 ? Mode::Block : Mode::Timed;
  Gate g(OpKind::Acquire, Access::Write, &s, &can_take, mode, timeout);
  if (!g.ready()) {
    g.result(0);
    return false;
  }
  s.locked = true;
  s.owner = g.self();
  ++s.count;
  g.result(1);
  return true;
}

void lock_release(LockState& s) {
  Gate g(OpKind::Release, Access::Write, &s);
  if (s.reentrant) {
    if (!s.locked || s.owner != g.self()) throw RuntimeError("cannot release un-acquired lock");
  } else if (!s.locked) {
    throw RuntimeError("release unlocked lock");
  }
  if (--s.count == 0) {
    s.locked = false;
    s.owner = sim::kNoThread;
  }
}

}  // namespace detail

static std::shared_ptr<LockState> make_lock(bool reentrant, std::string name) {
  auto s = std::make_shared<LockState>(reentrant);
  s->set_name(std::move(name));
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
  Gate g(OpKind::Query, Access::Read, s_.get());
  return s_->locked;
}

RLock::RLock() : s_(make_lock(true, "")) {}
RLock::RLock(std::string name) : s_(make_lock(true, std::move(name))) {}
bool RLock::acquire(bool blocking, double timeout) const {
  return detail::lock_acquire(*s_, blocking, timeout);
}
void RLock::release() const { detail::lock_release(*s_); }

}  // namespace weft
