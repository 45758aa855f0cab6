#include "checker/failure.hpp"

#include <algorithm>
#include <string>

namespace weft::checker {

namespace {
// Whether stderr holds a report ("Exception in thread NAME: TYPE[: message]") of an exception
// whose TYPE the policy does not expect.
bool unexpected_exception(const std::string& err, const FailurePolicy& policy) {
  std::size_t at = 0;
  while ((at = err.find(kUncaughtPrefix, at)) != std::string::npos) {
    const bool line_start = at == 0 || err[at - 1] == '\n';
    const std::size_t end = std::min(err.find('\n', at), err.size());
    const std::string line = err.substr(at, end - at);
    at = end;
    if (!line_start) continue;
    const std::size_t name_end = line.find(": ");
    if (name_end == std::string::npos) return true;
    const std::string rest = line.substr(name_end + 2);
    const std::string type = rest.substr(0, rest.find(':'));
    const auto& ok = policy.expected_exceptions;
    if (std::find(ok.begin(), ok.end(), type) == ok.end()) return true;
  }
  return false;
}
}  // namespace

FailureKind failure_kind(const sim::Outcome& o, const FailurePolicy& policy) {
  switch (o.status) {
    case sim::Status::Deadlock: return FailureKind::Deadlock;
    case sim::Status::Livelock: return FailureKind::Livelock;
    case sim::Status::Failure: return FailureKind::Check;
    case sim::Status::Crashed: return FailureKind::Crash;
    case sim::Status::Runaway: return FailureKind::Runaway;
    case sim::Status::Ok:
    case sim::Status::Limit:
    case sim::Status::Hung: break;
  }
  if (policy.fail_on_exception && unexpected_exception(o.err, policy))
    return FailureKind::Exception;
  return FailureKind::None;
}

bool same_failure(const sim::Outcome& a, const sim::Outcome& b, const FailurePolicy& policy) {
  const FailureKind k = failure_kind(a, policy);
  if (k == FailureKind::None || k != failure_kind(b, policy)) return false;
  // Another assertion is another bug; another signal another crash.
  return (k != FailureKind::Check && k != FailureKind::Crash) || a.message == b.message;
}

const char* failure_name(FailureKind kind) {
  switch (kind) {
    case FailureKind::None: return "none";
    case FailureKind::Deadlock: return "deadlock";
    case FailureKind::Livelock: return "livelock";
    case FailureKind::Check: return "failed check";
    case FailureKind::Exception: return "uncaught exception";
    case FailureKind::Crash: return "crash";
    case FailureKind::Runaway: return "runaway";
  }
  return "?";
}

}  // namespace weft::checker
