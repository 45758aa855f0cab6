#include "checker/random.hpp"

namespace weft::checker {

std::size_t RandomStrategy::pick_thread(const sim::Runtime&,
                                        std::span<const sim::ThreadId> enabled,
                                        sim::Decision kind) {
  return take(enabled.size(), kind);
}

std::size_t RandomStrategy::pick_value(const sim::Runtime&, std::size_t n) {
  return take(n, sim::Decision::Value);
}

std::size_t RandomStrategy::take(std::size_t n, sim::Decision kind) {
  const auto i = static_cast<std::uint32_t>(rng_.below(n));
  schedule_.push_back(Choice{kind, i, static_cast<std::uint32_t>(n)});
  return i;
}

}  // namespace weft::checker
