#include "primitives/detail/backend.hpp"

#include "primitives/errors.hpp"

namespace weft::detail {

namespace {
thread_local RealBackend* t_real = nullptr;
}

RealBackend* RealBackend::current() { return t_real; }
void RealBackend::set_current(RealBackend* b) { t_real = b; }

void no_backend() {
  throw RuntimeError("weft primitives must be used inside a scenario run by weft");
}

sim::Time Gate::sim_deadline(double timeout) const {
  const sim::Time d = sim::from_seconds(timeout);
  return d == sim::kNever ? sim::kNever : rt_->now() + d;
}

void Gate::enter_real(sim::OpKind kind, sim::Access access, const sim::Object* object,
                      sim::ReadyFn can_go, Mode mode, double timeout) {
  real_ = RealBackend::current();
  if (real_ == nullptr) no_backend();
  real_->before_operation();
  std::unique_lock<std::mutex> lock(real_->mu);  // unlocks if this throws
  self_ = real_->self();
  auto go = [&] { return real_->ended() || can_go == nullptr || can_go(object, self_); };
  if (mode == Mode::Block || (mode == Mode::Timed && timeout < 0)) {
    real_->cv.wait(lock, go);
  } else if (mode == Mode::Timed) {
    real_->cv.wait_until(lock, real_->deadline_after(timeout), go);
  }
  if (real_->ended() && !sim::quiet_when_abandoned(kind)) throw sim::Abandoned{};
  ready_ = can_go == nullptr || can_go(object, self_);
  notify_ = access == sim::Access::Write;
  held_ = lock.release();  // the destructor unlocks
}

sim::World& Gate::world() const { return rt_ != nullptr ? rt_->world() : real_->world; }

void register_object_off_sim(sim::Object& o) {
  if (auto* real = RealBackend::current()) {
    std::lock_guard<std::mutex> lock(real->mu);
    real->register_object(o);
  }
  // Outside any execution an object keeps id 0; its first operation will report the misuse.
}

ThreadId current_tid() {
  if (auto* rt = sim::Runtime::current()) return rt->self();
  auto* real = RealBackend::current();
  if (real == nullptr) no_backend();
  std::lock_guard<std::mutex> lock(real->mu);
  return real->self();
}

sim::World& current_world() {
  if (auto* rt = sim::Runtime::current()) return rt->world();
  auto* real = RealBackend::current();
  if (real == nullptr) no_backend();
  return real->world;
}

}  // namespace weft::detail
