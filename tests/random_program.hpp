// Small random concurrent programs, for differential tests of the search strategies: every
// strategy that claims completeness must find the same outcomes on them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace weft::test {

struct RandomProgram {
  enum class Op { Load, Store, Print, Lock, Unlock, Sleep, Yield, Choose };
  struct Step {
    Op op;
    int target;  // variable or lock index, sleep length, or choose's n
  };
  struct Worker {
    bool daemon = false;
    std::vector<Step> steps;
  };
  std::vector<Worker> workers;
  int variables = 2;
  int locks = 2;
  bool main_joins = false;  // main joins every non-daemon worker and prints variable 0

  // A program drawn from `seed`: 2–3 workers of 1–3 steps, at most 3–4
  // in all (and their unlocks), locks well nested.
  static RandomProgram generate(std::uint32_t seed);
  // Runs the program (as a scenario body, on the calling thread's backend).
  void run() const;
  std::string describe() const;
};

}  // namespace weft::test
