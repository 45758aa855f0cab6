#include "checker/stateful_symmetry.hpp"

#include <algorithm>
#include <numeric>

#include "sim/runtime.hpp"

namespace weft::checker {

void Symmetry::begin_execution() {
  for (auto& r : refs_) r.clear();
  std::fill(refers_to_all_.begin(), refers_to_all_.end(), false);
}

void Symmetry::performed(const sim::Runtime& rt, sim::ThreadId t, const sim::Object* object,
                         sim::OpKind kind) {
  if (!enabled_ || object == nullptr) return;
  if (t >= refs_.size()) {
    refs_.resize(t + 1);
    refers_to_all_.resize(t + 1, false);
  }
  if (object == &rt.world().threads_object) {
    refers_to_all_[t] = true;
    return;
  }
  // Starting an interchangeable thread is no reference to it: its class promises that nobody
  // operates on it afterwards (Thread::interchangeable). Any other operation on a thread is.
  if (!is_thread_op(kind)) return;  // (thread_of looks through every thread)
  const sim::ThreadId u = rt.thread_of(object);
  if (u != sim::kNoThread) refs_[t].push_back(u);
}

std::uint64_t Symmetry::class_of(const sim::Runtime& rt, sim::ThreadId t) {
  const sim::Object* o = rt.thread_object(t);
  return o == nullptr ? 0 : o->symmetry_class();
}

// Never renamed: MainThread, a thread of no class, and a thread that a running thread refers to
// (its history or pending operation names it: renaming it would need that reference renamed
// too, which a hashed history cannot be).
bool Symmetry::pinned(const sim::Runtime& rt, sim::ThreadId u) const {
  if (u == 0 || class_of(rt, u) == 0) return true;
  const sim::Object* own = rt.thread_object(u);
  for (sim::ThreadId t = 0; t < rt.thread_count(); ++t) {
    // A thread's operations on itself (its end) name it in its own history, which moves with it.
    if (t == u || !rt.is_running(t)) continue;
    if (t < refs_.size() && (refers_to_all_[t] ||
                             std::find(refs_[t].begin(), refs_[t].end(), u) != refs_[t].end()))
      return true;
    if (rt.pending(t).object == own && (t >= run_join_.size() || !run_join_[t])) return true;
  }
  return false;
}

std::span<const sim::ThreadId> Symmetry::labels(const sim::Runtime& rt,
                                                std::span<const sim::Fingerprint> local) {
  const std::size_t n = rt.thread_count();
  labels_.resize(n);
  std::iota(labels_.begin(), labels_.end(), sim::ThreadId{0});
  by_state_.clear();
  if (!enabled_) return labels_;
  order_.clear();
  for (sim::ThreadId u = 0; u < n; ++u)
    if (!pinned(rt, u)) order_.push_back(u);
  if (order_.size() < 2) return labels_;
  ++stats_.interchangeable;
  // Within each class, the ids the class holds (ascending) go to its threads ordered by local
  // state: equal local states may take either order, which changes nothing of the renamed state.
  std::vector<sim::ThreadId>& by_state = by_state_;
  by_state = order_;
  const auto cls = [&](sim::ThreadId u) { return class_of(rt, u); };
  std::stable_sort(order_.begin(), order_.end(),
                   [&](sim::ThreadId x, sim::ThreadId y) { return cls(x) < cls(y); });
  std::stable_sort(by_state.begin(), by_state.end(), [&](sim::ThreadId x, sim::ThreadId y) {
    if (cls(x) != cls(y)) return cls(x) < cls(y);
    if (local[x].a != local[y].a) return local[x].a < local[y].a;
    return local[x].b < local[y].b;
  });
  bool renamed = false;
  for (std::size_t k = 0; k < order_.size(); ++k) {
    labels_[by_state[k]] = order_[k];
    renamed = renamed || by_state[k] != order_[k];
  }
  if (renamed) ++stats_.renamed;
  return labels_;
}

}  // namespace weft::checker
