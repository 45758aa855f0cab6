// Ctrl-C (SIGINT) and SIGTERM while a command searches. The search runs in a supervised child
// (cli/supervisor.hpp), and both processes get a Ctrl-C, which reaches the terminal's whole
// process group: the child ignores it, and the parent decides. The first signal asks the
// child's search to end as if a budget had run out (checker::request_stop(), through the memory
// they share): the child prints the report of what it found, marked INCOMPLETE (interrupted),
// and exits 4. A second signal, or a child still deep in a search that has not heard the
// request after a grace period (user code that does not come back to weft), ends the child at
// once, and the parent reports what the child had sent it.
#pragma once

#include <string>

namespace weft::cli {

// While it lives, SIGINT and SIGTERM are counted instead of ending the process; the handlers
// that were there before come back after. The handler only counts (async-signal-safe).
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  // SIGINT and SIGTERM received since it began.
  int count() const;
};

// Seconds a child's search has to hear a stop request before it is ended at once.
inline constexpr double kStopGrace = 2;

// On a terminal, says on stderr that the search is ending and how to end it at once; nothing
// when stderr is not a terminal.
void say_stopping();
// Erases a status line the child may have left on the terminal (cli/progress.hpp), before the
// parent prints a report of its own; nothing when stderr is not a terminal.
void erase_child_status();

// How a report says why a search is incomplete: "interrupted", or "cut by time-budget".
std::string cut_text(const std::string& cut_by);
// What follows "INCOMPLETE" in a verdict: " (interrupted)", or ", cut by time-budget".
std::string incomplete_why(const std::string& cut_by);

}  // namespace weft::cli
