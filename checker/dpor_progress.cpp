// How far the reduced search is (checker/progress.hpp), estimated from its stack of branching
// points: at each, the branches done against those done or still to try, each branch taken as
// large as its siblings, as Knuth's estimate of a backtrack tree's size takes them (D. E. Knuth,
// "Estimating the efficiency of backtrack programs", Math. Comp. 29, 1975). Races found later add
// branches to points already on the stack, so early on the estimate runs ahead of the search.
#include <bit>

#include "checker/dpor.hpp"
#include "checker/dpor_threadset.hpp"

namespace weft::checker {

double DporStrategy::explored() const {
  double explored = 0, weight = 1;
  for (const Point& p : b_.stack) {
    std::uint32_t done = 0, known = 0;
    if (p.kind == sim::Decision::Value) {
      done = p.chosen;
      known = p.options;
    } else {
      const Word* d = set(p, dpor::kDone);
      const Word* b = set(p, dpor::kBacktrack);
      const Word* s = set(p, dpor::kSleep);
      for (std::uint32_t w = 0; w < p.words; ++w) {
        done += static_cast<std::uint32_t>(std::popcount(d[w]));
        known += static_cast<std::uint32_t>(std::popcount(d[w] | (b[w] & ~s[w])));
      }
    }
    if (known == 0) break;
    weight /= known;
    explored += weight * done;
    if (weight < 1e-15) break;  // what lies deeper no longer shows in a double
  }
  return explored;
}

}  // namespace weft::checker
