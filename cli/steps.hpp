// An execution's events read as steps people follow: what each operation did in words (the
// text printed, the value read or written), how it waited before it ran (since when, who held
// what it waited for) and which step let it go. The story (cli/story.hpp) and the swimlanes
// (cli/lanes.hpp) both tell these.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/trace.hpp"

namespace weft::cli {

struct Step {
  const checker::TraceEvent* event;
  std::size_t lane;  // the thread's column: threads by order of first appearance
  std::string action;  // "print \"Thread-1 got A\"", "store Shared n <- 4", "acquire Lock A"
  // Set when the operation waited: the event after which it began to wait (none: from the
  // execution's start), and the one that let it go (none: its deadline did).
  bool waited = false;
  std::optional<std::size_t> waited_after;
  std::optional<std::size_t> woken_by;
  std::string wait_note;  // "waited since #12 while Thread-2 held it; handed over by ..."
};

struct Steps {
  std::vector<std::string> threads;  // by lane
  std::vector<Step> steps;           // one per event, in order
};

// The steps of `events` (which must outlive the result).
Steps read_steps(const std::vector<checker::TraceEvent>& events);

// The virtual time of each line of `out` (as split_lines cuts it): when the print that began it
// ran. Empty when the prints of `events` do not add up to `out`.
std::vector<double> stdout_line_times(const std::vector<checker::TraceEvent>& events,
                                      const std::string& out);

// `text` on one line: colour codes (ANSI SGR) dropped, a final newline dropped, other control
// characters shown escaped ("\n", "\x07").
std::string one_line(const std::string& text);

// What a thread waits in while it waits for `e` to happen: "sleeps", "waits for Lock mutexA,
// held by Thread-1", "waits to join Thread-2".
std::string wait_label(const checker::TraceEvent& e);

// What `b` was stuck in when the execution ended: a wait_label, "waits at exit for Thread-1",
// "spins reading Shared flag".
std::string stuck_label(const sim::BlockedThread& b);

// A step as the story names it: "#14".
std::string step_name(std::uint64_t step);

// Seconds as the story shows them: "2.000".
std::string seconds(double t);

}  // namespace weft::cli
