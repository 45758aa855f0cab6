// The narrow interface between the simulator and whoever explores it: pick the next thread among
// the enabled ones, pick a value for a choice. Exploration strategies live in checker/.
#pragma once

#include <cstddef>
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
  // Called once before each execution starts.
  virtual void begin_execution() {}
  // Index into `enabled` (ascending thread ids, at least two) of the thread that runs next.
  // `rt` shows each thread's pending operation.
  virtual std::size_t pick_thread(const Runtime& rt, std::span<const ThreadId> enabled,
                                  Decision kind) = 0;
  // A value in [0, n), n >= 2, for choose(n).
  virtual std::size_t pick_value(const Runtime& rt, std::size_t n) = 0;
};

}  // namespace weft::sim
