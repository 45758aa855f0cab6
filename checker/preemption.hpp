// Preemptions, as context bounding counts them (M. Musuvathi and S. Qadeer, "Iterative context
// bounding for systematic testing of multithreaded programs", PLDI 2007): a thread decision that
// switches away from the thread that ran last while it could have gone on. Switching away from a
// thread that blocked or ended is free. Bugs need few preemptions, which is why bounding them
// finds bugs early and why shrinking removes them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "sim/runtime.hpp"

namespace weft::checker {

// No bound on preemptions.
inline constexpr std::uint32_t kUnbounded = std::numeric_limits<std::uint32_t>::max();

// "No thread could go on": every choice at such a decision is free.
inline constexpr std::size_t kNoCurrent = std::numeric_limits<std::size_t>::max();

// Index in `enabled` (ascending ids) of the thread that ran last, if it is enabled and this is a
// thread decision; kNoCurrent otherwise. Timer ties come after a moment when no thread could
// step, so none of their choices preempts.
inline std::size_t continuing_index(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                                    sim::Decision kind) {
  if (kind != sim::Decision::Thread) return kNoCurrent;
  const auto it = std::lower_bound(enabled.begin(), enabled.end(), rt.self());
  if (it == enabled.end() || *it != rt.self()) return kNoCurrent;
  return static_cast<std::size_t>(it - enabled.begin());
}

// True if picking `chosen` at a decision whose continuing index is `current` preempts.
inline bool is_preemption(std::size_t current, std::size_t chosen) {
  return current != kNoCurrent && chosen != current;
}

}  // namespace weft::checker
