// A set of 64-bit fingerprints in a bounded number of bytes: how a search counts distinct
// outcomes exactly (up to fingerprint collisions) without keeping each one's text.
//
// This is hash compaction as explicit-state model checkers use it for visited states (Wolper and
// Leroy, "Reliable Hashing without Collision Detection", CAV 1993; SPIN's -DHC): keep a
// fingerprint instead of the item, and bound the chance that two distinct items share one. Here
// a collision can only make a count too low, by one per colliding pair; n items give n(n-1)/2
// pairs, each colliding with probability 2^-64 if the hash behaves like a random function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace weft::checker {

// A 64-bit hash meant to behave like a random function of its input (the multiply-fold mixing of
// Wang Yi's wyhash): the collision bound assumes it, which a plain multiply-and-shift does not
// earn. `seed` chains the fields of one outcome.
std::uint64_t fingerprint_text(std::string_view s, std::uint64_t seed);

class FingerprintSet {
 public:
  enum class Insert { Added, Present, Full };

  // Never holds more than `max_bytes` of table, counting the old and new tables of a growth.
  explicit FingerprintSet(std::uint64_t max_bytes = 0) : max_bytes_(max_bytes) {}

  // Adds `fp`; Full when it is not there and the table may not grow to take it.
  Insert insert(std::uint64_t fp);
  bool contains(std::uint64_t fp) const;
  std::uint64_t size() const { return size_; }
  template <class F>
  void for_each(F f) const {
    for (const std::uint64_t fp : slots_)
      if (fp != 0) f(fp);
  }
  // Bytes the table holds now.
  std::uint64_t bytes() const { return slots_.size() * sizeof(std::uint64_t); }
  // An upper bound on the chance that two of `n` distinct items share a fingerprint (a birthday
  // bound, n(n-1)/2 pairs at 2^-64 each): how far from exact a count of n can be.
  static double collision_bound(std::uint64_t n);

 private:
  // Slot index of `fp`, or of the empty slot where it would go.
  std::size_t find(std::uint64_t fp) const;
  bool grow();

  std::uint64_t max_bytes_;
  std::vector<std::uint64_t> slots_;  // 0 marks an empty slot; a fingerprint 0 is stored as 1
  std::uint64_t size_ = 0;
};

}  // namespace weft::checker
