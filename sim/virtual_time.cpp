// Virtual time: when no thread can step, time jumps to the earliest deadline (or the execution
// ends: deadlock, livelock, the time limit); untimed, a timed operation may time out whenever it
// runs.
#include <algorithm>

#include "sim/runtime.hpp"
#include "sim/runtime_inline.hpp"

namespace weft::sim {

// Untimed: the current thread performs a timed operation, which may have waited any time. If its
// condition does not hold it times out, and its own time moves to the deadline. False when that
// ends the execution (then the thread has been abandoned).
bool Runtime::time_out_untimed(Slot& s) {
  const Op& op = s.pending;
  if (op.ready != nullptr && op.ready(op.object, current_)) return true;
  Time& clock = threads_[current_]->clock;
  clock = std::max(clock, op.deadline);
  now_ = std::max(now_, clock);
  if (clock <= setup_->max_time) return true;
  end_here(Status::Limit, "virtual time limit reached");
  return false;
}

// Nothing can step: time jumps to the earliest deadline, until some thread can. Returns how many
// threads can then, or 0 when none ever will (the execution ended: deadlock, livelock or the
// time limit).
std::size_t Runtime::wait_for_deadline() {
  for (;;) {
    // No running thread is enabled, so every one's deadline lies ahead.
    Time soonest = kNever;
    for (ThreadId i = 0; i < count_; ++i)
      if (slots_[i].state == State::Running) soonest = std::min(soonest, slots_[i].pending.deadline);
    if (soonest == kNever) {
      bool spinning = false;
      for (ThreadId i = 0; i < count_; ++i)
        spinning = spinning || (slots_[i].state == State::Running && slots_[i].spinning);
      if (spinning) {
        end_status(Status::Livelock, "threads spin forever on values no thread will change");
      } else {
        end_status(Status::Deadlock, "");
      }
      describe_blocked();
      return 0;
    }
    if (soonest > setup_->max_time) {
      end_status(Status::Limit, "virtual time limit reached");
      return 0;
    }
    now_ = soonest;
    if (!untimed_) enabled_until_ = soonest;
    if (const std::size_t n = collect_enabled()) return n;
  }
}

}  // namespace weft::sim
