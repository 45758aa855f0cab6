// Sets of threads as bitsets of 64-bit words, thread t being bit t % 64 of word t / 64: the
// reduced search's sleep set and the sets each branching point keeps (checker/dpor_points.hpp).
// A set of `words` words holds the threads below 64 * words; the caller keeps to that.
#pragma once

#include <bit>
#include <cstdint>

#include "sim/types.hpp"

namespace weft::checker::dpor {

using Word = std::uint64_t;

inline bool has(const Word* set, std::uint32_t t) { return (set[t / 64] >> (t % 64)) & 1U; }
inline void put(Word* set, std::uint32_t t) { set[t / 64] |= Word{1} << (t % 64); }
inline void take(Word* set, std::uint32_t t) { set[t / 64] &= ~(Word{1} << (t % 64)); }

// The thread of word w whose bit is the lowest set in `bits` (not 0).
inline sim::ThreadId lowest(std::uint32_t w, Word bits) {
  return static_cast<sim::ThreadId>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
}

// Words a set of every thread below `threads` needs.
inline std::uint32_t words_for(std::size_t threads) {
  return static_cast<std::uint32_t>((threads + 63) / 64);
}

}  // namespace weft::checker::dpor
