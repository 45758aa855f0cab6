// How a program thread whose execution has ended gets off its stack: by unwinding it, so that
// every destructor on it runs (locks held by guards are released quietly, memory is freed).
#pragma once

#include <exception>

#if defined(__GLIBCXX__) && !defined(__ARM_EABI_UNWINDER__)
#include <unwind.h>
#define WEFT_FORCED_UNWIND 1
#endif

namespace weft::sim {

// The exception that unwinds an abandoned thread. It does not derive from std::exception:
// scenario code that catches std::exception lets it pass.
struct Abandoned {};

// Unwinds the calling program thread as `throw Abandoned{}` would, but in one pass over the
// stack instead of two (a throw first searches for a handler, then walks the stack again to
// unwind it): most executions a reduced search explores of a deadlocking program end with
// threads to unwind. It stops at the first `catch (...)`, as a throw of Abandoned does (nothing
// names Abandoned in a handler on the simulator); a typed handler never sees it, not even
// `catch (const Abandoned&)`. Inline, so that the unwinding starts at the caller: each frame
// walked costs about as much as all the rest of the unwinding's set-up.
#if WEFT_FORCED_UNWIND
namespace detail {
// The exception a throw of Abandoned would make (libstdc++'s __cxa_throw), counted in flight.
_Unwind_Exception* new_abandoned();
// The forced unwinding's stop function: called at every frame, before the frame's own cleanups.
_Unwind_Reason_Code keep_unwinding(int version, _Unwind_Action actions,
                                   _Unwind_Exception_Class exception_class,
                                   _Unwind_Exception* exception, _Unwind_Context* context,
                                   void* parameter);
}  // namespace detail

[[noreturn, gnu::always_inline]] inline void unwind_abandoned() {
  _Unwind_ForcedUnwind(detail::new_abandoned(), &detail::keep_unwinding, nullptr);
  std::terminate();  // the unwinding found no handler at all
}
#else
[[noreturn]] inline void unwind_abandoned() { throw Abandoned{}; }
#endif

}  // namespace weft::sim
