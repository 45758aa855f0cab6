#include "primitives/detail/timeouts.hpp"

#include "primitives/detail/backend.hpp"
#include "primitives/errors.hpp"

namespace weft::detail {

void nan_error() { throw ValueError("Invalid value NaN (not a number)"); }

bool too_large_from_now(double seconds) {
  const sim::Time length = sim::from_seconds(seconds);
  sim::Time now = 0;
  if (auto* rt = sim::Runtime::current()) {
    now = rt->now();
  } else if (auto* real = RealBackend::current()) {
    now = sim::from_seconds(real->now());
  }
  return length == sim::kNever || length >= sim::kNever - now;
}

void timeout_too_large() { throw OverflowError("timeout value is too large"); }

}  // namespace weft::detail
