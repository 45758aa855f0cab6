// Runs one test body on either backend, so that the same test pins the same behaviour on the
// simulator and on real threads (Catch2: `GENERATE(Backend::Sim, Backend::Real)`). Use it for
// programs whose outcome does not depend on the interleaving: sequenced by join, locks, events or
// input, never by racing sleeps. Tag such tests [backends] (tests/CMakeLists.txt: they are the ones
// the ThreadSanitizer build runs, with the [real] ones).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "primitives/errors.hpp"
#include "primitives/io.hpp"
#include "sim/outcome.hpp"

namespace weft::test {

enum class Backend { Sim, Real };

// "sim" / "real", so that Catch2 names the backend of a failing run.
std::ostream& operator<<(std::ostream& os, Backend b);

// Real seconds per virtual second on the real backend: sleep(1) takes 1 ms. Tests never rely on
// a sleep to order threads, so the scale only needs to keep them short.
inline constexpr double kRealTimeScale = 0.001;
// Real seconds after which a real run is reported hung, so that a bug fails a test instead of
// stopping the suite.
inline constexpr double kRealTimeout = 20;

// Runs `body` once as MainThread: on the simulator with the first-enabled schedule, on real
// threads with kRealTimeScale and kRealTimeout. Both use seed 0.
sim::Outcome run_on(Backend b, const std::function<void()>& body,
                    std::vector<std::string> stdin_lines = {});

// Runs f and prints the weft::Error it raised as `TYPE: message`, as Python's
// `except E as e: print(type(e), e)` would, so that a test pins the exception in stdout.
template <class F>
void print_error(F&& f) {
  try {
    f();
  } catch (const weft::Error& e) {
    weft::print(std::string(e.type()) + ":", e.what());
  }
}

}  // namespace weft::test
