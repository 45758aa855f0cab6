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

// One executed visible operation.
struct Event {
  std::uint64_t step;
  Time time;
  ThreadId thread;
  OpKind kind;
  Access access;
  std::uint32_t object;  // Object::id, 0 when none
  std::int64_t result;   // set by the operation (acquired: 1, timed out: 0, value read, ...)
};

}  // namespace weft::sim
