// Running a program once on real OS threads: what it does on this machine today.
#pragma once

#include <functional>

#include "real/options.hpp"
#include "sim/outcome.hpp"

namespace weft::real {

// Runs `body` as MainThread of one execution on real threads and returns how it ended: ok, or
// failure (a weft::check), or hung when it had not ended after `options.timeout` real seconds
// (then stdout/stderr hold what was written until then). Daemon threads still running at the
// end are abandoned. A thread that does not come back within `options.grace` (busy in plain
// code, where weft cannot stop it) is left running, detached, and the execution's state is
// deliberately leaked so that it stays valid for it. Throws std::invalid_argument when
// time_scale is not positive or timeout is negative.
sim::Outcome run_real(const std::function<void()>& body, const RealOptions& options);

}  // namespace weft::real
