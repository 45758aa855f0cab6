#include "real/perturb.hpp"

#include <thread>

namespace weft::real {

Perturbation::Perturbation(std::uint64_t seed, sim::ThreadId thread) {
  random_.seed(seed ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(thread) + 1)));
}

Perturbation::Decision Perturbation::next() {
  const std::uint64_t r = random_.next();
  if (r % 16 < 4) return {Action::Yield, {}};
  if (r % 16 == 4) return {Action::Sleep, std::chrono::microseconds((r >> 8) % 200)};
  return {};
}

void Perturbation::apply(const Decision& d) {
  if (d.action == Action::Yield) std::this_thread::yield();
  if (d.action == Action::Sleep) std::this_thread::sleep_for(d.sleep);
}

}  // namespace weft::real
