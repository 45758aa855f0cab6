// weft stress --perturb: the decisions come from the seed and the thread, nothing else.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "real/perturb.hpp"

using weft::real::Perturbation;

namespace {

std::vector<Perturbation::Decision> decisions(std::uint64_t seed, weft::sim::ThreadId thread) {
  Perturbation p(seed, thread);
  std::vector<Perturbation::Decision> out;
  for (int i = 0; i < 1000; ++i) out.push_back(p.next());
  return out;
}

std::size_t count(const std::vector<Perturbation::Decision>& ds, Perturbation::Action a) {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.action == a;
  return n;
}

}  // namespace

TEST_CASE("the same seed and thread make the same perturbation decisions", "[real][perturb]") {
  CHECK(decisions(7, 1) == decisions(7, 1));
  CHECK(decisions(7, 1) != decisions(7, 2));
  CHECK(decisions(7, 1) != decisions(8, 1));
}

TEST_CASE("perturbation yields and sleeps briefly at some operations only", "[real][perturb]") {
  const auto ds = decisions(7, 1);
  // About 1/4 yields and 1/16 sleeps (250 and 62.5 expected): the counts for this seed, pinned.
  const std::size_t yields = count(ds, Perturbation::Action::Yield);
  const std::size_t sleeps = count(ds, Perturbation::Action::Sleep);
  CHECK(yields + sleeps + count(ds, Perturbation::Action::None) == 1000);
  INFO("yields " << yields << ", sleeps " << sleeps);
  CHECK(yields == 245);
  CHECK(sleeps == 63);
  long longest = 0;
  for (const auto& d : ds) longest = std::max<long>(longest, d.sleep.count());
  CHECK(longest < 200);
}
