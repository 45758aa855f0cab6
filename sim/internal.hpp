// The voice of a bug in weft itself, apart from every diagnosis of the program under test.
//
// WEFT_INTERNAL(cond, "what was expected") checks an invariant of weft's own code. It stays on in
// every build: when it fails, weft prints "internal error in weft: expected <what>", where in
// weft's source, how to report it and, when something registered an InternalWitness, how to
// reproduce it (the search's schedule so far), then aborts. A failed check of the user's program
// (weft::check) or anything the user did wrong is never reported this way.
#pragma once

#include <cstdio>

#define WEFT_INTERNAL(cond, expected)                                       \
  do {                                                                      \
    if (!(cond)) [[unlikely]]                                               \
      ::weft::sim::internal_error((expected), __FILE__, __LINE__);          \
  } while (0)

namespace weft::sim {

// Prints the report described above on stderr and aborts.
[[noreturn, gnu::cold]] void internal_error(const char* expected, const char* file, int line);

// Says how to reproduce what weft was doing on this OS thread, for internal_error's report.
// Registers itself on construction and unregisters on destruction (lifetimes nest: the latest
// one alive speaks). `describe` writes to `out` and must not fail.
class InternalWitness {
 public:
  using Describe = void (*)(const void* owner, std::FILE* out);
  InternalWitness(const void* owner, Describe describe);
  ~InternalWitness();
  InternalWitness(const InternalWitness&) = delete;
  InternalWitness& operator=(const InternalWitness&) = delete;

 private:
  friend void internal_error(const char*, const char*, int);
  const void* owner_;
  Describe describe_;
  InternalWitness* outer_;
};

}  // namespace weft::sim
