#include "checker/dpor.hpp"

#include <algorithm>
#include <bit>
#include <utility>
#include <cstdio>

#include "sim/runtime.hpp"

namespace weft::checker {
constexpr bool kParity = false;

using sim::Access;
using sim::OpKind;
using sim::ThreadId;

DporStrategy::DporStrategy() {
  observes_steps = true;
  // Room for a typical search, so that the first executions do not grow them step by step.
  events_.reserve(128);
  stack_.reserve(64);
  bits_.reserve(128);
  for (auto* log : {&lists_log_, &changes_log_, &daemon_log_, &ends_log_}) log->reserve(16);
}

// ---------------------------------------------------------------------------------------------
// The dependency relation.

DporStrategy::Footprint DporStrategy::footprint(const sim::Runtime& rt, ThreadId t) {
  const sim::Op& op = rt.pending(t);
  Footprint f;
  f.object = op.object != nullptr ? op.object->id() : 0;
  f.kind = op.kind;
  f.access = op.access;
  const bool daemon = rt.is_daemon(t);
  if (daemon) f.flags |= kDaemon;
  if (op.kind == OpKind::Start || op.kind == OpKind::End) f.flags |= kChanges;
  if (op.kind == OpKind::End && !daemon) f.flags |= kNonDaemonEnd;
  if (op.kind == OpKind::Query && f.object == rt.world().threads_object.id()) f.flags |= kLists;
  if (op.ready != nullptr && op.deadline == sim::kNever) {
    if (op.kind == OpKind::Acquire) f.flags |= kWaitsRelease;
    if (op.kind == OpKind::Join) f.flags |= kWaitsEnd;
  }
  return f;
}

bool DporStrategy::same_object(const Footprint& a, const Footprint& b) {
  return a.object != 0 && a.object == b.object &&
         (a.access == Access::Write || b.access == Access::Write);
}

// Whether event e and a pending operation op do not commute.
bool DporStrategy::conflict(const Footprint& e, const Footprint& op) {
  if (same_object(e, op)) return true;
  // enumerate() and active_count() read the set of live threads, which every start and end
  // changes.
  if (((e.flags & kLists) && (op.flags & kChanges)) || ((e.flags & kChanges) && (op.flags & kLists)))
    return true;
  // A non-daemon thread's end may end the program, cutting off the daemon threads.
  return ((e.flags & kNonDaemonEnd) && (op.flags & kDaemon)) ||
         ((op.flags & kNonDaemonEnd) && (e.flags & kDaemon));
}

// ---------------------------------------------------------------------------------------------
// Happens-before: a vector clock per thread and, per object, the clock of its last write and
// the join of the clocks of the reads since (which includes the write's).

// Entries past threads_ are zero in every clock.
void DporStrategy::join(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const {
  for (std::size_t i = 0, n = threads_; i < n; ++i) into[i] = std::max(into[i], from[i]);
}

// Gives every clock room for `width` threads.
void DporStrategy::widen(std::uint32_t width) {
  auto relayout = [&](std::vector<std::uint32_t>& v) {
    const std::size_t n = v.size() / width_;
    std::vector<std::uint32_t> w(n * width, 0);
    for (std::size_t i = 0; i < n; ++i)
      std::copy_n(v.begin() + static_cast<std::ptrdiff_t>(i * width_), width_,
                  w.begin() + static_cast<std::ptrdiff_t>(i * width));
    v.swap(w);
  };
  relayout(clocks_);
  relayout(object_clocks_);
  width_ = width;
  barrier_.assign(width_, 0);
}

// Thread t publishes its first operation: it comes after the start that created it, which is
// the last event (a new thread runs up to its first operation at once).
void DporStrategy::add_thread(ThreadId t) {
  while (threads_ <= t) {
    const ThreadId n = threads_++;
    if (n >= width_) widen(2 * width_);
    if (clocks_.size() < std::size_t{threads_} * width_) clocks_.resize(std::size_t{threads_} * width_);
    if (pending_.size() < threads_) {
      pending_.resize(threads_);
      seqs_.resize(threads_);
    }
    seqs_[n] = 0;
    std::uint32_t* c = clock(n);
    if (n != 0 && !events_.empty()) {
      std::copy_n(clock(events_.back().thread), width_, c);
    } else {
      std::fill_n(c, width_, 0);
    }
    const std::size_t words = (threads_ + 63) / 64;
    if (sleeping_.size() < words) sleeping_.resize(words, 0);
  }
}

// The object, its log and clocks started afresh on its first use in this execution.
DporStrategy::Object& DporStrategy::touch(std::uint32_t object) {
  if (object >= objects_.size()) {
    objects_.resize(object + 1);
    object_clocks_.resize(std::size_t{object + 1} * 2 * width_, 0);
  }
  Object& o = objects_[object];
  if (o.epoch != epoch_) {
    o = Object{epoch_, kNone, kNone, kNone, false};
    std::fill_n(object_clock(2 * object), 2 * width_, 0);
  }
  return o;
}

// Appends thread t's pending operation as an event and advances t's clock past everything it
// depends on. A join is skipped when t alone touched the object since its last write: t's clock
// already covers those events.
void DporStrategy::record(ThreadId t, std::uint32_t point) {
  const Footprint& f = pending_[t];
  std::uint32_t* c = clock(t);
  c[t] = ++seqs_[t];
  const auto index = static_cast<std::uint32_t>(events_.size());
  Event e;
  static_cast<Footprint&>(e) = f;
  e.thread = t;
  e.seq = c[t];
  e.point = point;
  e.prev = kNone;
  if (f.object != 0) {
    Object& o = touch(f.object);
    e.prev = std::exchange(o.last, index);
    std::uint32_t* write = object_clock(2 * f.object);
    std::uint32_t* reads = write + width_;
    if (f.access == Access::Write) {
      if (o.owner != t) join(c, o.reads ? reads : write);
      std::copy_n(c, threads_, write);
      o.writer = o.owner = t;
      o.reads = false;
    } else {
      if (o.writer != t && o.writer != kNone) join(c, write);
      if (o.reads) {
        join(reads, c);
      } else {
        std::copy_n(c, threads_, reads);
      }
      if (o.owner != t) o.owner = kNone;
      o.reads = true;
    }
  }
  events_.push_back(e);
  if (f.flags & kLists) lists_log_.push_back(index);
  if (f.flags & kChanges) changes_log_.push_back(index);
  if (f.flags & kDaemon) daemon_log_.push_back(index);
  if (f.flags & kNonDaemonEnd) ends_log_.push_back(index);
}

// Virtual time jumped: nothing could step. Everything so far happens before everything after,
// and the jump wakes every sleeping thread.
void DporStrategy::tick() {
  std::fill(barrier_.begin(), barrier_.end(), 0);
  for (ThreadId t = 0; t < threads_; ++t) join(barrier_.data(), clock(t));
  for (ThreadId t = 0; t < threads_; ++t) std::copy_n(barrier_.data(), threads_, clock(t));
  std::fill(sleeping_.begin(), sleeping_.end(), 0);
}

// ---------------------------------------------------------------------------------------------
// Races.

// Flanagan–Godefroid: schedule t at the point if it was enabled there, else every thread that
// was. Also every thread when t sleeps there: t's own later races, which would have named the
// threads that must run before it, are then never found from this point, so no smaller set is
// known to be enough (a random-program differential test found the case).
void DporStrategy::add_backtrack(std::uint32_t point, ThreadId t) {
  if (point == kNone) return;
  const Point& p = stack_[point];
  if (p.kind == sim::Decision::Value) return;
  Word* backtrack = set(p, kBacktrack);
  const Word* enabled = set(p, kEnabled);
  if (t < p.words * 64 && has(enabled, t) && !has(set(p, kSleep), t)) {
    put(backtrack, t);
  } else {
    for (std::uint32_t w = 0; w < p.words; ++w) backtrack[w] |= enabled[w];
  }
}

// The latest event of `log` that conflicts with thread t's pending op by other than sharing an
// object, and does not happen before t; kNone if none.
std::uint32_t DporStrategy::latest_racing(const std::vector<std::uint32_t>& log, ThreadId t,
                                          const Footprint& op) const {
  for (std::size_t i = log.size(); i-- > 0;) {
    const Event& e = events_[log[i]];
    if (e.thread != t && !same_object(e, op) && conflict(e, op) && !happens_before(e, t))
      return log[i];
  }
  return kNone;
}

// Thread t published op: the latest conflicting event that does not happen before t could
// have come after op.
void DporStrategy::race_with_earlier(ThreadId t, const Footprint& op) {
  // Conflicts across objects (an end cutting off daemon threads, enumerate() against starts
  // and ends): the latest such event.
  std::uint32_t latest = kNone;
  auto consider = [&](const std::vector<std::uint32_t>& log) {
    const std::uint32_t i = latest_racing(log, t, op);
    if (i != kNone && (latest == kNone || i > latest)) latest = i;
  };
  if (op.flags & kChanges) consider(lists_log_);
  if (op.flags & kLists) consider(changes_log_);
  if (op.flags & kNonDaemonEnd) consider(daemon_log_);
  if (op.flags & kDaemon) consider(ends_log_);
  if (latest != kNone) add_backtrack(events_[latest].point, t);

  if (op.object == 0 || op.object >= objects_.size() || objects_[op.object].epoch != epoch_) return;
  for (std::uint32_t i = objects_[op.object].last; i != kNone; i = events_[i].prev) {
    const Event& e = events_[i];
    if (!same_object(e, op)) continue;
    // Pairs that can never both be enabled: a blocking acquire while another thread can
    // release the lock (it holds it), a blocking join while the joined thread can still end.
    // The race to look for is with the event before them (the other thread's acquire).
    if (((op.flags & kWaitsRelease) && e.kind == OpKind::Release) ||
        ((op.flags & kWaitsEnd) && e.kind == OpKind::End))
      continue;
    if (!happens_before(e, t)) {
      add_backtrack(e.point, t);
      return;
    }
    if (e.access == Access::Write) return;  // everything conflicting before it happens before t
  }
}

// Every other thread whose pending operation conflicts with e could have gone before it — if
// it was enabled there too. An operation that was blocked before e (a join that e's end
// released, an acquire that e's release allowed) can never be co-enabled with e: no race.
void DporStrategy::race_with_pending(const sim::Runtime& rt, const Event& e) {
  if (e.point == kNone) return;  // e was the only thing that could happen
  const Point& p = stack_[e.point];
  if (p.kind == sim::Decision::Value) return;
  const Word* enabled = set(p, kEnabled);
  for (std::uint32_t w = 0; w < p.words; ++w) {
    for (Word bits = enabled[w]; bits != 0; bits &= bits - 1) {
      const auto q = static_cast<ThreadId>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
      if (q != e.thread && rt.is_running(q) && conflict(e, pending_[q])) add_backtrack(e.point, q);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The strategy hooks.

void DporStrategy::begin_execution() {
  depth_ = 0;
  ++epoch_;
  events_.clear();
  threads_ = 0;
  std::fill(sleeping_.begin(), sleeping_.end(), 0);
  lists_log_.clear();
  changes_log_.clear();
  daemon_log_.clear();
  ends_log_.clear();
  point_before_next_ = kNone;
  replaying_ = !stack_.empty() && !nondeterministic_;
}

void DporStrategy::published(const sim::Runtime& rt, ThreadId t) {
  if (t >= threads_) add_thread(t);
  pending_[t] = footprint(rt, t);
  if (!replaying_) race_with_earlier(t, pending_[t]);
}

void DporStrategy::executed(const sim::Runtime& rt, ThreadId t) {
  const std::uint32_t point = std::exchange(point_before_next_, kNone);
  record(t, point);
  if (replaying_) return;
  const Event& e = events_.back();
  // The event wakes the sleepers it does not commute with.
  for (std::uint32_t w = 0; w < sleeping_.size(); ++w) {
    for (Word bits = sleeping_[w]; bits != 0; bits &= bits - 1) {
      const auto q = static_cast<ThreadId>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
      if (conflict(e, pending_[q])) take(sleeping_.data(), q);
    }
  }
  race_with_pending(rt, e);
}

bool DporStrategy::same_enabled(const Point& p, std::span<const ThreadId> enabled) const {
  const Word* bits = set(p, kEnabled);
  if (p.options != enabled.size()) return false;
  for (ThreadId t : enabled)
    if (t >= p.words * 64 || !has(bits, t)) return false;
  return true;
}

// The new branch of this execution: what was explored at the point sleeps.
void DporStrategy::arrive_at_target(const Point& p) {
  replaying_ = false;
  std::fill(sleeping_.begin(), sleeping_.end(), 0);
  const Word* sleep = set(p, kSleep);
  const Word* done = set(p, kDone);
  for (std::uint32_t w = 0; w < p.words && w < sleeping_.size(); ++w) sleeping_[w] = sleep[w] | done[w];
  if (p.kind != sim::Decision::Value) take(sleeping_.data(), p.chosen);
}

std::uint32_t DporStrategy::new_point(sim::Decision kind, std::uint32_t chosen,
                                      std::uint32_t options, std::uint32_t words) {
  const auto offset = static_cast<std::uint32_t>(bits_.size());
  bits_.resize(bits_.size() + 4 * std::size_t{words}, 0);
  stack_.push_back(Point{kind, chosen, options, offset, words});
  Point& p = stack_.back();
  std::copy_n(sleeping_.begin(), std::min<std::size_t>(words, sleeping_.size()), set(p, kSleep));
  return static_cast<std::uint32_t>(stack_.size() - 1);
}

void DporStrategy::truncate(std::size_t depth) {
  if (depth >= stack_.size()) return;
  bits_.resize(stack_[depth].bits);
  stack_.resize(depth);
}

std::size_t DporStrategy::pick_thread(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                      sim::Decision kind) {
  if (kind == sim::Decision::TimerTie && kParity) tick();
  if (enabled.size() == 1) {
    if (has(sleeping_.data(), enabled[0])) return kStop;  // every continuation was explored
    point_before_next_ = kNone;
    return 0;
  }
  if (depth_ < stack_.size()) {  // replaying the prefix, or taking the new branch
    const Point& p = stack_[depth_];
    if (p.kind == sim::Decision::Value || !same_enabled(p, enabled)) {
      nondeterministic_ = true;
      replaying_ = false;
      truncate(depth_);  // forget the stale suffix and explore from here afresh
    } else {
      if (depth_ == target_) arrive_at_target(p);
      point_before_next_ = static_cast<std::uint32_t>(depth_++);
      return static_cast<std::size_t>(std::find(enabled.begin(), enabled.end(), p.chosen) -
                                      enabled.begin());
    }
  }
  // A new point: take the first enabled thread that is not asleep.
  auto awake = std::find_if(enabled.begin(), enabled.end(),
                            [&](ThreadId t) { return !has(sleeping_.data(), t); });
  if (awake == enabled.end()) return kStop;
  const auto words = static_cast<std::uint32_t>((rt.thread_count() + 63) / 64);
  const std::uint32_t i = new_point(kind, *awake, static_cast<std::uint32_t>(enabled.size()), words);
  Point& p = stack_[i];
  for (ThreadId t : enabled) put(set(p, kEnabled), t);
  put(set(p, kBacktrack), *awake);
  point_before_next_ = i;
  ++depth_;
  return static_cast<std::size_t>(awake - enabled.begin());
}

std::size_t DporStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  (void)rt;
  if (depth_ < stack_.size()) {
    const Point& p = stack_[depth_];
    if (p.kind == sim::Decision::Value && p.options == n) {
      if (depth_ == target_) arrive_at_target(p);
      ++depth_;
      return p.chosen;
    }
    nondeterministic_ = true;
    replaying_ = false;
    truncate(depth_);
  }
  new_point(sim::Decision::Value, 0, static_cast<std::uint32_t>(n),
            static_cast<std::uint32_t>(sleeping_.size()));
  ++depth_;
  return 0;
}

bool DporStrategy::advance() {
  truncate(depth_);
  while (!stack_.empty()) {
    Point& p = stack_.back();
    if (p.kind == sim::Decision::Value) {
      if (p.chosen + 1 < p.options) {
        ++p.chosen;
        target_ = stack_.size() - 1;
        return true;
      }
    } else {
      put(set(p, kDone), p.chosen);
      const Word* backtrack = set(p, kBacktrack);
      const Word* done = set(p, kDone);
      const Word* sleep = set(p, kSleep);
      for (std::uint32_t w = 0; w < p.words; ++w) {
        const Word todo = backtrack[w] & ~done[w] & ~sleep[w];
        if (todo != 0) {
          p.chosen = w * 64 + static_cast<std::uint32_t>(std::countr_zero(todo));
          target_ = stack_.size() - 1;
          return true;
        }
      }
    }
    truncate(stack_.size() - 1);
  }
  return false;
}

const Schedule& DporStrategy::schedule() {
  schedule_.clear();
  for (std::size_t i = 0; i < depth_ && i < stack_.size(); ++i) {
    const Point& p = stack_[i];
    if (p.kind == sim::Decision::Value) {
      schedule_.push_back(Choice{p.kind, p.chosen, p.options});
      continue;
    }
    const Word* enabled = set(p, kEnabled);
    std::uint32_t before = 0;
    for (std::uint32_t w = 0; w < p.chosen / 64; ++w)
      before += static_cast<std::uint32_t>(std::popcount(enabled[w]));
    const Word below = (Word{1} << (p.chosen % 64)) - 1;
    before += static_cast<std::uint32_t>(std::popcount(enabled[p.chosen / 64] & below));
    schedule_.push_back(Choice{p.kind, before, p.options});
  }
  return schedule_;
}

}  // namespace weft::checker
