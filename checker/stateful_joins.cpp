#include "checker/stateful_joins.hpp"

#include <algorithm>

#include "checker/stateful_symmetry.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

void JoinRuns::begin_execution() {
  std::fill(run_.begin(), run_.end(), Run::None);
  std::fill(joined_.begin(), joined_.end(), 0);
}

void JoinRuns::grow(std::size_t n) {
  if (starter_.size() >= n) return;
  starter_.resize(n, sim::kNoThread);
  run_.resize(n, Run::None);
  joined_.resize(n, 0);
}

void JoinRuns::started(sim::ThreadId u, sim::ThreadId starter) {
  grow(u + 1);
  starter_[u] = starter;
  run_[u] = Run::None;
  joined_[u] = 0;
}

bool JoinRuns::executed(const sim::Runtime& rt, sim::ThreadId t, const sim::Op& op) {
  grow(rt.thread_count());
  const sim::ThreadId u = op.object == nullptr || !Symmetry::is_thread_op(op.kind)
                              ? sim::kNoThread
                              : rt.thread_of(op.object);
  const std::uint64_t cls = u == sim::kNoThread ? 0 : Symmetry::class_of(rt, u);
  const bool plain_join = op.kind == sim::OpKind::Join && op.deadline == sim::kNever;
  if (cls != 0 && u != t && op.kind != sim::OpKind::Start) {
    if (!plain_join || starter_[u] != t || run_[t] == Run::Closed) return false;
    // Every thread of the class must be the joiner's: its run waits for all of them.
    for (sim::ThreadId v = 1; v < rt.thread_count(); ++v)
      if (Symmetry::class_of(rt, v) == cls && starter_[v] != t) return false;
    run_[t] = Run::Open;
    ++joined_[t];
    return true;
  }
  // A plain join of a thread of no class (never renamed) may stand in the run.
  if (plain_join || run_[t] != Run::Open) return true;
  return close(rt, t);
}

// The run ends at the joiner's first other operation: it must have joined every class thread
// it started.
bool JoinRuns::close(const sim::Runtime& rt, sim::ThreadId t) {
  run_[t] = Run::Closed;
  std::uint32_t mine = 0;
  for (sim::ThreadId v = 1; v < rt.thread_count(); ++v)
    mine += starter_[v] == t && Symmetry::class_of(rt, v) != 0;
  return joined_[t] == mine;
}

std::uint64_t JoinRuns::run_class(const sim::Runtime& rt, sim::ThreadId t,
                                  const sim::Op& op) const {
  if (op.kind != sim::OpKind::Join || op.deadline != sim::kNever || op.object == nullptr ||
      rt.setup().timing != sim::Timing::Exact)
    return 0;
  const sim::ThreadId u = rt.thread_of(op.object);
  const std::uint64_t cls = u == sim::kNoThread ? 0 : Symmetry::class_of(rt, u);
  if (cls == 0 || u == t || u >= starter_.size() || starter_[u] != t ||
      (t < run_.size() && run_[t] == Run::Closed))
    return 0;
  for (sim::ThreadId v = 1; v < rt.thread_count(); ++v)
    if (Symmetry::class_of(rt, v) == cls && (v >= starter_.size() || starter_[v] != t)) return 0;
  return cls;
}

}  // namespace weft::checker
