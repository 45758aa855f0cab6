#include "backends.hpp"

#include "real/run.hpp"
#include "support.hpp"

namespace weft::test {

std::ostream& operator<<(std::ostream& os, Backend b) {
  return os << (b == Backend::Sim ? "sim" : "real");
}

sim::Outcome run_on(Backend b, const std::function<void()>& body,
                    std::vector<std::string> stdin_lines) {
  if (b == Backend::Sim) return run_once(body, stdin_lines);
  real::RealOptions o;
  o.time_scale = kRealTimeScale;
  o.timeout = kRealTimeout;
  o.grace = kRealTimeout;  // every thread here unwinds at once, unless something is broken
  o.stdin_lines = std::move(stdin_lines);
  return real::run_real(body, o);
}

}  // namespace weft::test
