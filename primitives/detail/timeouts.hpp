// Python's rules for a sleep length or a timeout in seconds, the same on both backends. weft takes
// a negative timeout for Python's None (no timeout), except where Python's own default is -1
// (Lock.acquire); what this file settles is NaN and a length past the end of virtual time.
#pragma once

namespace weft::detail {

// Throws ValueError("Invalid value NaN (not a number)") for NaN, as Python's conversion of a
// time does where it converts one (time.sleep, Lock.acquire, Thread.join). Inline, as the test
// of too_large below: every acquire of a lock makes both.
[[noreturn]] void nan_error();
inline void reject_nan(double seconds) {
  if (seconds != seconds) [[unlikely]] nan_error();
}
// Where Python never converts a NaN timeout, its arithmetic decides: Event.wait and
// Condition.wait do not block (NaN > 0 is false), so NaN means 0 there; loops that re-check
// `end - now <= 0` (Semaphore.acquire, Queue.get and put, Condition.wait_for, Barrier.wait) never
// time out, so NaN means no timeout (-1) there.
inline double nan_as(double seconds, double instead) {
  return seconds != seconds ? instead : seconds;
}
// Whether a wait of `seconds` from now would end past the end of virtual time (2^63 ns, about 292
// years; real threads measure the same clock). Python raises OverflowError for a wait it cannot
// represent, and so does weft, where the wait happens. Infinity is too large.
bool too_large_from_now(double seconds);
inline bool too_large(double seconds) { return seconds > 0 && too_large_from_now(seconds); }
// Throws OverflowError("timeout value is too large"), CPython's words for a lock's timeout.
[[noreturn]] void timeout_too_large();

}  // namespace weft::detail
