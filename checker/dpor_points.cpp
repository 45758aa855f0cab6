// The stack of branching points and the sleep set (checker/dpor_points.hpp).
#include <algorithm>

#include "checker/dpor.hpp"

namespace weft::checker {

using sim::ThreadId;
using namespace dpor;

void DporStrategy::empty_sleep_set() {
  std::fill(b_.sleeping.begin(), b_.sleeping.end(), 0);
  std::fill(b_.fragile.begin(), b_.fragile.end(), 0);
}

// The event wakes the sleepers it does not commute with, and every sleeper whose step fails.
void DporStrategy::wake(const Event& e) {
  if (!asleep_) return;
  Word* const sleeping = b_.sleeping.data();
  Word* const fragile = b_.fragile.data();
  const Thread* const threads = b_.threads.data();
  for (std::size_t w = 0, n = b_.sleeping.size(); w < n; ++w) {
    Word asleep = sleeping[w];
    if (asleep == 0) continue;
    asleep &= ~std::exchange(fragile[w], 0);
    for (Word bits = asleep; bits != 0; bits &= bits - 1) {
      const ThreadId q = lowest(static_cast<std::uint32_t>(w), bits);
      const Footprint& op = threads[q].next;
      if (conflict(e, op) || kills(e, op, threads[q].process) ||
          kills(op, e, threads[e.thread].process))
        asleep &= ~(Word{1} << (q % 64));
    }
    sleeping[w] = asleep;
  }
}

bool DporStrategy::same_enabled(const Point& p, std::span<const ThreadId> enabled) const {
  if (p.options != enabled.size()) return false;
  const Word* bits = set(p, kEnabled);
  for (ThreadId t : enabled)
    if (t >= p.words * 64 || !has(bits, t)) return false;
  return true;
}

// The new branch of this execution: what was explored at the point sleeps.
void DporStrategy::arrive_at_target(const Point& p) {
  empty_sleep_set();
  // Under a bound a sleeper's branch was explored within the bound from the point before: the
  // schedules it stands for here may need more preemptions there (docs/reduction.md).
  if (bounded()) return;
  const Word* sleep = set(p, kSleep);
  const Word* done = set(p, kDone);
  const Word* failed = set(p, kFailed);
  const Word* sleep_failed = set(p, kSleepFailed);
  for (std::uint32_t w = 0; w < p.words && w < b_.sleeping.size(); ++w) {
    b_.sleeping[w] = sleep[w] | done[w];
    b_.fragile[w] = sleep_failed[w] | (done[w] & failed[w]);
  }
  if (p.kind != sim::Decision::Value) take(b_.sleeping.data(), p.chosen);
  set_asleep(true);
}

// The points' sets lie one after the other in bits, which only grows: what lies past the last
// point's sets is stale, and a new point's sets are written in full.
std::uint32_t DporStrategy::new_point(sim::Decision kind, std::uint32_t chosen,
                                      std::uint32_t options, std::uint32_t words) {
  const std::uint32_t offset =
      b_.stack.empty() ? 0 : b_.stack.back().bits + kSets * b_.stack.back().words;
  if (b_.bits.size() < offset + kSets * std::size_t{words})
    b_.bits.resize(2 * (offset + kSets * std::size_t{words}));
  const auto at = static_cast<std::uint32_t>(b_.schedule.size());  // where its decision goes
  b_.stack.push_back(Point{kind, chosen, options, offset, words, at, {}, preempt_, kNone});
  Point& p = b_.stack.back();
  save(p, b_.stack.size() > 1 ? b_.stack[b_.stack.size() - 2].saved.end : 0);
  Word* const bits = set(p, kEnabled);
  const std::size_t sleepers = b_.sleeping.size();
  for (std::size_t w = 0; w < words; ++w) {
    for (std::uint32_t s = 0; s < kSets; ++s) bits[s * words + w] = 0;
    if (w < sleepers) {
      bits[kSleep * words + w] = b_.sleeping[w];
      bits[kSleepFailed * words + w] = b_.fragile[w];
    }
  }
  return static_cast<std::uint32_t>(b_.stack.size() - 1);
}

void DporStrategy::truncate(std::size_t depth) {
  if (depth < b_.stack.size()) b_.stack.resize(depth);
}

// Flanagan–Godefroid: schedule t at the point if it was enabled there, else every thread that
// was. Also every thread when t sleeps there: t's own later races, which would have named the
// threads that must run before it, are then never found from this point, so no smaller set is
// known to be enough (a random-program differential test found the case).
void DporStrategy::add_backtrack(std::uint32_t point, ThreadId t) {
  if (point == kNone) return;
  WEFT_INTERNAL(point < b_.stack.size(), "a race's point on the stack");
  const Point& p = b_.stack[point];
  if (p.kind == sim::Decision::Value) return;
  Word* backtrack = set(p, kBacktrack);
  const Word* enabled = set(p, kEnabled);
  if (t < p.words * 64 && has(enabled, t) && !has(set(p, kSleep), t)) {
    put(backtrack, t);
  } else {
    for (std::uint32_t w = 0; w < p.words; ++w) backtrack[w] |= enabled[w];
  }
}

// The deepest point with a choice left becomes the target: its next value, or the lowest thread
// to try that was neither tried nor asleep there. Points with none left are popped.
bool DporStrategy::next_target() {
  while (!b_.stack.empty()) {
    Point& p = b_.stack.back();
    if (p.kind == sim::Decision::Value) {
      if (p.chosen + 1 < p.options) {
        ++p.chosen;
        target_ = b_.stack.size() - 1;
        return true;
      }
    } else {
      put(set(p, kDone), p.chosen);
      const Word* backtrack = set(p, kBacktrack);
      const Word* done = set(p, kDone);
      const Word* sleep = set(p, kSleep);
      for (std::uint32_t w = 0; w < p.words; ++w) {
        Word todo = backtrack[w] & ~done[w] & ~sleep[w];
        if (bounded()) [[unlikely]] todo = allowed(p, w, todo);
        if (todo != 0) {
          p.chosen = lowest(w, todo);
          WEFT_INTERNAL(has(set(p, kEnabled), p.chosen), "the thread to try next enabled there");
          target_ = b_.stack.size() - 1;
          return true;
        }
      }
    }
    b_.stack.pop_back();
  }
  return false;
}

}  // namespace weft::checker
