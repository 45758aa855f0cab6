// Barrier.wait follows CPython's code step for step. Each visible operation here is one stretch
// in which CPython holds the barrier's lock; the action runs between two of them, in the Acting
// phase, during which every other operation on the barrier waits, as it waits for the lock.
#include "primitives/barrier.hpp"

#include <algorithm>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"

namespace weft {

using detail::BarrierState;
using detail::Gate;
using detail::Mode;
using sim::Access;
using sim::OpKind;
using Phase = BarrierState::Phase;

void detail::BarrierState::holders(std::vector<sim::ThreadId>& out) const {
  if (phase == Phase::Acting && !inside.empty()) {
    out.push_back(inside.back());  // the last arrival runs the action
  } else if (phase == Phase::Draining || phase == Phase::Resetting) {
    out.insert(out.end(), inside.begin(), inside.end());
  }
}

namespace {

const BarrierState& of(const sim::Object* o) { return *static_cast<const BarrierState*>(o); }

// CPython's _enter waits while the barrier drains or resets (and for its lock).
bool may_enter(const sim::Object* o, sim::ThreadId) {
  const Phase p = of(o).phase;
  return p == Phase::Filling || p == Phase::Broken;
}

// A waiter's wait_for(lambda: state != 0) holds once the barrier left Filling and the action ended.
bool released(const sim::Object* o, sim::ThreadId) {
  const Phase p = of(o).phase;
  return p != Phase::Filling && p != Phase::Acting;
}

bool not_acting(const sim::Object* o, sim::ThreadId) { return of(o).phase != Phase::Acting; }

// CPython's `count -= 1; _exit()`: the last thread out of a draining or reset barrier empties it.
void leave(BarrierState& b, sim::ThreadId self) {
  --b.count;
  b.inside.erase(std::find(b.inside.begin(), b.inside.end(), self));
  if (b.count == 0 && (b.phase == Phase::Draining || b.phase == Phase::Resetting))
    b.phase = Phase::Filling;
}

// Enters and takes an index. The last arrival releases the others, or starts the action. Another
// arrival whose wait is too long to represent leaves again and raises, the barrier unbroken.
int arrive(BarrierState& b, bool too_large) {
  Gate g(OpKind::Wait, Access::Write, &b, &may_enter, Mode::Block);
  if (b.phase == Phase::Broken) throw BrokenBarrierError();
  const int index = b.count;
  g.result(index);
  if (too_large && index + 1 < b.parties) detail::timeout_too_large();
  ++b.count;
  b.inside.push_back(g.self());
  if (index + 1 == b.parties) {
    if (b.action) {
      b.phase = Phase::Acting;
    } else {
      b.phase = Phase::Draining;
      leave(b, g.self());
    }
  }
  return index;
}

// After the action: release the others, or break the barrier if the action threw.
void end_action(BarrierState& b, bool failed) {
  Gate g(OpKind::Notify, Access::Write, &b);
  b.phase = failed ? Phase::Broken : Phase::Draining;
  leave(b, g.self());
}

void run_action(BarrierState& b) {
  try {
    b.action();
  } catch (const sim::Abandoned&) {
    throw;  // the execution has ended: nothing more to do on the barrier
  } catch (...) {
    // The same on the simulator, which unwinds an abandoned thread past typed handlers.
    if (auto* rt = sim::Runtime::current(); rt != nullptr && rt->ended()) throw;
    end_action(b, true);
    throw;
  }
  end_action(b, false);
}

// How a waiter leaves once released or timed out: a timeout while still filling breaks the
// barrier; anything but a normal release raises BrokenBarrierError.
void conclude(BarrierState& b, const Gate& g) {
  const Phase seen = b.phase;
  if (seen == Phase::Filling) b.phase = Phase::Broken;
  leave(b, g.self());
  g.result(seen == Phase::Draining ? 1 : 0);
  if (seen != Phase::Draining) throw BrokenBarrierError();
}

void await_release(BarrierState& b, double timeout) {
  {
    Gate g(OpKind::Wait, Access::Write, &b, &released, timeout < 0 ? Mode::Block : Mode::Timed,
           timeout);
    if (b.phase != Phase::Acting) {
      conclude(b, g);
      return;
    }
  }
  // Timed out while the last arrival runs the action: in CPython the waiter then waits for the
  // lock the action's thread holds, and finds the barrier released (or broken) once it has it.
  Gate g(OpKind::Wait, Access::Write, &b, &not_acting, Mode::Block);
  conclude(b, g);
}

}  // namespace

Barrier::Barrier(int parties, std::function<void()> action, double timeout, std::string name) {
  if (parties < 1) throw ValueError("parties must be > 0");
  s_ = detail::make_pooled<BarrierState>(parties, std::move(action), timeout);
  s_->set_name(std::move(name));
  detail::register_object(*s_);
}

int Barrier::wait(double timeout) const {
  if (timeout < 0) timeout = s_->timeout;
  timeout = detail::nan_as(timeout, -1);
  const int index = arrive(*s_, detail::too_large(timeout));
  if (index + 1 < s_->parties) {
    await_release(*s_, timeout);
  } else if (s_->action) {
    run_action(*s_);
  }
  return index;
}

void Barrier::reset() const {
  Gate g(OpKind::Notify, Access::Write, s_.get(), &not_acting, Mode::Block);
  if (s_->count == 0) {
    s_->phase = Phase::Filling;
  } else if (s_->phase == Phase::Filling || s_->phase == Phase::Broken) {
    s_->phase = Phase::Resetting;  // the last waiter to leave empties it
  }
}

void Barrier::abort() const {
  Gate g(OpKind::Notify, Access::Write, s_.get(), &not_acting, Mode::Block);
  s_->phase = Phase::Broken;
}

int Barrier::n_waiting() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  const Phase p = s_->phase;
  const int n = p == Phase::Filling || p == Phase::Acting ? s_->count : 0;
  g.result(n);
  return n;
}

bool Barrier::broken() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  g.result(s_->phase == Phase::Broken ? 1 : 0);
  return s_->phase == Phase::Broken;
}

}  // namespace weft
