// The inline mechanics of the step path that only sim's own files call: defined here rather than
// in sim/runtime.hpp, which states what the runtime does for its users.
#pragma once

#include "sim/runtime.hpp"

namespace weft::sim {

// Inline, so that the unwinding starts in the caller's frame.
inline void Runtime::end_here(Status status, std::string_view message) {
  leave_for_host(status, message);
  after_end();
}

inline void Runtime::after_end() {
  if (!completes_after_end()) unwind_abandoned();
}

// The threads that can perform their pending operation now go to enabled_, by ascending id;
// returns how many. Runs at every scheduling point, so it reads through locals: the ready
// predicates it calls could otherwise make the compiler reload every member.
inline std::size_t Runtime::collect_enabled() {
  const Slot* const slots = slots_.data();
  ThreadId* const out = enabled_.data();  // sized for every thread by add_thread
  const Time now = enabled_until_;
  std::size_t n = 0;
  for (ThreadId i = 0, end = static_cast<ThreadId>(count_); i < end; ++i) {
    if (slots[i].state == State::Running && can_perform(slots[i].pending, i, now)) out[n++] = i;
  }
  return n;
}

}  // namespace weft::sim
