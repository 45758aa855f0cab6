// Python's exception types, as thrown by the primitives and by scenarios.
#pragma once

#include <string>

#include "sim/error.hpp"

namespace weft {

#define WEFT_PY_ERROR(Name)                                                       \
  class Name : public Error {                                                     \
   public:                                                                        \
    explicit Name(const std::string& message = "") : Error(#Name, message) {}    \
  }

WEFT_PY_ERROR(RuntimeError);        // start() twice, release of an unlocked lock, ...
WEFT_PY_ERROR(ValueError);          // BoundedSemaphore released too often, bad arguments
WEFT_PY_ERROR(TimeoutError);        // raised by scenarios (the seed's connection retries)
WEFT_PY_ERROR(EOFError);            // input() at the end of standard input
WEFT_PY_ERROR(BrokenBarrierError);  // a Barrier that was aborted, reset or timed out
WEFT_PY_ERROR(FileNotFoundError);   // reading a file nobody wrote
WEFT_PY_ERROR(OSError);             // a real file that cannot be written (real threads)
WEFT_PY_ERROR(OverflowError);       // a sleep or timeout too long for virtual time
WEFT_PY_ERROR(Full);                // queue.Full
WEFT_PY_ERROR(Empty);               // queue.Empty

#undef WEFT_PY_ERROR

}  // namespace weft
