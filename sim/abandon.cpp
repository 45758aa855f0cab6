#include "sim/abandon.hpp"

#include <cxxabi.h>

#include <exception>
#include <new>
#include <typeinfo>

#include "sim/fiber.hpp"

#if WEFT_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace weft::sim {

#if WEFT_FORCED_UNWIND

namespace detail {

// Go on. The unwinding ends at a `catch (...)`, whose personality routine stops it; every program
// thread has one at its base (Runtime::fiber_run), so the end of the stack is never reached.
_Unwind_Reason_Code keep_unwinding(int, _Unwind_Action actions, _Unwind_Exception_Class,
                                   _Unwind_Exception*, _Unwind_Context*, void*) {
  return (actions & _UA_END_OF_STACK) != 0 ? _URC_FATAL_PHASE2_ERROR : _URC_NO_REASON;
}

// The exception is made as libstdc++'s __cxa_throw makes it, then handed to the unwinder's
// forced unwinding (what thread cancellation uses) instead of its two-phase raise. Under a forced
// unwinding the personality routines run cleanups and enter catch-all handlers only; the handler
// ends it as it ends any exception, freeing the object.
_Unwind_Exception* new_abandoned() {
  void* object = abi::__cxa_allocate_exception(sizeof(Abandoned));
  new (object) Abandoned{};
  auto* header = abi::__cxa_init_primary_exception(
      object, const_cast<std::type_info*>(&typeid(Abandoned)), nullptr);
  // __cxa_refcounted_exception starts with its reference count; __cxa_throw sets it to 1.
  *reinterpret_cast<int*>(header) = 1;
  // As __cxa_throw does: std::uncaught_exceptions() tells a destructor it runs while unwinding.
  Fiber::exception_globals().uncaught += 1;
#if WEFT_ASAN
  __asan_handle_no_return();  // as AddressSanitizer's interception of __cxa_throw does
#endif
  // The exception's unwinder header is the last member of the header preceding the object.
  return static_cast<_Unwind_Exception*>(object) - 1;
}

}  // namespace detail

#endif

}  // namespace weft::sim
