#include "sim/error.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace weft::sim {

static std::string demangle(const char* name) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> s(abi::__cxa_demangle(name, nullptr, nullptr, &status),
                                           std::free);
  return status == 0 && s ? std::string(s.get()) : std::string(name);
}

std::string describe_exception(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    // Python prints a bare type name for an exception without a message (queue.Empty).
    const std::string message = err.what();
    return message.empty() ? std::string(err.type()) : std::string(err.type()) + ": " + message;
  } catch (const std::exception& err) {
    return demangle(typeid(err).name()) + ": " + err.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace weft::sim
