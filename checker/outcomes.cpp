#include "checker/outcomes.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

namespace weft::checker {

namespace {

// Every execution's outcome is hashed, and outputs are mostly a few short lines: a plain
// multiply-and-shift over 8 bytes at a time is plenty to group them, at a fraction of
// std::hash's cost. Groups keep their order of discovery whatever the hash.
std::uint64_t hash_text(std::string_view s) {
  constexpr std::uint64_t kMul = 0xbf58476d1ce4e5b9ULL;
  std::uint64_t h = (s.size() + 1) * 0x9e3779b97f4a7c15ULL;
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  return h;
}

std::size_t hash_outcome(const sim::Outcome& o) {
  std::uint64_t x = static_cast<std::uint64_t>(o.status) * 0x9e3779b97f4a7c15ULL;
  auto mix = [&x](std::uint64_t v) { x ^= v + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2); };
  mix(hash_text(o.out));
  mix(hash_text(o.err));
  mix(hash_text(o.message));
  for (const auto& [name, content] : o.files) {
    mix(hash_text(name));
    mix(hash_text(content));
  }
  return static_cast<std::size_t>(x);
}

}  // namespace

OutcomeGroup& OutcomeTable::add(const sim::Outcome& o, const Schedule& schedule) {
  if (last_ < groups_.size() && groups_[last_].outcome.same_as(o)) {
    ++groups_[last_].count;
    return groups_[last_];
  }
  const std::size_t key = hash_outcome(o);
  auto [first, last] = by_hash_.equal_range(key);
  for (auto it = first; it != last; ++it) {
    OutcomeGroup& g = groups_[it->second];
    if (g.outcome.same_as(o)) {
      ++g.count;
      last_ = it->second;
      return g;
    }
  }
  by_hash_.emplace(key, groups_.size());
  last_ = groups_.size();
  groups_.push_back(OutcomeGroup{o, 1, schedule});
  return groups_.back();
}

}  // namespace weft::checker
