// Exhaustive search with state caching: depth first over every scheduling decision, timer tie
// and choose() value, like DfsStrategy, but an execution that reaches a state an earlier one
// reached already stops there (Strategy::kStop): everything that can follow was, or will be,
// explored from that earlier visit. Stateless search revisits a state once per path to it;
// this one visits it once (G. J. Holzmann, "The SPIN Model Checker", ch. 8; for the states and
// why the pruning loses no outcome, docs/state-caching.md).
//
// A state is every thread's local state (a hash of its history: each operation it performed and
// what that operation could learn), every object's state, virtual time, and what the question
// needs of the output. Kept as 64-bit fingerprints in a bounded set (hash compaction).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checker/fingerprints.hpp"
#include "checker/progress.hpp"
#include "checker/schedule.hpp"
#include "checker/stateful_joins.hpp"
#include "checker/stateful_symmetry.hpp"
#include "sim/outcome.hpp"
#include "sim/state_hash.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

// Told of every state the search looks up (its 64-bit key, whether it is new, and the canonical
// label of each thread: identity without symmetry): how the output count
// (checker/output_count.hpp) learns the state graph. On a first visit with symmetry, `ties`
// gives for each canonical label the least label of its tie: labels whose threads may be
// swapped without changing the state (equal local states, and the objects' states the same
// with the two swapped); empty otherwise.
class StateListener {
 public:
  virtual ~StateListener() = default;
  virtual void looked_up(const sim::Runtime& rt, std::uint64_t key, bool first,
                         std::span<const sim::ThreadId> labels,
                         std::span<const sim::ThreadId> ties) = 0;
};

struct StatefulOptions {
  bool outputs = true;    // states differ by their stdout (weft outputs); false: statuses only
  // Identify states equal up to a permutation of interchangeable threads. With `outputs`, only
  // while nothing printed names one of them (names_printed()).
  bool symmetry = false;
  std::uint64_t max_bytes = 0;  // of the visited set (0: no bound)
  StateListener* listener = nullptr;
};

class StatefulStrategy final : public sim::Strategy, public Measured {
 public:
  explicit StatefulStrategy(const StatefulOptions& options);

  // The first call plans the first execution; each later one moves to the next unexplored
  // branch, and says none is left once every one has been explored. Every step is observed;
  // the strategy is asked only where there is a choice (a state is looked up there).
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    if (r.kind == sim::Decision::Value) return pick_value(rt, r.options);
    return pick_thread(rt, r.threads(), r.kind);
  }
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (what == sim::Observed::Published) {
      published(rt);
    } else {
      executed(rt, t);
    }
  }
  // The thread's declared local state replaces its history (weft::local_state).
  void declared(const sim::Runtime& rt, sim::ThreadId t, std::uint64_t a,
                std::uint64_t b) override;
  // The schedule of the execution that just ran.
  const Schedule& schedule() const override { return stack_; }
  // The execution that ran last ended as `o` (every execution, redundant ones too).
  void ended(const sim::Outcome& o);
  // With symmetry and outputs: something printed (stdout, stderr, a file, an end's message)
  // named an interchangeable thread, so renaming would change outputs: the search has stopped,
  // and must be run again without symmetry (docs/state-caching.md, "Listing outputs with
  // symmetry").
  bool names_printed() const { return names_printed_; }
  // With symmetry: a thread of a class was joined otherwise than its class allows
  // (checker/stateful_joins.hpp): the search has stopped, and must be run again without symmetry.
  bool joins_unsound() const { return joins_unsound_; }
  // Some object could not be fingerprinted: this search cannot
  // cache states, and has stopped its executions where it found out.
  bool unsupported() const { return unsupported_; }
  // Distinct states recorded, and visits that found one already recorded.
  std::uint64_t states() const { return visited_.size(); }
  // For the status line (checker/progress.hpp).
  std::uint64_t states_cached() const override { return states(); }
  std::uint64_t revisits() const { return revisits_; }
  // The visited set reached its bound: states met after that were explored without caching.
  bool full() const { return full_; }
  // Executions whose threads' labels were permuted by symmetry (at least one state).
  const SymmetryStats& symmetry_stats() const { return symmetry_.stats(); }

  // A branch met a different number of options than recorded: nondeterministic() (see
  // DfsStrategy).

 private:
  void published(const sim::Runtime& rt);
  void executed(const sim::Runtime& rt, sim::ThreadId t);
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind);
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n);
  bool advance();
  // A new state: false when it was recorded before (the execution stops).
  bool first_visit(const sim::Runtime& rt);
  std::size_t decide(std::size_t n, sim::Decision kind);
  void grow_histories(const sim::Runtime& rt);
  std::span<const sim::ThreadId> ties(const sim::Runtime& rt,
                                      std::span<const sim::ThreadId> labels,
                                      const sim::Fingerprint& shared);

  StatefulOptions options_;
  Schedule stack_;
  std::size_t depth_ = 0;
  // Per thread of the running execution: a hash of its history, what determines its local state
  // together with its code (docs/state-caching.md, "Histories").
  std::vector<sim::Fingerprint> history_;
  std::vector<sim::Fingerprint> local_;  // first_visit's: each thread's local state
  std::vector<sim::ThreadId> at_;        // first_visit's: the thread at each canonical label
  std::vector<sim::ThreadId> ties_, swapped_;  // ties()'s
  // first_visit's: the canonical labels and the objects' state, for ties().
  std::span<const sim::ThreadId> labels_;
  sim::Fingerprint shared_;
  // Per decision: the options to try when some are skipped as tied with an earlier one
  // (skip_ties); empty: every option.
  std::vector<std::vector<std::uint32_t>> tried_;
  void skip_ties(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled);
  sim::Fingerprint last_start_;  // the history of the thread that started a thread last
  sim::ThreadId last_starter_ = sim::kNoThread;
  // Per thread: its clock reads (sim::Runtime::read_clock) already in its history.
  std::vector<std::uint32_t> clock_seen_;
  void mix_clock_read(const sim::Runtime& rt, sim::ThreadId t, sim::StateHasher& h) const;
  JoinRuns joins_;
  bool joins_unsound_ = false;
  bool fold_run_join(const sim::Runtime& rt, sim::ThreadId t, const sim::Op& op);
  std::uint64_t folded_ = 0;  // steps of this execution left out of the step count

  FingerprintSet visited_;
  Symmetry symmetry_;
  std::uint64_t revisits_ = 0;
  bool full_ = false;
  bool unsupported_ = false;
  bool names_printed_ = false;
  // With symmetry and outputs: the name of every thread of a class met so far, in any execution.
  std::vector<std::string> names_;
  bool names_in(std::string_view text) const;
  bool started_ = false;
};

}  // namespace weft::checker
