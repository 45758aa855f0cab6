// Exhaustive search with dynamic partial-order reduction and sleep sets.
//
// C. Flanagan and P. Godefroid, "Dynamic partial-order reduction for model checking software",
// POPL 2005 — the backtracking rule, which looks at the pending operation of every thread,
// blocked ones included, so that blocking operations (a lock acquire that must wait) need no
// special case; with P. Godefroid's sleep sets ("Partial-order methods for the verification of
// concurrent systems", LNCS 1032, 1996) so that no two explored executions are equivalent.
//
// Each execution is one Mazurkiewicz trace of the dependency relation (checker/dpor_relation.hpp);
// equivalent executions end with the same outcome, so exploring one per trace loses no outcome.
// docs/reduction.md argues each rule beyond the paper.
//
// The search in files, one idea each:
// - dpor_relation.*: what an operation touches, and when two do not commute;
// - dpor_points.*: the stack of branching points with their thread sets and sleep sets, and
//   which schedule comes next;
// - dpor_races.cpp, dpor_clocks.*, dpor_execution.hpp: the race finder, which notes each event
//   and finds the races as the execution goes, with vector clocks in flat arrays;
// - dpor_saved.*: prefix reuse — the repeated prefix of an execution, whose races were found
//   when it first ran, is not even clocked: it takes up a state a branching point saved;
// - dpor_pool.*: every buffer, reused from one execution and one search to the next;
// - dpor.cpp: the strategy itself, which drives the others from the runtime's calls.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "checker/dpor_pool.hpp"
#include "checker/progress.hpp"
#include "checker/rng.hpp"
#include "checker/schedule.hpp"
#include "sim/internal.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"

namespace weft::checker {

class DporStrategy final : public sim::Strategy, public Measured {
 public:
  DporStrategy();
  // A search of the schedules with at most `max_preemptions` preemptions (checker/preemption.hpp)
  // that keeps the reduction: bounded partial-order reduction (checker/dpor_bound.cpp).
  explicit DporStrategy(std::uint32_t max_preemptions);
  ~DporStrategy() override;
  DporStrategy(const DporStrategy&) = delete;
  DporStrategy& operator=(const DporStrategy&) = delete;

