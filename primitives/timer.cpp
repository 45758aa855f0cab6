#include "primitives/timer.hpp"

namespace weft {

namespace detail {

void timer_run(const Event& finished, double interval, const std::function<void()>& fn) {
  // Python's Timer waits on its event with the interval as it is: a negative or NaN one does not
  // block (the function runs at once), one too long to represent raises OverflowError here.
  finished.wait(interval > 0 ? interval : 0);
  // CPython checks the flag again after the wait: a cancel() that comes after the timeout but
  // before this check still stops the call.
  if (!finished.is_set()) fn();
  finished.set();
}

}  // namespace detail

void Timer::cancel() const { finished_.set(); }

}  // namespace weft
