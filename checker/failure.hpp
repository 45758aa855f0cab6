// What counts as a failure when checking or fuzzing: a deadlock, a livelock, a failed
// weft::check, and on request an uncaught exception. Shrinking keeps the failure's kind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/outcome.hpp"

namespace weft::checker {

enum class FailureKind : std::uint8_t {
  None,       // not a failure
  Deadlock,   // status deadlock
  Livelock,   // status livelock
  Check,      // status failure: a weft::check did not hold
  Exception,  // an uncaught exception was reported on stderr (when asked for)
  Crash,      // status crashed: the process running the execution died of a signal
  Runaway,    // status runaway: user code never came back to weft
};

// Which failures to look for.
struct FailurePolicy {
  bool fail_on_exception = false;  // an "Exception in thread ..." report on stderr is a failure
  // Exception types (Python names, "EOFError") a scenario's threads may die of by design: their
  // reports are not failures.
  std::vector<std::string> expected_exceptions;
};

// What kind of failure `o` is under `policy` (None when it is not one).
FailureKind failure_kind(const sim::Outcome& o, const FailurePolicy& policy);
// True if `o` is a failure under `policy`.
inline bool is_failure(const sim::Outcome& o, const FailurePolicy& policy) {
  return failure_kind(o, policy) != FailureKind::None;
}
// True if `b` fails the same way as `a`: the same kind, and for a failed check the same message
// (another assertion is another bug).
bool same_failure(const sim::Outcome& a, const sim::Outcome& b, const FailurePolicy& policy);
// "deadlock", "livelock", "failed check", "uncaught exception", "crash", "runaway".
const char* failure_name(FailureKind kind);
// The text Runtime writes to stderr for an exception that escapes a thread.
inline constexpr std::string_view kUncaughtPrefix = "Exception in thread ";

}  // namespace weft::checker
