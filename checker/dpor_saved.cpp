// Prefix reuse (checker/dpor_saved.hpp): saving the analysis state at a point, following the
// previous execution's decisions with the hooks off, and taking the state up again.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "checker/dpor.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

using namespace dpor;

// An execution that repeats a prefix starts following when a point up to its target saved a
// state: the deepest such point is where it takes it up. When no choose() comes before that
// point, the runtime itself makes the picks up to it.
void DporStrategy::begin_following() {
  WEFT_INTERNAL(target_ < b_.stack.size(), "the target on the stack");
  for (std::size_t i = target_ + 1; i-- > 0;) {
    if (b_.stack[i].saved.width != b_.clocks.width()) continue;
    set_phase(Phase::Skipping);
    resume_ = i;
    break;
  }
  if (!following()) return;
  const std::uint32_t at = b_.stack[resume_].at;
  const auto values = std::count_if(b_.schedule.begin(), b_.schedule.begin() + at,
                                    [](const Choice& c) { return c.kind == sim::Decision::Value; });
  if (values == 0) repeated_picks_ = b_.schedule_picks[at];
}

// The previous execution's decision here: before the target, this one repeats it. A decision
// with one option has no entry. One that does not match shows that the program is not
// deterministic: the execution stops and its target runs again with every step analysed.
std::size_t DporStrategy::follow(std::size_t options, sim::Decision kind) {
  if (options == 1) return 0;
  if (phase_ == Phase::Skipping && cursor_ < b_.schedule.size()) {
    const Choice& c = b_.schedule[cursor_];
    if (c.options == options && c.kind == kind) {
      if (depth_ < b_.stack.size() && b_.stack[depth_].at == cursor_) ++depth_;
      ++cursor_;
      return c.chosen;
    }
  }
  set_phase(Phase::Mismatched);
  return kind == sim::Decision::Value ? 0 : stop();
}

// At the point taken up, after the runtime made the picks before it: the decisions before
// count as followed.
void DporStrategy::repeated_up_to(const sim::Runtime& rt, const Point& p) {
  if (repeated_picks_ == 0 || cursor_ >= p.at || rt.picks() < repeated_picks_) return;
  cursor_ = p.at;
  depth_ = resume_;  // the points before p, each at a decision before it
}

// The variable-length part of a saved state, part by part in the order the parts lie in
// Buffers::saved: f(where the part lives now, its size in bytes).
template <class F>
void DporStrategy::each_part(const Saved& s, F&& f) {
  static_assert(std::is_trivially_copyable_v<Thread> && std::is_trivially_copyable_v<Object>);
  f(static_cast<void*>(b_.threads.data()), s.threads * sizeof(Thread));
  f(static_cast<void*>(b_.clocks.thread_rows()), std::size_t{s.threads} * s.width * 4);
  f(static_cast<void*>(b_.objects.data()), s.objects * sizeof(Object));
  f(static_cast<void*>(b_.clocks.object_rows()), std::size_t{s.objects} * 2 * s.width * 4);
  f(static_cast<void*>(b_.clocks.exit()), std::size_t{s.width} * 4);
}

// The analysis state as it is where point p is first reached, and where an execution that
// repeats the prefix up to p takes it up. Its part of Buffers::saved starts at `data`.
void DporStrategy::save(Point& p, std::uint32_t data) {
  Saved& s = p.saved;
  s.data = s.end = data;
  s.width = 0;
  // Few points become a target: saving at every point costs more than clocking the events
  // since the last one saved, from there; and a state is saved only when the events since the
  // last one pay for its size, and are a share of the execution so far.
  const std::uint32_t width = b_.clocks.width();
  const std::size_t words = std::size_t{threads_} * (sizeof(Thread) / 4 + width) +
                            std::size_t{b_.objects_used} * (sizeof(Object) / 4 + 2 * width) +
                            width;
  const std::size_t gap =
      std::max({std::size_t{kSaveEvery}, words / kWordsPerEvent, b_.events.size() / kSaveShare});
  if (b_.events.size() < saved_events_ + gap) return;
  saved_events_ = static_cast<std::uint32_t>(b_.events.size());
  s.events = static_cast<std::uint32_t>(b_.events.size());
  s.lists = static_cast<std::uint32_t>(b_.lists_log.size());
  s.changes = static_cast<std::uint32_t>(b_.changes_log.size());
  s.daemons = static_cast<std::uint32_t>(b_.daemon_log.size());
  s.threads = threads_;
  s.non_daemon_alive = non_daemon_alive_;
  s.locals = locals_;
  s.objects = b_.objects_used;
  s.width = width;
  s.epoch = b_.epoch;
  s.time_jumped = time_jumped_;
  s.last_was_event = last_was_event_;
  each_part(s, [&](void*, std::size_t bytes) {
    s.end += static_cast<std::uint32_t>((bytes + 3) / 4);
  });
  if (b_.saved.size() < s.end) b_.saved.resize(2 * std::size_t{s.end});
  std::uint32_t* to = b_.saved.data() + s.data;
  each_part(s, [&](const void* from, std::size_t bytes) {
    if (bytes != 0) std::memcpy(to, from, bytes);
    to += (bytes + 3) / 4;
  });
}

// This execution reached point p (its target, or the last point before it with a saved state)
// having skipped every hook since it began: the state is p's saved one, in this execution's
// epoch. The events, logs and schedule are the previous execution's, cut back to p. From p to
// the target the events are clocked again, as they were without saved states.
void DporStrategy::restore(const Point& p) {
  const Saved& s = p.saved;
  WEFT_INTERNAL(s.width == b_.clocks.width() && s.data <= s.end && s.end <= b_.saved.size() &&
                    cursor_ == p.at && s.events <= b_.events.size(),
                "a saved state that fits the buffers, taken up at its own point");
  set_phase(Phase::Clocking);
  saved_events_ = s.events;
  b_.events.resize(s.events);
  b_.lists_log.resize(s.lists);
  b_.changes_log.resize(s.changes);
  b_.daemon_log.resize(s.daemons);
  b_.schedule.resize(cursor_);
  b_.schedule_picks.resize(cursor_);
  threads_ = s.threads;
  non_daemon_alive_ = s.non_daemon_alive;
  locals_ = s.locals;
  b_.objects_used = s.objects;
  time_jumped_ = s.time_jumped;
  last_was_event_ = s.last_was_event;
  const std::uint32_t* from = b_.saved.data() + s.data;
  each_part(s, [&](void* to, std::size_t bytes) {
    if (bytes != 0) std::memcpy(to, from, bytes);
    from += (bytes + 3) / 4;
  });
  for (std::uint32_t o = 0; o < s.objects; ++o)  // the objects it had touched, as this one's
    b_.objects[o].epoch = b_.objects[o].epoch == s.epoch ? b_.epoch : 0;
}

}  // namespace weft::checker