  // The first call plans the first execution; each later one moves to the next schedule that is
  // not equivalent to one explored, and says none is left when none is. While skipping, the
  // runtime itself makes the picks before the point whose state is taken up, when no choose()
  // comes before it (Plan::repeated_picks), and steps are observed from that point on.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    if (r.kind == sim::Decision::Value) return pick_value(rt, r.options);
    return pick_thread(rt, r.threads(), r.kind);
  }
  // Steps before the point whose state is taken up are not analysed: that state holds them.
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (following()) return;
    if (what == sim::Observed::Published) {
      published(rt, t);
    } else {
      executed(rt, t);
    }
  }
  void repeated_pick_changed(const sim::Runtime& rt) override;
  // The schedule of the execution that just ran (its choices with two or more options).
  const Schedule& schedule() const override { return b_.schedule; }
  // The fraction of the search explored, estimated from the stack (checker/dpor_progress.cpp).
  double explored() const override;
  // Words of saved states the points on the stack keep, and the events of the last execution:
  // the first is at most dpor::kWordsPerEvent times the second (checker/dpor_saved.hpp).
  std::size_t saved_words() const { return b_.stack.empty() ? 0 : b_.stack.back().saved.end; }
  std::size_t events() const { return b_.events.size(); }

  // For searches that abandon executions early (checker/possible.cpp). From now on every new
  // point explores each of its enabled threads, as the naive search does, so that the races an
  // abandoned execution hides are not needed; the sleep sets still apply.
  void explore_every_thread() { every_thread_ = true; }
  // Ends the current execution here, as redundant: what it leads to is of no interest. Return it
  // from a thread pick. Only with explore_every_thread.
  std::size_t abandon() { return stop(); }
  // Bounded searches: whether the bound kept the search from a branch the reduction asked for.
  // If not, the search explored as the unbounded one would (without sleep sets): it is complete
  // with no bound at all.
  bool bound_cut() const { return bound_cut_; }

  // Estimation (checker/dpor_probe.cpp): from the next execution on, instead of searching, the
  // strategy makes random probes of its own tree, each a random path from the root to a leaf,
  // which may take several executions; it never runs out. probe_ended() gives, once per probe,
  // the product of the branching factors along its path (Knuth's estimate of the leaves, each
  // leaf an execution of the search), or a negative number while the probe goes on.
  void start_probing(std::uint64_t seed);
  double probe_ended() { return std::exchange(probe_.ended, -1.0); }
  // A split search (checker/split.hpp): the points above `depth` explore every enabled thread,
  // and of the prefixes that reach `depth` (the k-th new choice above it starts prefix k), only
  // prefix `wanted` is searched below; the executions of the others are foreign(). kAllForeign
  // searches none: it counts the prefixes.
  static constexpr std::size_t kAllForeign = SIZE_MAX;
  void split(std::uint32_t depth, std::size_t wanted) {
    split_depth_ = depth;
    wanted_ = wanted;
  }
  // The execution that just ran belongs to another prefix than the one searched.
  bool foreign() const { return split_depth_ != 0 && prefix_ != wanted_; }
  // Prefixes started so far, and whether one reached the split depth.
  std::size_t prefixes() const { return prefix_ + 1; }
  bool reached_split() const { return reached_split_; }
  // Prefixes that reached the split depth with no thread asleep. One with a sleeper is often
  // empty: a branch forced above the depth whose first sibling sleeps on below it, when nothing
  // the others do conflicts with its pending operation (docs/scale.md).
  std::size_t awake_prefixes() const { return awake_prefixes_; }

 private:
  using Footprint = dpor::Footprint;
  using Point = dpor::Point;
  using Word = dpor::Word;
  static constexpr std::uint32_t kNone = dpor::kNone;

  // Where this execution is with respect to its target, the point whose choice is new.
  enum class Phase : std::uint8_t {
    // Up to the last point before the target with a saved state: no step is analysed
    // (observe ignores them) and decisions follow the previous execution's schedule.
    Skipping,
    // Skipping found a decision or pick that does not match: the program is not deterministic.
    // The execution ends without analysis and its target runs again with every step analysed.
    Mismatched,
    // From the state taken up (or the start) to the target: events are clocked, but no race is
    // looked for: they were found when this prefix first ran.
    Clocking,
    // At and after the target, or in a search that found the program nondeterministic: every
    // race is looked for.
    Exploring,
  };
  void set_phase(Phase p) { phase_ = p; }
  bool following() const { return phase_ == Phase::Skipping || phase_ == Phase::Mismatched; }

  // The strategy (dpor.cpp).
  void begin_execution(sim::Plan& plan);
  bool advance();
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind);
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n);
  void published(const sim::Runtime& rt, sim::ThreadId t);
  void executed(const sim::Runtime& rt, sim::ThreadId t);
  // Out of line, so that pick_thread's common case saves no registers.
  [[gnu::noinline]] std::size_t pick_among(const sim::Runtime& rt,
                                           std::span<const sim::ThreadId> enabled,
                                           sim::Decision kind);
  std::size_t choose_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                            sim::Decision kind);
  bool reach_point(std::span<const sim::ThreadId> enabled, std::size_t& index);
  std::size_t choose_value(std::size_t n);
  void add_thread(const sim::Runtime& rt, sim::ThreadId t);
  void last_non_daemon_online();
  std::size_t stop();
  // Bounded partial-order reduction (dpor_bound.cpp).
  bool bounded() const { return bound_ != kUnboundedPreemptions; }
  std::size_t bounded_point(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                            sim::Decision kind);
  void reach_bounded(const Point& p) {
    preempt_ = p.preemptions + (p.current != kNone && p.chosen != p.current ? 1 : 0);
  }
  dpor::Word allowed(const Point& p, std::uint32_t w, dpor::Word todo);
  void race(std::uint32_t event, sim::ThreadId t) {
    add_backtrack(b_.events[event].point, t);
    if (bounded()) [[unlikely]] add_backtrack(block_start(event), t);
  }
  std::uint32_t block_start(std::uint32_t event) const;
  static void describe(const void* self, std::FILE* out);

  // The branching points and sleep sets (dpor_points.cpp).
  Word* set(const Point& p, dpor::Set s) { return b_.bits.data() + p.bits + s * p.words; }
  const Word* set(const Point& p, dpor::Set s) const {
    return b_.bits.data() + p.bits + s * p.words;
  }
  std::uint32_t new_point(sim::Decision kind, std::uint32_t chosen, std::uint32_t options,
                          std::uint32_t words);
  void truncate(std::size_t depth);
  bool same_enabled(const Point& p, std::span<const sim::ThreadId> enabled) const;
  void arrive_at_target(const Point& p);
  void add_backtrack(std::uint32_t point, sim::ThreadId t);
  void wake(const dpor::Event& e);
  void empty_sleep_set();
  void set_asleep(bool v) { asleep_ = v; }
  bool next_target();
  bool next_probe_target();  // dpor_probe.cpp
  bool try_next_sibling(std::size_t at);
  bool take_known_child(std::size_t at);
  bool take_tried_child(std::size_t at);
  std::uint32_t children(const Point& p);

  // Prefix reuse (dpor_saved.cpp).
  void begin_following();
  std::size_t follow(std::size_t options, sim::Decision kind);
  void repeated_up_to(const sim::Runtime& rt, const Point& p);
  template <class F>
  void each_part(const dpor::Saved& s, F&& f);
  void save(Point& p, std::uint32_t data);
  void restore(const Point& p);

  // The race finder (dpor_races.cpp).
  void birth(sim::ThreadId t);
  bool happens_before(const dpor::Event& e, sim::ThreadId t) const {
    return b_.clocks.of_thread(t)[e.thread] >= e.seq;
  }
  dpor::Object& touch(std::uint32_t object);
  void record(dpor::Event& e, std::uint32_t i);
  void end_of(std::uint32_t i);
  bool op_of(sim::ThreadId t, Footprint& op) const;
  void publish(sim::ThreadId t);
  void race_with_earlier(sim::ThreadId t, const Footprint& op);
  std::uint32_t latest_racing(const std::vector<std::uint32_t>& log, sim::ThreadId t,
                              const Footprint& op) const;
  void race_with_pending(std::uint32_t i);
  void race_with_exit(sim::ThreadId t);
  void race_with_pending_exit();
  // A process's terminate (dpor.cpp, dpor_races.cpp).
  void race_with_process(sim::ThreadId t, const Footprint& op);
  void end_process(std::uint32_t i);
  bool ends_program(const Footprint& kill) const;
  void race_with_failure();

  std::unique_ptr<dpor::Buffers> buffers_;
  dpor::Buffers& b_ = *buffers_;
  sim::InternalWitness witness_{this, &DporStrategy::describe};

  // The search: the stack in b_, and these.
  std::size_t target_ = 0;  // the point whose choice is new in this execution: < stack size
  bool every_thread_ = false;      // explore_every_thread()
  bool started_ = false;           // next_execution() planned the first execution
  // Bounded searches: the bound, the preemptions of this execution so far, and whether the
  // bound kept the search from a branch (bound_cut()).
  static constexpr std::uint32_t kUnboundedPreemptions = 0xffffffffU;
  std::uint32_t bound_ = kUnboundedPreemptions;
  std::uint32_t preempt_ = 0;
  bool bound_cut_ = false;
  // A split search: split().
  std::uint32_t split_depth_ = 0;
  std::size_t wanted_ = 0;
  std::size_t prefix_ = 0;
  bool reached_split_ = false;
  std::size_t awake_prefixes_ = 0;

  // This execution.
  Phase phase_ = Phase::Exploring;
  std::size_t depth_ = 0;  // points reached in this execution: <= stack size; those below
                           // target_ repeat the previous execution's choices
  std::uint32_t point_before_next_ = kNone;  // the point of the next event, if it has one
  bool asleep_ = false;  // the sleep set may have members; it has none before the target
  bool time_jumped_ = false;  // virtual time jumped before the next event
  // The last thing that happened is an event, no publication since: when the execution ends
  // so, and not with an end, its thread failed a check (weft::check), which cut off the others.
  bool last_was_event_ = false;
  sim::ThreadId threads_ = 0;  // threads of this execution
  std::uint32_t non_daemon_alive_ = 0;
  std::uint32_t locals_ = 0;  // threads whose pending operation is local()
  std::uint32_t threads_object_ = 0;  // the id of World::threads_object

  // Probing (start_probing): the point where the probe takes its next random child, and the
  // estimate of the last probe ended (negative: none since asked).
  struct Probe {
    bool on = false;
    bool all_races = false;
    Rng rng{0};
    std::size_t level = 0;
    std::vector<sim::ThreadId> order;  // the children of the point at `level` tried so far
    double ended = -1;
  };
  Probe probe_;

  // Prefix reuse.
  std::size_t repeated_picks_ = 0;    // Plan::repeated_picks
  std::size_t cursor_ = 0;  // while following: the next decision's index in the schedule
  std::size_t resume_ = 0;  // while following: the point whose saved state it takes up, <= target_
  std::uint32_t saved_events_ = 0;  // events when the last state was saved or taken up
};

}  // namespace weft::checker
