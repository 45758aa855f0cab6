#include "checker/failure.hpp"

#include <string>

namespace weft::checker {

FailureKind failure_kind(const sim::Outcome& o, const FailurePolicy& policy) {
  switch (o.status) {
    case sim::Status::Deadlock: return FailureKind::Deadlock;
    case sim::Status::Livelock: return FailureKind::Livelock;
    case sim::Status::Failure: return FailureKind::Check;
    case sim::Status::Ok:
    case sim::Status::Limit:
    case sim::Status::Hung: break;
  }
  // Reports start a line: at the start of stderr or after a newline.
  if (policy.fail_on_exception && !o.err.empty()) {
    if (o.err.starts_with(kUncaughtPrefix)) return FailureKind::Exception;
    if (o.err.find("\n" + std::string(kUncaughtPrefix)) != std::string::npos)
      return FailureKind::Exception;
  }
  return FailureKind::None;
}

bool same_failure(const sim::Outcome& a, const sim::Outcome& b, const FailurePolicy& policy) {
  const FailureKind k = failure_kind(a, policy);
  if (k == FailureKind::None || k != failure_kind(b, policy)) return false;
  return k != FailureKind::Check || a.message == b.message;
}

const char* failure_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::None: return "none";
    case FailureKind::Deadlock: return "deadlock";
    case FailureKind::Livelock: return "livelock";
    case FailureKind::Check: return "failed check";
    case FailureKind::Exception: return "uncaught exception";
  }
  return "?";
}

}  // namespace weft::checker
