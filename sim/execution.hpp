// What one execution is given (its limits and inputs) and what it records (its events).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {

// How durations order operations across threads (DESIGN.md, "Virtual time").
enum class Timing : std::uint8_t {
  Exact,    // zero-time semantics: time jumps only when nothing can step (the textbook answer)
  Untimed,  // durations order nothing: a sleeper may wake, a timed wait time out, at any point
            // after it began (every behaviour on any machine)
};

// Limits and inputs of one execution.
struct ExecutionSetup {
  std::uint64_t max_steps = 100000;       // visible operations before the execution is cut
  Time max_time = from_seconds(1000);     // virtual time before the execution is cut
  std::vector<std::string> stdin_lines;   // scripted standard input
  std::uint64_t seed = 0;                 // for the scenario's random generator
  bool record_events = false;             // keep the event list (traces)
  Timing timing = Timing::Exact;          // how durations order operations across threads
  // Pieces the simulated network may cut each socket send into, as TCP segmentation may: the
  // receiver's recv returns data ending at a send's end or at one of its cuts. 1: never cut.
  std::uint32_t max_segments = 2;
};

// How an operation waited between its thread publishing it and performing it, as a recorded
// event tells it. Steps are counted as Event::step; the wait began after step `after`.
struct Wait {
  bool waited = false;            // at some point it could not be performed
  std::uint64_t after = 0;        // the step after which it first could not
  std::uint64_t woken_by = 0;     // the step after which it last became able to; 0: its deadline
  std::vector<ThreadId> held_by;  // who held its object when it first could not
  bool able = true;               // whether it could be performed at the last look
};

// One executed visible operation.
struct Event {
  std::uint64_t step;
  Time time;
  ThreadId thread;
  OpKind kind;
  Access access;
  std::uint32_t object;  // Object::id, 0 when none
  std::int64_t result;   // set by the operation (acquired: 1, timed out: 0, value read, ...)
  // How much stdout and stderr held before it ran: a print's text is what the streams gained
  // before the next event (between two events only the thread of the first one runs).
  std::size_t out_at = 0, err_at = 0;
  Wait wait;
};

}  // namespace weft::sim
