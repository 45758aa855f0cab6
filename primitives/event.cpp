#include "primitives/event.hpp"

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"

namespace weft {

using detail::EventState;
using detail::Gate;
using detail::Mode;
using sim::Access;
using sim::OpKind;

namespace {

bool woken(const sim::Object* o, sim::ThreadId self) {
  return static_cast<const EventState*>(o)->waiters.woken(self);
}

// The first step of wait: true if the flag is set, else the caller is listed as a waiter, in the
// same operation, so that a set() right after it wakes this caller. A wait too long to represent
// raises instead of listing it.
//
// Both steps of a wait are reads to the checker: they read the flag or the caller's own waiter
// entry, and what they change is that entry alone, which only set() reads (it wakes every listed
// waiter), and set() is a write. So two threads' waits commute, and a wait commutes with
// is_set(), while each still conflicts with every set() and clear() (docs/reduction.md).
bool check_or_enlist(EventState& e, bool too_large) {
  Gate g(OpKind::Wait, Access::Read, &e);
  if (e.flag) {
    g.result(1);
    return true;
  }
  if (too_large) detail::timeout_too_large();
  e.waiters.add(g.self());
  g.result(0);
  return false;
}

}  // namespace

// What each operation answers its thread (docs/state-caching.md, "What a thread learns"): a
// wait's first step, whether the flag is set (the caller is not listed then); a blocked wait's
// end, whether the caller was woken (it is listed, and its deadline is the time's business);
// is_set, the flag; set and clear, nothing. Who else waits, and in which order, reaches no
// thread: the boss of event_overtime that sets the event learned how many workers waited.
bool EventState::learned(sim::OpKind kind, sim::StateHasher& h) const {
  switch (kind) {
    case OpKind::Wait: {
      const bool listed = waiters.listed(h.self());
      h.mix(listed);
      h.mix(listed ? waiters.woken(h.self()) : flag);
      return true;
    }
    case OpKind::Query:
      h.mix(flag);
      return true;
    case OpKind::Set:
    case OpKind::Clear:
      return true;
    default:
      return fingerprint(h);
  }
}

Event::Event() : Event(std::string()) {}

Event::Event(std::string name) : s_(detail::make_pooled<EventState>()) {
  s_->set_name(std::move(name));
  detail::register_object(*s_);
}

bool Event::is_set() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  g.result(s_->flag ? 1 : 0);
  return s_->flag;
}

void Event::set() const {
  Gate g(OpKind::Set, Access::Write, s_.get());
  s_->flag = true;
  g.result(s_->waiters.wake_all());
}

void Event::clear() const {
  Gate g(OpKind::Clear, Access::Write, s_.get());
  s_->flag = false;
}

bool Event::wait(double timeout) const {
  timeout = detail::nan_as(timeout, 0);
  if (check_or_enlist(*s_, detail::too_large(timeout))) return true;
  Gate g(OpKind::Wait, Access::Read, s_.get(), &woken, timeout < 0 ? Mode::Block : Mode::Timed,
         timeout);
  s_->waiters.remove(g.self());
  g.result(g.ready() ? 1 : 0);
  return g.ready();
}

}  // namespace weft
