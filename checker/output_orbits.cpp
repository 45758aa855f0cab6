#include "checker/output_orbits.hpp"

#include "checker/stateful_symmetry.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

void CreationWatch::begin() {
  known_ = 0;
  starter_ = sim::kNoThread;
}

std::size_t CreationWatch::class_threads(const sim::Runtime& rt) const {
  std::size_t m = 0;
  for (sim::ThreadId u = 0; u < rt.thread_count(); ++u) m += Symmetry::class_of(rt, u) != 0;
  return m;
}

void CreationWatch::executed(const sim::Runtime& rt, sim::ThreadId t) {
  published(rt);
  const sim::Op& op = rt.pending(t);
  // (MainThread's end is an operation on the threads too, and tells nobody anything.)
  if (op.object == &rt.world().threads_object && op.kind != sim::OpKind::End) {
    why_not_ = "a thread lists or counts the threads";
    return;
  }
  if (op.kind == sim::OpKind::Start) {
    starter_ = t;
    return;
  }
  const sim::ThreadId u = op.object == nullptr || !Symmetry::is_thread_op(op.kind)
                              ? sim::kNoThread
                              : rt.thread_of(op.object);
  // The creator's one run of plain joins waits for a set of them: the search that records the
  // graph holds it to that shape (checker/stateful_joins.hpp), and renaming changes nothing it
  // does (docs/state-caching.md, "Counting per orbit").
  const bool creators_join =
      op.kind == sim::OpKind::Join && op.deadline == sim::kNever && t == creator_;
  if (u != sim::kNoThread && u != t && Symmetry::class_of(rt, u) != 0 && !creators_join) {
    why_not_ = "a thread operates on an interchangeable thread";
    return;
  }
  if (Symmetry::class_of(rt, t) != 0) return;
  const std::size_t m = class_threads(rt);
  if (m == 0) return;
  if (gaps_.size() <= t) gaps_.resize(t + 1);
  if (gaps_[t].size() <= m) gaps_[t].resize(m + 1, false);
  gaps_[t][m] = true;
}

// A thread that appeared since the last look was started by the last start op that ran.
void CreationWatch::published(const sim::Runtime& rt) {
  for (; known_ < rt.thread_count(); ++known_) {
    const auto u = static_cast<sim::ThreadId>(known_);
    if (u == 0) continue;
    const bool cls = Symmetry::class_of(rt, u) != 0;
    if (starter_ == sim::kNoThread) {
      if (cls) why_not_ = "an interchangeable thread was started by no start seen";
      continue;
    }
    if (!cls) {
      // A thread of no class started while class threads are being started: not a gap only
      // before the first or after the last of them, which why_not() sees from the count.
      const std::size_t m = class_threads(rt);
      if (m != 0 && Symmetry::class_of(rt, starter_) == 0) {
        if (gaps_.size() <= starter_) gaps_.resize(starter_ + 1);
        if (gaps_[starter_].size() <= m) gaps_[starter_].resize(m + 1, false);
        gaps_[starter_][m] = true;
      }
      continue;
    }
    if (Symmetry::class_of(rt, starter_) != 0) {
      why_not_ = "an interchangeable thread starts another";
    } else if (creator_ == sim::kNoThread) {
      creator_ = starter_;
    } else if (creator_ != starter_) {
      why_not_ = "interchangeable threads are started by more than one thread";
    }
  }
}

std::string CreationWatch::why_not(std::size_t class_threads) const {
  if (!why_not_.empty()) return why_not_;
  if (creator_ == sim::kNoThread || creator_ >= gaps_.size()) return {};
  const std::vector<bool>& gaps = gaps_[creator_];
  for (std::size_t m = 1; m < class_threads && m < gaps.size(); ++m)
    if (gaps[m]) return "the thread that starts the interchangeable threads does something else "
                        "between two of those starts";
  return {};
}

}  // namespace weft::checker
