// Random probes of the reduced search's tree (checker/dpor.hpp), for Knuth's estimate of its size
// (D. E. Knuth, "Estimating the efficiency of backtrack programs", Math. Comp. 29, 1975): walk
// from the root to a leaf taking a random child at each node, and multiply the numbers of
// children met; the mean of that product over many walks is the number of leaves, here the
// number of executions the search makes.
//
// The search's tree is not known in advance: a point's children are the threads the races put in
// its backtrack set, and races found in any of its subtrees add to it. So a probe chooses its
// random child at a point among the children known when it gets there (found by the race
// analysis of the executions of the probe that passed through it: the reduction's own
// bookkeeping), but counts, at the end of the probe, the children known then: the races found
// below the point on the probe's path add theirs too. Counted when chosen, a point's children
// missed those, and the estimate fell to 0.43 of the truth (event_overtime, 2 workers: 152
// against 349 executions); counted at the end, to 0.75 (260). What it still misses are the
// children only the other subtrees' races add. The sleep sets, which prune the later children
// of a point, are given as the depth-first search gives them (a child taken sleeps with its
// siblings before it, in the order the search takes them: the first thread, then by id), so that
// a probe's subtree is the one the search would explore there. tests/estimate_test.cpp measures
// how close it comes on every built-in scenario.
//
// One more departure from the search: a probe takes every race of an operation with the earlier
// events on its object, where the search takes the latest only (dpor_races.cpp) and finds the
// earlier ones when it explores the reversed order of the latest. The probe explores little of
// that: counted from the latest race alone, event_overtime with 3 workers was estimated at 9,846
// executions of 17,678; with every race, 12,400.
#include <algorithm>
#include <bit>
#include <vector>

#include "checker/dpor.hpp"
#include "checker/dpor_threadset.hpp"

namespace weft::checker {

using sim::ThreadId;
using namespace dpor;

void DporStrategy::start_probing(std::uint64_t seed) {
  probe_ = Probe{};
  probe_.on = true;
  probe_.all_races = true;
  probe_.rng = Rng(seed);
}

// The children of a point at the end of a probe: those taken (the path's and the ones asleep
// before it), and those still to take, within the bound.
std::uint32_t DporStrategy::children(const Point& p) {
  if (p.kind == sim::Decision::Value) return p.options;
  const Word* backtrack = set(p, kBacktrack);
  const Word* done = set(p, kDone);
  const Word* sleep = set(p, kSleep);
  std::uint32_t n = 0;
  for (std::uint32_t w = 0; w < p.words; ++w) {
    Word all = (backtrack[w] | done[w]) & ~sleep[w];
    if (bounded()) all = allowed(p, w, all);
    n += static_cast<std::uint32_t>(std::popcount(all));
  }
  return std::max<std::uint32_t>(n, 1);
}

// The children of point `at` found so far are tried in the order the search takes them: the one
// the execution that just ran took there is done; the next one to try becomes the target, and
// false when none is left.
bool DporStrategy::try_next_sibling(std::size_t at) {
  Point& p = b_.stack[at];
  put(set(p, kDone), p.chosen);
  const Word* backtrack = set(p, kBacktrack);
  const Word* done = set(p, kDone);
  const Word* sleep = set(p, kSleep);
  for (std::uint32_t w = 0; w < p.words; ++w) {
    const Word todo = backtrack[w] & ~done[w] & ~sleep[w];
    if (todo == 0) continue;
    p.chosen = lowest(w, todo);
    probe_.order.push_back(p.chosen);
    target_ = at;
    truncate(at + 1);
    return true;
  }
  return false;
}

// Under a preemption bound: a random child among those known at the point, which becomes the
// target unless it is the one the path took (false). The search explores a bounded point's
// children without sleep sets, and the races of their first executions counted more children
// than it makes (event_overtime, 2 workers, bound 1: 551 estimated, 260 executions).
bool DporStrategy::take_known_child(std::size_t at) {
  Point& p = b_.stack[at];
  std::vector<ThreadId> known;
  const Word* backtrack = set(p, kBacktrack);
  const Word* done = set(p, kDone);
  const Word* sleep = set(p, kSleep);
  for (std::uint32_t w = 0; w < p.words; ++w) {
    const Word todo = allowed(p, w, backtrack[w] & ~done[w] & ~sleep[w]);
    for (Word bits = todo; bits != 0; bits &= bits - 1) known.push_back(lowest(w, bits));
  }
  if (std::find(known.begin(), known.end(), p.chosen) == known.end()) known.push_back(p.chosen);
  const ThreadId c = known[probe_.rng.below(known.size())];
  if (c == p.chosen) return false;
  // The search takes the first thread, then the others by id: those it took before c sleep.
  put(set(p, kDone), p.chosen);
  for (ThreadId t : known)
    if (t < c) put(set(p, kDone), t);
  p.chosen = c;
  return true;
}

// Without a bound: the children of the point, found by trying each in the search's order
// (try_next_sibling), then a random one of them. False when it is the one the path took.
bool DporStrategy::take_tried_child(std::size_t at) {
  Point& p = b_.stack[at];
  const std::vector<ThreadId> order = std::exchange(probe_.order, {});
  const std::size_t k = probe_.rng.below(order.size());
  Word* done = set(p, kDone);
  std::fill(done, done + p.words, Word{0});
  for (std::size_t i = 0; i < k; ++i) put(done, order[i]);
  if (k + 1 == order.size()) return false;  // the stack below is its execution's
  p.chosen = order[k];
  return true;
}

// Chooses a random child at each point of the path not yet passed, from the root down. Without
// a bound, at a thread point the probe first runs the first execution below each child the point
// has, in the search's order, until the races those executions find add none
// (try_next_sibling), and chooses among them all: most of a point's children come from the races
// of its other children's executions, which the path below one child does not meet. The child
// chosen is taken again, with the siblings before it asleep, unless it was the last one tried.
// At the leaf the probe ends, with the product of its points' children, and the next execution
// starts the next probe from the root.
bool DporStrategy::next_probe_target() {
  while (probe_.level < b_.stack.size()) {
    const std::size_t at = probe_.level;
    Point& p = b_.stack[at];
    if (p.kind == sim::Decision::Value) {
      ++probe_.level;
      const auto v = static_cast<std::uint32_t>(probe_.rng.below(p.options));
      if (v == p.chosen) continue;
      p.chosen = v;
    } else if (bounded()) {
      ++probe_.level;
      if (!take_known_child(at)) continue;
    } else {
      if (probe_.order.empty()) probe_.order.push_back(p.chosen);
      if (try_next_sibling(at)) return true;
      ++probe_.level;
      if (!take_tried_child(at)) continue;
    }
    target_ = at;
    truncate(at + 1);
    return true;
  }
  probe_.ended = 1;
  for (const Point& p : b_.stack) probe_.ended *= static_cast<double>(children(p));
  probe_.level = 0;
  truncate(0);
  return true;
}

}  // namespace weft::checker
