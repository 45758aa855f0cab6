#include "primitives/timer.hpp"

namespace weft {

namespace detail {

void timer_run(const Event& finished, double interval, const std::function<void()>& fn) {
  finished.wait(interval);
  // CPython checks the flag again after the wait: a cancel() that comes after the timeout but
  // before this check still stops the call.
  if (!finished.is_set()) fn();
  finished.set();
}

}  // namespace detail

void Timer::cancel() const { finished_.set(); }

}  // namespace weft
