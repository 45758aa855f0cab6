// Seeded perturbation of real threads (weft stress --perturb): before a visible operation a
// thread may yield or sleep briefly, letting another thread in where the OS would rarely switch.
// Each thread draws its decisions from its own stream, seeded by the run's seed and the thread's
// id, so the same seed makes the same decisions; the interleaving still depends on the machine.
#pragma once

#include <chrono>
#include <cstdint>

#include "sim/types.hpp"
#include "sim/world.hpp"

namespace weft::real {

class Perturbation {
 public:
  enum class Action : std::uint8_t { None, Yield, Sleep };
  struct Decision {
    Action action = Action::None;
    std::chrono::microseconds sleep{0};  // for Sleep: how long, under 200 microseconds
    bool operator==(const Decision&) const = default;
  };

  Perturbation() = default;
  Perturbation(std::uint64_t seed, sim::ThreadId thread);
  // The decision for the thread's next visible operation: one in four yields, one in sixteen
  // sleeps, the rest go on at once. Cheap enough for thousands of runs.
  Decision next();
  // Carries out a decision.
  static void apply(const Decision& d);

 private:
  sim::Random random_;
};

}  // namespace weft::real
