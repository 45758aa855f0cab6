#include "checker/outcomes.hpp"

#include <functional>
#include <string_view>

namespace weft::checker {

static std::size_t hash_outcome(const sim::Outcome& o) {
  std::hash<std::string_view> h;
  std::size_t x = static_cast<std::size_t>(o.status) * 0x9e3779b97f4a7c15ULL;
  auto mix = [&x](std::size_t v) { x ^= v + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2); };
  mix(h(o.out));
  mix(h(o.err));
  mix(h(o.message));
  for (const auto& [name, content] : o.files) {
    mix(h(name));
    mix(h(content));
  }
  return x;
}

OutcomeGroup& OutcomeTable::add(const sim::Outcome& o, const Schedule& schedule) {
  const std::size_t key = hash_outcome(o);
  auto [first, last] = by_hash_.equal_range(key);
  for (auto it = first; it != last; ++it) {
    OutcomeGroup& g = groups_[it->second];
    if (g.outcome.same_as(o)) {
      ++g.count;
      return g;
    }
  }
  by_hash_.emplace(key, groups_.size());
  groups_.push_back(OutcomeGroup{o, 1, schedule});
  return groups_.back();
}

}  // namespace weft::checker
