#include "sim/internal.hpp"

#include <cstdlib>

namespace weft::sim {

namespace {
thread_local InternalWitness* innermost = nullptr;
}  // namespace

InternalWitness::InternalWitness(const void* owner, Describe describe)
    : owner_(owner), describe_(describe), outer_(innermost) {
  innermost = this;
}

InternalWitness::~InternalWitness() { innermost = outer_; }

void internal_error(const char* expected, const char* file, int line) {
  std::fprintf(stderr,
               "internal error in weft: expected %s (%s:%d)\n"
               "This is a bug in weft, not in the program under test. Please report it with the "
               "command that ran, the program or scenario and its parameters, and the lines "
               "below.\n",
               expected, file, line);
  if (innermost != nullptr) innermost->describe_(innermost->owner_, stderr);
  std::fflush(stderr);
  std::abort();
}

}  // namespace weft::sim
