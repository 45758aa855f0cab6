// How a program thread whose execution has ended gets off its stack: by unwinding it, so that
// every destructor on it runs (locks held by guards are released quietly, memory is freed).
#pragma once

namespace weft::sim {

// The exception that unwinds an abandoned thread. It does not derive from std::exception:
// scenario code that catches std::exception lets it pass.
struct Abandoned {};

// Unwinds the calling program thread as `throw Abandoned{}` would, but in one pass over the
// stack instead of two (a throw first searches for a handler, then walks the stack again to
// unwind it): most executions a reduced search explores of a deadlocking program end with
// threads to unwind. It stops at the first `catch (...)`, as a throw of Abandoned does (nothing
// names Abandoned in a handler on the simulator); a typed handler never sees it, not even
// `catch (const Abandoned&)`.
[[noreturn]] void unwind_abandoned();

}  // namespace weft::sim
