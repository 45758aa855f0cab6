// Symmetry reduction for the state caching search: threads that run the same code from the same
// data, and that nothing tells apart, are interchangeable; a state is fingerprinted after
// renaming them into a canonical order, so that states equal up to such a renaming share one
// fingerprint (E. A. Emerson and A. P. Sistla, "Symmetry and model checking", FMSD 1996;
// C. N. Ip and D. L. Dill, "Better verification through symmetry", FMSD 1996: the threads of a
// class form a scalarset). Why this is sound, and which threads are never renamed ("pinned"):
// docs/state-caching.md, "Symmetry".
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/state_hash.hpp"
#include "sim/types.hpp"

namespace weft::sim {
class Runtime;
}

namespace weft::checker {

struct SymmetryStats {
  std::uint64_t renamed = 0;  // states whose canonical order renamed some thread
  // States where two or more threads could be renamed. Unlike `renamed` (which depends on how
  // hashes happen to order equal-class threads), the same in every build and run: reports use it.
  std::uint64_t interchangeable = 0;
};

class Symmetry {
 public:
  explicit Symmetry(bool enabled) : enabled_(enabled) {}

  // A new execution: no thread has referred to another yet.
  void begin_execution();
  // Thread t performed an operation on `object`: a thread it refers to from now on, or every
  // thread when it listed them (enumerate()).
  void performed(const sim::Runtime& rt, sim::ThreadId t, const sim::Object* object,
                 sim::OpKind kind);
  // The kinds of operation whose object may be a thread.
  static bool is_thread_op(sim::OpKind kind) {
    return kind == sim::OpKind::Start || kind == sim::OpKind::Join || kind == sim::OpKind::Query;
  }

  // Whether thread t's pending join stands for its class's whole run (JoinRuns::run_class): the
  // thread it names is then no reference, and not pinned by it. Set before labels().
  void set_run_join(sim::ThreadId t, bool run_join) {
    if (run_join_.size() <= t) run_join_.resize(t + 1, false);
    run_join_[t] = run_join;
  }
  // The canonical label of each thread of the state `rt` stands in, given each thread's local
  // state `local` (its code's class, history and scheduler state): a permutation of the thread
  // ids. Identity when disabled.
  std::span<const sim::ThreadId> labels(const sim::Runtime& rt,
                                        std::span<const sim::Fingerprint> local);
  // The renamed threads of the last labels(), ordered by class and local state (threads of one
  // class with equal local states are neighbours).
  std::span<const sim::ThreadId> by_state() const { return by_state_; }
  // The class of thread t's code and data: 0 for a thread that is never renamed.
  static std::uint64_t class_of(const sim::Runtime& rt, sim::ThreadId t);

  const SymmetryStats& stats() const { return stats_; }

 private:
  bool pinned(const sim::Runtime& rt, sim::ThreadId u) const;
  std::vector<bool> run_join_;  // per thread: set_run_join's

  bool enabled_;
  // Per thread: the threads it has operated on (started, joined, asked is_alive), and whether it
  // listed every thread.
  std::vector<std::vector<sim::ThreadId>> refs_;
  std::vector<bool> refers_to_all_;
  std::vector<sim::ThreadId> labels_;
  std::vector<sim::ThreadId> order_;  // scratch
  std::vector<sim::ThreadId> by_state_;
  SymmetryStats stats_;
};

}  // namespace weft::checker
