// The narrow interface between the simulator and whoever explores it: pick the next thread among
// the enabled ones, pick a value for a choice. Exploration strategies live in checker/.
#pragma once

#include <cstddef>
#include <limits>
#include <span>

#include "sim/types.hpp"

namespace weft::sim {

class Runtime;

// What a decision is about; traces store it.
enum class Decision : std::uint8_t {
  Thread,    // which enabled thread runs next
  TimerTie,  // which of the threads due at the same virtual instant runs first
  Value,     // choose(n)
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  // Returned by pick_thread to stop the execution: it cannot lead anywhere new. Such an
  // execution ends with Outcome::redundant set.
  static constexpr std::size_t kStop = std::numeric_limits<std::size_t>::max();

  // Called once before each execution starts.
  virtual void begin_execution() {}
  // Index into `enabled` (ascending thread ids) of the thread that runs next, or kStop.
  // Called when at least two threads are enabled, or at every step if observes_steps (see
  // picks_alone).
  // `rt` shows each thread's pending operation.
  virtual std::size_t pick_thread(const Runtime& rt, std::span<const ThreadId> enabled,
                                  Decision kind) = 0;
  // A value in [0, n), n >= 2, for choose(n).
  virtual std::size_t pick_value(const Runtime& rt, std::size_t n) = 0;

  // Stateless search runs each execution's prefix again: this many first picks of the next thread
  // (rt.picks(), decisions or not) repeat those of the previous execution, which this strategy
  // ran on the same runtime. The runtime then makes them itself, from what it noted of that
  // execution, without collecting the enabled threads or asking pick_thread. Asked after
  // begin_execution().
  virtual std::size_t repeated_picks() const { return 0; }
  // A repeated pick found the program doing something else than the first time (another
  // operation, or a thread not enabled): it depends on something weft does not control. The
  // runtime picks as usual from here on.
  virtual void repeated_pick_changed(const Runtime& rt) { (void)rt; }

  // Strategies that watch every step (reduction) set this; the hooks below are then called.
  // The others pay nothing per step. The runtime reads it after begin_execution(),
  // pick_thread(), pick_value() and repeated_pick_changed(): change it only in one of them (or
  // between executions), not in the hooks below.
  bool observes_steps = false;
  // With observes_steps: whether pick_thread is called at a step where only one thread is
  // enabled (after a time jump it always is). A strategy may clear it while such a call could
  // only answer 0, to spare the call at most steps.
  bool picks_alone = true;
  // Thread t published the operation it performs next (rt.pending(t)).
  virtual void published(const Runtime& rt, ThreadId t) { (void)rt, (void)t; }
  // Thread t performed its pending operation.
  virtual void executed(const Runtime& rt, ThreadId t) { (void)rt, (void)t; }
};

}  // namespace weft::sim
