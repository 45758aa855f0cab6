// The random generator of the fuzzing strategies: SplitMix64 (G. Steele, D. Lea, C. Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014). Written out rather than taken
// from <random> because std::uniform_int_distribution differs between standard libraries, and a
// seed must give the same schedules on every machine a trace travels to.
#pragma once

#include <cstdint>

namespace weft::checker {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) : state_(seed) {}

  // The next 64 random bits.
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // A uniform value in [0, n), n >= 1. Rejects the few draws that would bias it.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

 private:
  std::uint64_t state_;
};

}  // namespace weft::checker
