// Bounded partial-order reduction: the reduced search (checker/dpor.hpp) kept to the schedules
// with at most a given number of preemptions (checker/preemption.hpp), after K. E. Coons,
// M. Musuvathi and K. S. McKinley, "Bounded partial-order reduction", OOPSLA 2013.
//
// Three changes to the unbounded search, each argued in docs/reduction.md ("Bounded search"):
// - a new point runs the thread that ran last when it can (no preemption), and a branch that
//   would take the schedule past the bound is never tried;
// - a race adds its thread, besides at the point before the earlier event, at the point where
//   the earlier event's thread last took over (the start of its block): there the thread can
//   be run at no extra preemption, where the race's own point may be out of the bound;
// - no sleep sets and no local-first shortcut: both stand for schedules explored elsewhere,
//   which may lie outside the bound where the ones they replace lie inside.
#include <algorithm>

#include "checker/dpor.hpp"
#include "checker/preemption.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

using sim::ThreadId;
using namespace dpor;

// A new point of a bounded search: the thread that ran last if it can go on, else the lowest.
std::size_t DporStrategy::bounded_point(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                        sim::Decision kind) {
  const std::size_t current = continuing_index(rt, enabled, kind);
  const std::size_t first = current == kNoCurrent ? 0 : current;
  const std::uint32_t words = words_for(rt.thread_count());
  const std::uint32_t i = new_point(kind, enabled[first],
                                    static_cast<std::uint32_t>(enabled.size()), words);
  Point& p = b_.stack[i];
  if (current != kNoCurrent) p.current = enabled[current];
  for (ThreadId t : enabled) put(set(p, kEnabled), t);
  put(set(p, kBacktrack), enabled[first]);
  // Which timer fires first is a step of the clock, no preemption: every order is tried. (Left
  // to the races, a differential test found an outcome lost at bound 0: the race that would
  // name the other timer is with an event the bound kept from running.)
  if (kind == sim::Decision::TimerTie) std::copy_n(set(p, kEnabled), words, set(p, kBacktrack));
  point_before_next_ = i;
  ++depth_;
  return first;
}

// The members of `todo` (word w of point p's threads to try) that keep the schedule within the
// bound. A thread left out is a branch the bound cut.
Word DporStrategy::allowed(const Point& p, std::uint32_t w, Word todo) {
  if (p.current == kNone || p.preemptions < bound_) return todo;
  Word keep = 0;
  if (p.current / 64 == w) keep = Word{1} << (p.current % 64);
  if ((todo & ~keep) != 0) bound_cut_ = true;
  return todo & keep;
}

// The point before the first event of the run of events of `event`'s thread that ends with it:
// where that thread took over from another (or the program began).
std::uint32_t DporStrategy::block_start(std::uint32_t event) const {
  const ThreadId t = b_.events[event].thread;
  while (event > 0 && b_.events[event - 1].thread == t) --event;
  return b_.events[event].point;
}

}  // namespace weft::checker
