// The narrow interface between the simulator and whoever explores it. A strategy plans each
// execution (next_execution), answers the runtime's picks (pick), may watch every step
// (observe), and keeps the schedule of the execution it ran. Strategies live in checker/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {

class Runtime;

// What a decision is about; traces store it.
enum class Decision : std::uint8_t {
  Thread,    // which enabled thread runs next
  TimerTie,  // which of the threads due at the same virtual instant runs first
  Value,     // choose(n)
};

// One decision of an execution. The schedule of an execution is its decisions with two or more
// options, in the order they were made: thread picks, timer ties and choose() values.
struct Choice {
  Decision kind;
  std::uint32_t chosen;   // index among the options
  std::uint32_t options;  // how many there were (enabled threads, or n of choose(n))
};
using Schedule = std::vector<Choice>;

// How the next execution runs, as the strategy plans it before it starts. Fixed for the whole
// execution.
struct Plan {
  static constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();
  // This many first picks of the next thread (rt.picks(): decisions or not) repeat those of the
  // previous execution, which this strategy ran on the same runtime. The runtime makes them
  // itself, from what it noted of that execution, without collecting the enabled threads or
  // asking the strategy, until one does not repeat (repeated_pick_changed).
  std::size_t repeated_picks = 0;
  // Steps are observed (observe) from the first pick the strategy is asked at rt.picks() >=
  // observe_from on, right after it: 0, from the start; kNever, not at all, and then no step
  // costs anything. While steps are observed the strategy is also asked at a timer tie with one
  // thread due (time jumped).
  std::size_t observe_from = kNever;
  // While steps are observed: the strategy is also asked at a thread pick with one thread
  // enabled, which it may stop there (kStop).
  bool ask_alone = false;
};

// What the runtime asks a strategy to pick.
struct Request {
  Decision kind;
  // How many options there are: the enabled threads (thread picks and timer ties), or n of
  // choose(n). At least 2, except for the lone picks of Plan::observe_from and ask_alone.
  std::size_t options;
  // Thread picks and timer ties: the enabled threads, by ascending id (`options` of them).
  const ThreadId* enabled = nullptr;

  std::span<const ThreadId> threads() const { return {enabled, options}; }
};

// How a step is observed.
enum class Observed : std::uint8_t {
  Published,  // the thread published the operation it performs next (rt.pending(t))
  Executed,   // the thread performed its pending operation
};

class Strategy {
 public:
  virtual ~Strategy() = default;
  // Returned by pick for a thread pick to stop the execution: it cannot lead anywhere new. Such
  // an execution ends with Outcome::redundant set.
  static constexpr std::size_t kStop = std::numeric_limits<std::size_t>::max();

  // Starts planning the next execution: false when there is none left (an exhaustive search
  // that explored everything). The first call plans the first execution; each later one follows
  // the execution that ran last. Strategies that run one execution at a time (a trace to
  // follow, a seeded fuzzer) start afresh and always have one.
  virtual bool next_execution(Plan& plan) = 0;
  // An index in [0, request.options), or kStop for a thread pick. `rt` shows each thread's
  // pending operation.
  virtual std::size_t pick(const Runtime& rt, const Request& request) = 0;
  // Thread t's step, while steps are observed (Plan::observe_from).
  virtual void observe(const Runtime& rt, ThreadId t, Observed what) {
    (void)rt, (void)t, (void)what;
  }
  // A repeated pick (Plan::repeated_picks) found the program doing something else than the
  // previous execution did at rt.picks() (another operation, or the thread not enabled): it
  // depends on something weft does not control. The runtime picks as usual from here on.
  virtual void repeated_pick_changed(const Runtime& rt) { (void)rt; }
  // The schedule of the execution that ran last (during an execution: its decisions so far).
  virtual const Schedule& schedule() const = 0;
  // Thread t declared its local state (weft::local_state): from here on its future depends on
  // its code from that point and the values, hashed into (a, b), and on what it learns later.
  // Only a search that keeps threads' states uses it; the others ignore it.
  virtual void declared(const Runtime& rt, ThreadId t, std::uint64_t a, std::uint64_t b) {
    (void)rt, (void)t, (void)a, (void)b;
  }

  // Whether the program did something else from one execution to the next where this strategy
  // made it decide alike: it depends on something weft does not control (plain shared memory,
  // wall time).
  bool nondeterministic() const { return nondeterministic_; }

 protected:
  void found_nondeterminism() { nondeterministic_ = true; }

 private:
  bool nondeterministic_ = false;
};

}  // namespace weft::sim
