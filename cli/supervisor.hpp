// A command's searches run in a child process that the parent watches, so that user code that
// crashes (a segfault, an abort) or never comes back to weft (a loop without a weft call) becomes
// a finding, with the execution that led to it, instead of taking weft down or hanging it.
//
// The child notes each execution it begins (checker/in_flight.hpp) in memory the parent shares.
// On a fatal signal it writes the execution's decisions to the parent from an alternate signal
// stack, with nothing but write(), and dies of the signal. When no execution begins for a while,
// the parent asks the child (SIGUSR1) how many visible operations the execution under way has
// made; when that number stands still for `runaway_after` seconds, or the time budget is spent
// and the child has not stopped, it asks the child (SIGUSR2) for the decisions and kills it.
// Ctrl-C and SIGTERM go through the parent, which asks the child's search to stop
// (cli/interrupt.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/runtime.hpp"

namespace weft::cli {

// Seconds without a visible operation before an execution is taken as runaway, by default.
inline constexpr double kDefaultRunawayAfter = 10;

struct Supervision {
  double runaway_after = kDefaultRunawayAfter;  // seconds without a visible operation
  double time_budget = 0;  // the command's wall-clock budget; the child is stopped half a second
                           // after it when it has not stopped by itself (0: none)
  // Known to run away after this many visible operations of its first execution (an execution
  // that did, run again along the same schedule): runaway as soon as it is there. 0: not known.
  std::uint64_t runaway_at_step = 0;
  // A child that waits for its user (weft step): the first Ctrl-C or SIGTERM ends it at once,
  // as it would end any interactive program; there is no search to ask to stop.
  bool interactive = false;
};

// The execution under way when the child died or was stopped.
struct UnderWay {
  checker::Schedule schedule;  // its decisions so far
  std::uint64_t seed = 0;      // its setup's seed (fuzzing: the run's)
  sim::Timing timing = sim::Timing::Exact;
  std::uint64_t steps = 0;     // visible operations it had performed
  std::string out, err;        // what it had written to stdout and stderr
};

// How the child ended.
struct ChildEnd {
  enum class How {
    Finished,     // the command ran to its end: exit_code is its
    Crashed,      // died of a signal, or exited before the command's end (message says which)
    Runaway,      // no visible operation for runaway_after seconds: stopped
    OutOfTime,    // still running half a second past the time budget: stopped
    // weft got SIGINT or SIGTERM twice, or once and the child's search did not stop on it
    // (cli/interrupt.hpp): stopped. A child that stopped on it ends Finished, `interrupted` set.
    Interrupted,
  } how = How::Finished;
  int exit_code = 0;
  bool interrupted = false;  // SIGINT or SIGTERM came while it ran (cli/interrupt.hpp)
  std::string message;  // Crashed, Runaway: the finding ("crashed: signal 11 (SIGSEGV)")
  std::optional<UnderWay> under_way;  // when an execution was under way and the child said so
  std::uint64_t executions = 0;       // executions the child began
  double seconds = 0;                 // from the fork to the child's end
  std::vector<std::string> notes;     // what the child sent (send_note), in order
  std::vector<std::uint64_t> counts;  // what the child set with set_count, by index
  std::uint64_t counted = 0;          // the highest index given to set_count, plus one
};

// Runs `command` in a child process (its output goes where this process's goes) and watches it.
// Throws std::system_error when no child can be made.
ChildEnd supervise(const std::function<int()>& command, const Supervision& supervision);

// In a supervised child: whether this process is one.
bool supervised();
// Sends `payload` to the parent (ChildEnd::notes); nothing when not supervised.
void send_note(const std::string& payload);
// Sets counts[index] for the parent (the executions of an outcome group found so far), for the
// first kCountSlots indexes (beyond, only ChildEnd::counted learns of it); nothing when not
// supervised.
inline constexpr std::size_t kCountSlots = 1 << 16;
void set_count(std::size_t index, std::uint64_t count);

// "runaway: no visible operation for 10 s"
std::string runaway_message(double seconds);

}  // namespace weft::cli
