// Python's exception types, as thrown by the primitives and by scenarios.
#pragma once

#include <string>

#include "sim/error.hpp"

namespace weft {

// Name derives from Base as in Python's hierarchy (ConnectionRefusedError is a ConnectionError,
// which is an OSError), so that `catch (const ConnectionError&)` catches what Python's `except
// ConnectionError:` does, and each reports its own Python name.
#define WEFT_PY_ERROR_OF(Name, Base)                                               \
  class Name : public Base {                                                      \
   public:                                                                        \
    explicit Name(const std::string& message = "") : Base(#Name, message) {}     \
                                                                                  \
   protected:                                                                     \
    Name(const char* type, const std::string& message) : Base(type, message) {}  \
  }
#define WEFT_PY_ERROR(Name) WEFT_PY_ERROR_OF(Name, Error)

WEFT_PY_ERROR(RuntimeError);        // start() twice, release of an unlocked lock, ...
WEFT_PY_ERROR(ValueError);          // BoundedSemaphore released too often, bad arguments
WEFT_PY_ERROR(TimeoutError);  // raised by scenarios (the seed's connection retries), sockets
WEFT_PY_ERROR(EOFError);            // input() at the end of standard input
WEFT_PY_ERROR(BrokenBarrierError);  // a Barrier that was aborted, reset or timed out
WEFT_PY_ERROR(FileNotFoundError);   // reading a file nobody wrote
WEFT_PY_ERROR(OSError);  // a real file that cannot be written, a socket call refused
WEFT_PY_ERROR(OverflowError);       // a sleep or timeout too long for virtual time
WEFT_PY_ERROR(Full);                // queue.Full
WEFT_PY_ERROR(Empty);               // queue.Empty
// Sockets (primitives/socket.hpp); each message starts with the errno as Python's does.
WEFT_PY_ERROR_OF(ConnectionError, OSError);
WEFT_PY_ERROR_OF(ConnectionRefusedError, ConnectionError);  // nobody listens on the address
WEFT_PY_ERROR_OF(ConnectionResetError, ConnectionError);    // the peer reset the connection
WEFT_PY_ERROR_OF(BrokenPipeError, ConnectionError);         // sending on a connection shut down
WEFT_PY_ERROR_OF(BlockingIOError, OSError);  // a socket with timeout 0 that would have waited

// socket.timeout: since Python 3.10 another name of TimeoutError, whose message is "timed out".
class SocketTimeout : public TimeoutError {
 public:
  SocketTimeout() : TimeoutError("timed out") {}
};

#undef WEFT_PY_ERROR
#undef WEFT_PY_ERROR_OF

}  // namespace weft
