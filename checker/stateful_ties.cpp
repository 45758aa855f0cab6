// Ties of a state: enabled threads that symmetry makes interchangeable there, of which the
// state caching search tries only one (docs/state-caching.md, "Symmetry").
#include "checker/stateful.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

// Two enabled threads that are a tie of the state (swapping them is an automorphism of it, ties())
// lead to states that are renamings of each other, with one canonical fingerprint: the second
// would be a revisit, found an execution later. So only the first of each tie is tried. Not when
// the graph is recorded: the count reads every way on of a state from its first visit.
void StatefulStrategy::skip_ties(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled) {
  const std::size_t d = stack_.size() - 1;
  if (tried_.size() <= d) tried_.resize(d + 1);
  std::vector<std::uint32_t>& tried = tried_[d];
  tried.clear();
  if (options_.listener != nullptr || symmetry_.by_state().size() < 2) return;
  const std::span<const sim::ThreadId> tie = ties(rt, labels_, shared_);
  for (std::uint32_t i = 0; i < enabled.size(); ++i) {
    const sim::ThreadId g = tie[labels_[enabled[i]]];
    bool first = true;
    for (std::uint32_t j = 0; j < i && first; ++j) first = tie[labels_[enabled[j]]] != g;
    if (first) tried.push_back(i);
  }
  if (tried.size() == enabled.size()) tried.clear();
}

// Neighbours in the canonical order with equal local states are a tie when swapping their labels
// leaves the objects' states (which may name them: a lock's owner, a queue of waiters) as they
// were: the transposition is then an automorphism of the canonical state, and a run of such
// neighbours is a group of labels every permutation of which is one (transpositions of
// neighbours generate them all).
std::span<const sim::ThreadId> StatefulStrategy::ties(const sim::Runtime& rt,
                                                      std::span<const sim::ThreadId> labels,
                                                      const sim::Fingerprint& shared) {
  const std::size_t n = labels.size();
  ties_.resize(n);
  for (sim::ThreadId k = 0; k < n; ++k) ties_[k] = k;
  const std::span<const sim::ThreadId> by_state = symmetry_.by_state();
  for (std::size_t i = 1; i < by_state.size(); ++i) {
    const sim::ThreadId x = by_state[i - 1], y = by_state[i];
    if (Symmetry::class_of(rt, x) != Symmetry::class_of(rt, y) || !(local_[x] == local_[y]))
      continue;
    swapped_.assign(labels.begin(), labels.end());
    std::swap(swapped_[x], swapped_[y]);
    sim::StateHasher h;
    h.relabel(swapped_);
    if (rt.fingerprint_shared(h, options_.outputs) && h.value() == shared)
      ties_[labels[y]] = ties_[labels[x]];
  }
  return ties_;
}

}  // namespace weft::checker
