#include "primitives/semaphore.hpp"

#include <algorithm>
#include <exception>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "sim/state_hash.hpp"

namespace weft {

using detail::Gate;
using detail::Mode;
using detail::SemaphoreState;
using sim::Access;
using sim::OpKind;

// Only the permits left decide what any operation does or answers. `taken` is read by holders()
// alone, for reports (a blocked thread's "held by", a trace's events), which are no part of an
// outcome's identity: states that differ only there have the same outcomes ahead.
bool detail::SemaphoreState::fingerprint(sim::StateHasher& h) const {
  h.mix(static_cast<std::uint64_t>(value));
  return true;
}

// What acquire and release answer their thread: acquire returns (or, past a timeout too large,
// raises) by whether a permit is left; release raises by the value, for a bounded semaphore only
// (`n` comes from the thread's own code). Nothing of who else holds or waits reaches the thread.
bool detail::SemaphoreState::learned(sim::OpKind kind, sim::StateHasher& h) const {
  if (kind == sim::OpKind::Acquire) {
    h.mix(value > 0);
  } else if (kind != sim::OpKind::Release) {
    return fingerprint(h);
  } else if (bounded) {
    h.mix(static_cast<std::uint64_t>(value));
  }
  return true;
}

void detail::SemaphoreState::holders(std::vector<sim::ThreadId>& out) const {
  for (sim::ThreadId t : taken)
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
}

namespace {

bool has_permit(const sim::Object* o, sim::ThreadId) {
  return static_cast<const SemaphoreState*>(o)->value > 0;
}

// A permit goes back: the releaser's own if it holds one, else the oldest one taken (a permit
// released by another thread, as a producer releases what a consumer acquired).
void give_back(std::vector<sim::ThreadId>& taken, sim::ThreadId self) {
  auto it = std::find(taken.begin(), taken.end(), self);
  if (it == taken.end()) it = taken.begin();
  if (it != taken.end()) taken.erase(it);
}

}  // namespace

Semaphore::Semaphore(int value, std::string name) : Semaphore(false, value, std::move(name)) {}

Semaphore::Semaphore(bool bounded, int value, std::string name) {
  if (value < 0) throw ValueError("semaphore initial value must be >= 0");
  s_ = detail::make_pooled<SemaphoreState>(bounded, value);
  s_->set_name(std::move(name));
  detail::register_object(*s_);
}

bool Semaphore::acquire(bool blocking, double timeout) const {
  if (!blocking && !(timeout < 0))
    throw ValueError("can't specify timeout for non-blocking acquire");
  timeout = detail::nan_as(timeout, -1);
  // A wait too long to represent raises where it would begin: with no permit left.
  const bool too_large = detail::too_large(timeout);
  const Mode mode = !blocking ? Mode::NoWait : timeout < 0 ? Mode::Block : Mode::Timed;
  Gate g(OpKind::Acquire, Access::Write, s_.get(), &has_permit, mode, too_large ? 0 : timeout);
  if (!g.ready()) {
    g.result(0);
    if (too_large) detail::timeout_too_large();
    return false;
  }
  --s_->value;
  s_->taken.push_back(g.self());
  g.result(1);
  return true;
}

void Semaphore::release(int n) const {
  if (n < 1) throw ValueError("n must be one or more");
  Gate g(OpKind::Release, Access::Write, s_.get());
  if (s_->bounded && s_->value + n > s_->initial) {
    // A guard releasing while its stack unwinds must not throw: that would end the process.
    if (std::uncaught_exceptions() > 0) return;
    throw ValueError("Semaphore released too many times");
  }
  s_->value += n;
  for (int i = 0; i < n; ++i) give_back(s_->taken, g.self());
  g.result(s_->value);
}

BoundedSemaphore::BoundedSemaphore(int value, std::string name)
    : Semaphore(true, value, std::move(name)) {}

}  // namespace weft
