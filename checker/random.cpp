#include "checker/random.hpp"

namespace weft::checker {

std::size_t RandomStrategy::pick(const sim::Runtime&, const sim::Request& r) {
  const auto i = static_cast<std::uint32_t>(rng_.below(r.options));
  schedule_.push_back(Choice{r.kind, i, static_cast<std::uint32_t>(r.options)});
  return i;
}

}  // namespace weft::checker
