// What a search tells whoever watches it while it runs (a status line on a terminal), and the
// request that ends it early (Ctrl-C). Both cost the search next to nothing: the request is one
// flag read between executions, and the clock is read every `stride` executions only, the stride
// adapting to how long executions take.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "checker/in_flight.hpp"
#include "checker/schedule.hpp"

namespace weft::checker {

// A search's counts so far.
struct Progress {
  std::uint64_t executions = 0;  // executions (fuzzing: runs) begun
  std::uint64_t distinct = 0;    // distinct outcomes found; 0 for searches that do not count them
  std::uint64_t states = 0;      // states cached by a search that caches them; 0: none
  double seconds = 0;            // since the search began
  // The fraction of the search tree explored, in [0, 1], as the strategy estimates it (each
  // branch of a branching point taken as large as its siblings); negative: no estimate.
  double explored = -1;
};

using ProgressSink = std::function<void(const Progress&)>;

// What a search strategy can say of its own progress, beside the strategy interface (which the
// simulator drives and so keeps to what it needs): the searches that know implement it.
class Measured {
 public:
  virtual ~Measured() = default;
  // The fraction of the search tree explored, as in Progress::explored; negative: no estimate.
  virtual double explored() const { return -1; }
  // States cached so far; 0: the search caches none.
  virtual std::uint64_t states_cached() const { return 0; }
};

// The cut_by of a search that ended on request_stop().
inline constexpr const char* kInterrupted = "interrupted";

// Asks the searches of this process to end after the execution under way, as if a budget had
// run out (cut_by kInterrupted). Async-signal-safe: a signal handler may call it; a watching
// process sets the same flag in the memory it shares (checker/in_flight.hpp).
void request_stop();
// Whether request_stop() was called (and not cleared since). Inline: searches ask at every
// execution.
inline bool stop_requested() { return in_flight().stop.load(std::memory_order_relaxed) != 0; }
// A search ends on the request: says so to whoever asked (InFlight::stopped).
void note_stopped();
// Forgets a request (a new command in the same process starts afresh).
void clear_stop();
// Whether a search that has made `made` runs in `seconds` ends before its next one, and why (a
// report's cut_by): "time-budget" once a run was made and `time_budget` (if > 0) is spent, or
// kInterrupted on request_stop() (then noted). nullptr: it goes on.
const char* cut_before_next(double time_budget, std::uint64_t made, double seconds);

// When to tell a sink: at most every kInterval, the first time kInterval after the start, so
// that a search that ends quickly draws nothing.
class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kInterval = 0.25;  // seconds between two reports

  explicit Pacer(Clock::time_point started) : started_(started) {}
  // Called once per execution; true when the sink is due (seconds() then tells the time).
  bool due() { return --countdown_ == 0 && read_clock(); }
  double seconds() const { return seconds_; }

 private:
  bool read_clock();

  Clock::time_point started_;
  std::uint64_t stride_ = 1;     // executions between two clock reads
  std::uint64_t countdown_ = 1;  // executions until the next read
  double seconds_ = 0;           // at the last read
  double next_report_ = kInterval;
};

// The explored fraction of a search without reduction whose schedule is the path through the
// tree of every decision (checker/dfs.hpp): the options left of each choice are done.
double explored_fraction(const Schedule& path);

}  // namespace weft::checker
