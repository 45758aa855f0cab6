// The exception base every Python-named error derives from, and how an uncaught one is reported.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace weft {

// An exception carrying a Python type name ("RuntimeError", "ValueError", ...), so that a thread
// that dies of it reports "Exception in thread NAME: RuntimeError: message" as Python would.
class Error : public std::runtime_error {
 public:
  Error(const char* type, const std::string& message) : std::runtime_error(message), type_(type) {}
  const char* type() const { return type_; }

 private:
  const char* type_;
};

namespace sim {
// "TYPE: message" for any exception ("TYPE" alone when the message is empty, as Python prints
// queue.Empty): weft errors by their Python name, other std exceptions by their C++ type,
// anything else as "unknown exception".
std::string describe_exception(std::exception_ptr e);
}  // namespace sim

}  // namespace weft
