// Probabilistic concurrency testing.
//
// S. Burckhardt, P. Kothari, M. Musuvathi, S. Nagarakatte, "A randomized scheduler with
// probabilistic guarantees of finding bugs", ASPLOS 2010. Each thread gets a random distinct
// priority (threads created later too); the highest-priority enabled thread always runs; at d-1
// change points, drawn uniformly among the first k steps, the thread about to run drops below
// every other (the i-th point gives priority i, under all initial ones). A bug of depth d (d
// ordering constraints between n threads) is then found by one run with probability at least
// 1/(n·k^(d-1)).
//
// As in the paper's section 4.1 and in shuttle's pct.rs, steps are counted only where there is a
// choice (two or more enabled threads): a change point inside a sequential stretch has the same
// effect at the next choice, so counting choices keeps k small and the bound high. k is not known
// in advance: it is the most choices any earlier run made (the first run has no change points
// and serves to measure it), as shuttle and Coyote do.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

class PctStrategy final : public sim::Strategy {
 public:
  // `depth` is d >= 1: d-1 change points per run.
  explicit PctStrategy(std::uint32_t depth = 3) : depth_(depth < 1 ? 1 : depth) {}

  // Starts a run drawn from `seed` alone, given the k measured so far: change points now,
  // priorities as threads appear.
  void reseed(std::uint64_t seed);

  // Every execution starts a new count of choices, with the change points drawn last.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;

  // The schedule of the execution that just ran.
  const Schedule& schedule() const override { return schedule_; }
  // k: the most choices one execution has made so far.
  std::uint64_t steps_seen() const { return max_steps_; }
  // Takes k as measured by earlier runs made elsewhere (checker/fuzz_jobs.hpp).
  void assume_steps_seen(std::uint64_t k) { max_steps_ = k; }
  std::uint32_t depth() const { return depth_; }

 private:
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind);
  void draw_change_points();
  void prioritize_new_threads(const sim::Runtime& rt);
  std::size_t highest(std::span<const sim::ThreadId> enabled) const;

  Rng rng_;
  std::uint32_t depth_;
  std::vector<std::uint64_t> priorities_;  // by thread id; the highest runs
  // (step, the priority it gives), by step.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> change_points_;
  std::size_t next_change_ = 0;
  std::uint64_t steps_ = 0;      // choices made in this execution
  std::uint64_t max_steps_ = 0;  // k
  Schedule schedule_;
};

// The paper's bound on the chance that one run finds a given bug of depth d among n threads and
// k steps: 1/(n·k^(d-1)) (n and k taken as at least 1).
double pct_probability(std::size_t n, std::uint64_t k, std::uint32_t d);

}  // namespace weft::checker
