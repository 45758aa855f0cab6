#include "checker/dpor.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>

#include "sim/runtime.hpp"

namespace weft::checker {

using sim::Access;
using sim::OpKind;
using sim::ThreadId;

namespace {
// The id of thread index `i` of bitset word `w` whose lowest set bit is `bits`'.
ThreadId lowest(std::uint32_t w, std::uint64_t bits) {
  return static_cast<ThreadId>(w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits)));
}
}  // namespace

// ---------------------------------------------------------------------------------------------
// Buffers: one set per search, handed from one search to the next on the same OS thread.

std::vector<std::unique_ptr<DporStrategy::Buffers>>& DporStrategy::spares() {
  thread_local std::vector<std::unique_ptr<Buffers>> spares;
  return spares;
}

void DporStrategy::Buffers::clear() {
  stack.clear();
  bits.clear();
  events.clear();
  schedule.clear();
  schedule_picks.clear();
}

std::unique_ptr<DporStrategy::Buffers> DporStrategy::borrow() {
  if (spares().empty()) return std::make_unique<Buffers>();
  std::unique_ptr<Buffers> b = std::move(spares().back());
  spares().pop_back();
  return b;
}

DporStrategy::DporStrategy() : buffers_(borrow()) { observes_steps = true; }

DporStrategy::~DporStrategy() {
  b_.clear();
  spares().push_back(std::move(buffers_));
}

// ---------------------------------------------------------------------------------------------
// The dependency relation.

// Written field by field into place: building it in registers and storing it whole costs more.
void DporStrategy::footprint(const sim::Op& op, bool daemon, std::uint32_t threads_object,
                             Footprint& f) {
  f.object = op.object != nullptr ? op.object->id() : 0;
  f.kind = op.kind;
  f.access = op.access;
  f.flags = daemon ? kDaemon : 0;
  const bool blocking = op.ready != nullptr && op.deadline == sim::kNever;
  switch (op.kind) {
    case OpKind::Start:
    case OpKind::End: f.flags |= kChanges; break;
    case OpKind::Query: f.flags |= f.object == threads_object ? kLists : 0; break;
    case OpKind::Acquire: f.flags |= blocking ? kWaitsRelease : 0; break;
    case OpKind::Join: f.flags |= blocking ? kWaitsEnd : 0; break;
    default: break;
  }
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
  // The last non-daemon thread's end ends the program, cutting off the daemon threads.
  return ((e.flags & kExit) && (op.flags & kDaemon)) || ((op.flags & kExit) && (e.flags & kDaemon));
}

// Whether thread t, about to perform its pending operation, holds the Lock or RLock it is on.
bool DporStrategy::holds_lock(const sim::Runtime& rt, ThreadId t) {
  const sim::Object* o = rt.pending(t).object;
  if (o == nullptr || !o->is_lock()) return false;
  b_.holders.clear();
  o->holders(b_.holders);
  return std::find(b_.holders.begin(), b_.holders.end(), t) != b_.holders.end();
}

// ---------------------------------------------------------------------------------------------
// During an execution: note what happens, keep the sleep set, choose.

void DporStrategy::begin_execution() {
  depth_ = 0;
  after_event_ = false;
  stopped_ = false;
  std::fill(b_.sleeping.begin(), b_.sleeping.end(), 0);
  std::fill(b_.fragile.begin(), b_.fragile.end(), 0);
  set_asleep(false);
  point_before_next_ = kNone;
  replaying_ = !b_.stack.empty() && !nondeterministic_;
  ++b_.epoch;  // every object's state is stale
  // Skipping keeps the previous execution's events, logs and schedule: up to the target they
  // are this one's too, and the saved state it takes up says how far.
  cursor_ = 0;
  set_skipping(false);
  replay_picks_ = 0;
  if (replaying_) {  // the deepest point up to the target with a state saved, if any
    for (std::size_t i = target_ + 1; i-- > 0;) {
      if (b_.stack[i].saved.width != b_.width) continue;
      set_skipping(true);
      resume_ = i;
      break;
    }
  }
  if (skipping_) {
    const std::uint32_t at = b_.stack[resume_].at;
    const auto values = std::count_if(b_.schedule.begin(), b_.schedule.begin() + at,
                                      [](const Choice& c) { return c.kind == sim::Decision::Value; });
    if (values == 0) replay_picks_ = b_.schedule_picks[at];
    return;
  }
  saved_events_ = 0;
  b_.events.clear();
  b_.schedule.clear();
  b_.schedule_picks.clear();
  threads_ = 0;
  non_daemon_alive_ = 0;
  tick_ = false;
  locals_ = 0;
  b_.objects_used = 0;
  b_.exit_clock.assign(b_.width, 0);
  b_.lists_log.clear();
  b_.changes_log.clear();
  b_.daemon_log.clear();
}

void DporStrategy::add_thread(const sim::Runtime& rt, ThreadId t) {
  threads_object_ = rt.world().threads_object.id();
  while (threads_ <= t) {
    const ThreadId n = threads_++;
    if (b_.threads.size() < threads_) b_.threads.resize(threads_);
    const bool daemon = rt.is_daemon(n);
    b_.threads[n] = Thread{Footprint{}, 0, daemon, false, false, false};
    if (!daemon && ++non_daemon_alive_ == 2) {
      // A daemon thread started a non-daemon one: the pending end that was the exit is not.
      for (ThreadId q = 0; q < n; ++q) b_.threads[q].next.flags &= static_cast<std::uint8_t>(~kExit);
    }
    const std::size_t words = (threads_ + 63) / 64;
    if (b_.sleeping.size() < words) {
      b_.sleeping.resize(words, 0);
      b_.fragile.resize(words, 0);
    }
    birth(n);
  }
}

void DporStrategy::published(const sim::Runtime& rt, ThreadId t) {
  after_event_ = false;
  if (t >= threads_) [[unlikely]] add_thread(rt, t);
  Thread& me = b_.threads[t];
  Footprint& f = me.next;
  footprint(rt.pending(t), me.daemon, threads_object_, f);
  if (f.kind == OpKind::End && !(f.flags & kDaemon) && non_daemon_alive_ == 1) f.flags |= kExit;
  me.pending = true;
  me.local = local(f);
  locals_ += me.local;
  if (!replaying_) publish(t);
}

void DporStrategy::executed(const sim::Runtime& rt, ThreadId t) {
  Thread& me = b_.threads[t];
  const auto i = static_cast<std::uint32_t>(b_.events.size());
  Event& e = b_.events.emplace_back();
  static_cast<Footprint&>(e) = me.next;
  if (e.kind == OpKind::Release && holds_lock(rt, t)) e.flags |= kHeldRelease;
  e.thread = t;
  e.point = std::exchange(point_before_next_, kNone);
  me.pending = false;
  locals_ -= me.local;
  me.local = false;
  after_event_ = true;
  if (e.kind == OpKind::End) {
    me.ended = true;
    if (!(e.flags & kDaemon) && --non_daemon_alive_ == 1) last_non_daemon_online();
  }
  if (std::exchange(tick_, false)) [[unlikely]] tick();
  record(e, i);
  if (e.kind == OpKind::End) end_of(i);
  if (!replaying_) race_with_pending(i);
  wake(e);
}

// The event wakes the sleepers it does not commute with, and every sleeper whose step fails.
void DporStrategy::wake(const Footprint& e) {
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
      if (conflict(e, threads[q].next)) asleep &= ~(Word{1} << (q % 64));
    }
    sleeping[w] = asleep;
  }
}

// One non-daemon thread is left: its end, pending or to come, will end the program. A pending
// end becomes the exit now: it no longer commutes with the daemon threads' operations, so a
// sleeping thread with it wakes. (The analysis finds its races.)
void DporStrategy::last_non_daemon_online() {
  for (ThreadId q = 0; q < threads_; ++q) {
    if (b_.threads[q].ended || b_.threads[q].daemon) continue;
    Footprint& f = b_.threads[q].next;
    if (!b_.threads[q].pending || f.kind != OpKind::End) return;
    f.flags |= kExit;
    take(b_.sleeping.data(), q);
    return;
  }
}

std::size_t DporStrategy::stop() {
  stopped_ = true;
  after_event_ = false;
  return kStop;
}

// From here on the execution is new: its races are looked for, from the next event and the next
// publication on.
void DporStrategy::stop_replaying() { replaying_ = false; }

bool DporStrategy::same_enabled(const Point& p, std::span<const ThreadId> enabled) const {
  if (p.options != enabled.size()) return false;
  const Word* bits = set(p, kEnabled);
  for (ThreadId t : enabled)
    if (t >= p.words * 64 || !has(bits, t)) return false;
  return true;
}

// The new branch of this execution: what was explored at the point sleeps.
void DporStrategy::arrive_at_target(const Point& p) {
  std::fill(b_.sleeping.begin(), b_.sleeping.end(), 0);
  std::fill(b_.fragile.begin(), b_.fragile.end(), 0);
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
  b_.stack.push_back(Point{kind, chosen, options, offset, words, at, {}});
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

// ---------------------------------------------------------------------------------------------
// Skipping the replayed prefix.

// The variable-length part of a saved state, part by part in the order the parts lie in
// Buffers::saved: f(where the part lives now, its size in bytes).
template <class F>
void DporStrategy::each_part(const Saved& s, F&& f) {
  static_assert(std::is_trivially_copyable_v<Thread> && std::is_trivially_copyable_v<Object>);
  f(static_cast<void*>(b_.threads.data()), s.threads * sizeof(Thread));
  f(static_cast<void*>(b_.clocks.data()), std::size_t{s.threads} * s.width * 4);
  f(static_cast<void*>(b_.objects.data()), s.objects * sizeof(Object));
  f(static_cast<void*>(b_.object_clocks.data()), std::size_t{s.objects} * 2 * s.width * 4);
  f(static_cast<void*>(b_.exit_clock.data()), std::size_t{s.width} * 4);
}

// The previous execution's decision here: before the target, this one repeats it. A decision
// with one option has no entry. One that does not match shows that the program is not
// deterministic: the execution stops and its target runs again with every step analysed.
std::size_t DporStrategy::follow(std::size_t options, sim::Decision kind) {
  if (options == 1) return 0;
  if (!retry_ && cursor_ < b_.schedule.size()) {
    const Choice& c = b_.schedule[cursor_];
    if (c.options == options && c.kind == kind) {
      if (depth_ < b_.stack.size() && b_.stack[depth_].at == cursor_) ++depth_;
      ++cursor_;
      return c.chosen;
    }
  }
  retry_ = true;
  return kind == sim::Decision::Value ? 0 : stop();
}

// The analysis state as it is where point p is first reached, and where an execution that
// replays up to p takes it up. Its part of Buffers::saved starts at `data`.
void DporStrategy::save(Point& p, std::uint32_t data) {
  Saved& s = p.saved;
  s.data = s.end = data;
  s.width = 0;
  // Few points become a target: saving at every point costs more than clocking the events
  // since the last one saved, from there. A state is saved only when the events since the last
  // one pay for its size: the states kept on the stack then hold at most kWordsPerEvent words
  // per event, however many threads and objects the execution has (with every clock copied at
  // every few events, 1,000 threads took gigabytes).
  const std::size_t words = std::size_t{threads_} * (sizeof(Thread) / 4 + b_.width) +
                            std::size_t{b_.objects_used} * (sizeof(Object) / 4 + 2 * b_.width) +
                            b_.width;
  const std::size_t gap = std::max<std::size_t>(kSaveEvery, words / kWordsPerEvent);
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
  s.width = b_.width;
  s.epoch = b_.epoch;
  s.tick = tick_;
  s.after_event = after_event_;
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
  set_skipping(false);
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
  tick_ = s.tick;
  after_event_ = s.after_event;
  const std::uint32_t* from = b_.saved.data() + s.data;
  each_part(s, [&](void* to, std::size_t bytes) {
    if (bytes != 0) std::memcpy(to, from, bytes);
    from += (bytes + 3) / 4;
  });
  for (std::uint32_t o = 0; o < s.objects; ++o)  // the objects it had touched, as this one's
    b_.objects[o].epoch = b_.objects[o].epoch == s.epoch ? b_.epoch : 0;
}

void DporStrategy::truncate(std::size_t depth) {
  if (depth < b_.stack.size()) b_.stack.resize(depth);
}

// Every decision with two or more options goes into the schedule, the points' and the ones made
// without a point (a local operation first): a witness replays all of them by index.
std::size_t DporStrategy::pick_thread(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                      sim::Decision kind) {
  // Most steps have one thread enabled: choose_thread's answer without its set-up (whether that
  // thread's operation is local or not, it runs unless it sleeps).
  if (enabled.size() == 1 && kind != sim::Decision::TimerTie) [[likely]] {
    if (has(b_.sleeping.data(), enabled[0])) return stop();  // every continuation was explored
    point_before_next_ = kNone;
    return 0;
  }
  return pick_among(rt, enabled, kind);
}

std::size_t DporStrategy::pick_among(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                     sim::Decision kind) {
  if (skipping_) {
    const Point& p = b_.stack[resume_];
    replayed_up_to(rt, p);
    if (retry_ || enabled.size() < 2 || cursor_ != p.at) return follow(enabled.size(), kind);
    restore(p);
  }
  const std::size_t i = choose_thread(rt, enabled, kind);
  if (i != kStop && enabled.size() > 1) {
    b_.schedule.push_back(Choice{kind, static_cast<std::uint32_t>(i),
                                 static_cast<std::uint32_t>(enabled.size())});
    b_.schedule_picks.push_back(rt.picks());
  }
  return i;
}

void DporStrategy::replayed_up_to(const sim::Runtime& rt, const Point& p) {
  if (replay_picks_ == 0 || cursor_ >= p.at || rt.picks() < replay_picks_) return;
  cursor_ = p.at;
  depth_ = resume_;  // the points before p, each at a decision before it
}

// A replayed pick did not match: as when a decision followed does not.
void DporStrategy::diverged(const sim::Runtime&) { retry_ = true; }

std::size_t DporStrategy::choose_thread(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                        sim::Decision kind) {
  if (kind == sim::Decision::TimerTie) {
    // Time jumped: a step of the clock, which conflicts with everything.
    tick_ = true;
    set_asleep(false);
    std::fill(b_.sleeping.begin(), b_.sleeping.end(), 0);
    std::fill(b_.fragile.begin(), b_.fragile.end(), 0);
  }
  // An operation that touches nothing (a due sleep, a yield) commutes with every operation of
  // every other thread and stays enabled: running it first is enough (a persistent set of one).
  if (locals_ != 0) {
    for (std::size_t i = 0; i < enabled.size(); ++i) {
      if (!b_.threads[enabled[i]].local) continue;
      if (has(b_.sleeping.data(), enabled[i])) return stop();
      point_before_next_ = kNone;
      return i;
    }
  }
  if (enabled.size() == 1) {
    if (has(b_.sleeping.data(), enabled[0])) return stop();  // every continuation was explored
    point_before_next_ = kNone;
    return 0;
  }
  if (depth_ < b_.stack.size()) {  // replaying the prefix, or taking the new branch
    const Point& p = b_.stack[depth_];
    if (p.kind == sim::Decision::Value || !same_enabled(p, enabled)) {
      nondeterministic_ = true;
      stop_replaying();
      truncate(depth_);  // forget the stale suffix and explore from here afresh
    } else {
      if (depth_ == target_) {
        stop_replaying();
        arrive_at_target(p);
      }
      point_before_next_ = static_cast<std::uint32_t>(depth_++);
      return static_cast<std::size_t>(std::find(enabled.begin(), enabled.end(), p.chosen) -
                                      enabled.begin());
    }
  }
  // A new point: take the first enabled thread that is not asleep.
  auto awake = std::find_if(enabled.begin(), enabled.end(),
                            [&](ThreadId t) { return !has(b_.sleeping.data(), t); });
  if (awake == enabled.end()) return stop();
  const auto words = static_cast<std::uint32_t>((rt.thread_count() + 63) / 64);
  const std::uint32_t i =
      new_point(kind, *awake, static_cast<std::uint32_t>(enabled.size()), words);
  const Point& p = b_.stack[i];
  for (ThreadId t : enabled) put(set(p, kEnabled), t);
  put(set(p, kBacktrack), *awake);
  if (every_thread_) std::copy_n(set(p, kEnabled), words, set(p, kBacktrack));
  point_before_next_ = i;
  ++depth_;
  return static_cast<std::size_t>(awake - enabled.begin());
}

// choose(n) runs inside its operation, after the event: the operations published from now on
// are new even when the event itself was replayed.
std::size_t DporStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  if (skipping_) {
    const Point& p = b_.stack[resume_];
    replayed_up_to(rt, p);
    if (retry_ || cursor_ != p.at) return follow(n, sim::Decision::Value);
    restore(p);
  }
  const std::size_t v = choose_value(rt, n);
  b_.schedule.push_back(Choice{sim::Decision::Value, static_cast<std::uint32_t>(v),
                               static_cast<std::uint32_t>(n)});
  b_.schedule_picks.push_back(rt.picks());
  return v;
}

std::size_t DporStrategy::choose_value(const sim::Runtime& rt, std::size_t n) {
  (void)rt;
  after_event_ = true;  // the choose() event is the last one until the next operation
  if (depth_ < b_.stack.size()) {
    const Point& p = b_.stack[depth_];
    if (p.kind == sim::Decision::Value && p.options == n) {
      if (depth_ == target_) {
        stop_replaying();
        arrive_at_target(p);
      }
      ++depth_;
      return p.chosen;
    }
    nondeterministic_ = true;
    stop_replaying();
    truncate(depth_);
  }
  new_point(sim::Decision::Value, 0, static_cast<std::uint32_t>(n),
            static_cast<std::uint32_t>(b_.sleeping.size()));
  ++depth_;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Races, found as the execution runs: each hook does what the analysis of its step needs.
// Happens-before is kept with a vector clock per thread and, per object, the clock of its last
// write and the join of the clocks of the reads since (which includes the write's).

// Thread t published its first operation: it comes after the start that created it, the last
// event.
void DporStrategy::birth(ThreadId t) {
  if (threads_ > b_.width) widen();
  if (b_.clocks.size() < std::size_t{threads_} * b_.width)
    b_.clocks.resize(std::size_t{threads_} * b_.width);
  std::uint32_t* c = clock(t);
  if (b_.events.empty()) {
    std::fill_n(c, b_.width, 0);
  } else {
    std::copy_n(clock(b_.events.back().thread), b_.width, c);
  }
}

// More threads than a clock has entries: every clock moves to wider rows.
void DporStrategy::widen() {
  const std::uint32_t old = b_.width;
  b_.width = std::max(2 * old, (threads_ + 3) / 4 * 4);
  for (std::vector<std::uint32_t>* v : {&b_.clocks, &b_.object_clocks}) {
    const std::size_t rows = v->size() / old;
    std::vector<std::uint32_t> wide(rows * b_.width, 0);
    for (std::size_t r = 0; r < rows; ++r)
      std::copy_n(v->data() + r * old, old, wide.data() + r * b_.width);
    v->swap(wide);
  }
  b_.exit_clock.resize(b_.width, 0);
}

// Entries past threads_ are zero in every clock. A clock has few entries: a plain loop, which
// the compiler leaves scalar, costs less than a vectorised one's set-up and tail.
void DporStrategy::join(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const {
  for (std::uint32_t i = 0, n = threads_; i < n; ++i)
    if (from[i] > into[i]) into[i] = from[i];
}

// Whole blocks of 4 (a clock's entries come in such blocks): a few vector moves, where copying
// just the threads' entries would cost a call to memmove.
void DporStrategy::copy(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const {
  std::uint32_t i = 0;
  do {
    std::memcpy(into + i, from + i, 4 * sizeof *into);
    i += 4;
  } while (i < threads_);
}

// The object, its log and clocks started afresh on its first use in this execution.
DporStrategy::Object& DporStrategy::touch(std::uint32_t object) {
  if (object >= b_.objects.size()) {
    b_.objects.resize(std::max<std::size_t>(object + 1, 2 * b_.objects.size()));
    b_.object_clocks.resize(b_.objects.size() * 2 * b_.width);
  }
  Object& o = b_.objects[object];
  if (o.epoch != b_.epoch) {
    o = Object{b_.epoch, kNone, kNone, kNone, kNone, false};
    b_.objects_used = std::max(b_.objects_used, object + 1);
    std::fill_n(object_clock(2 * object), 2 * b_.width, 0);
  }
  return o;
}

// Event i advances its thread's clock past everything it depends on. A join is skipped when the
// thread alone touched the object since its last write: its clock covers those events already.
void DporStrategy::record(Event& e, std::uint32_t i) {
  const ThreadId t = e.thread;
  std::uint32_t* c = clock(t);
  e.seq = c[t] = ++b_.threads[t].events;
  if (e.object != 0) {
    Object& o = touch(e.object);
    e.prev = std::exchange(o.last, i);
    std::uint32_t* write = object_clock(2 * e.object);
    std::uint32_t* reads = write + b_.width;
    if (e.access == Access::Write) {
      o.last_write = i;
      if (o.owner != t) join(c, o.reads ? reads : write);
      copy(write, c);
      o.writer = o.owner = t;
      o.reads = false;
    } else {
      if (o.writer != t && o.writer != kNone) join(c, write);
      if (o.reads) {
        join(reads, c);
      } else {
        copy(reads, c);
      }
      if (o.owner != t) o.owner = kNone;
      o.reads = true;
    }
  } else {
    e.prev = kNone;
  }
  if (e.flags & (kLists | kChanges | kDaemon)) [[unlikely]] {
    if (e.flags & kLists) b_.lists_log.push_back(i);
    if (e.flags & kChanges) b_.changes_log.push_back(i);
    if (e.flags & kDaemon) b_.daemon_log.push_back(i);
  }
}

// Virtual time jumped: nothing could step. Everything so far happens before everything after.
void DporStrategy::tick() {
  b_.barrier.assign(b_.width, 0);
  for (ThreadId t = 0; t < threads_; ++t) join(b_.barrier.data(), clock(t));
  for (ThreadId t = 0; t < threads_; ++t) copy(clock(t), b_.barrier.data());
}

// Event i is a thread's end. When one non-daemon thread is left, its end will be the exit: if it
// is pending already, it races with the daemon threads' past events now.
void DporStrategy::end_of(std::uint32_t i) {
  const Event& e = b_.events[i];
  if (e.flags & kDaemon) return;
  join(b_.exit_clock.data(), clock(e.thread));
  if (non_daemon_alive_ != 1 || replaying_) return;
  for (ThreadId q = 0; q < threads_; ++q) {
    if (b_.threads[q].ended || b_.threads[q].daemon) continue;
    Footprint op;
    if (op_of(q, op) && (op.flags & kExit)) race_with_exit(q);
    return;
  }
}

// What thread t performs next, if it published anything.
bool DporStrategy::op_of(ThreadId t, Footprint& op) const {
  if (!b_.threads[t].pending) return false;
  op = b_.threads[t].next;
  op.flags &= static_cast<std::uint8_t>(~kExit);
  if (op.kind == OpKind::End && !(op.flags & kDaemon) && non_daemon_alive_ == 1) op.flags |= kExit;
  return true;
}

// Thread t published its next operation now.
void DporStrategy::publish(ThreadId t) {
  Footprint op;
  if (!op_of(t, op)) return;
  race_with_earlier(t, op);
  if (op.flags & kExit) race_with_exit(t);
}

// Flanagan–Godefroid: schedule t at the point if it was enabled there, else every thread that
// was. Also every thread when t sleeps there: t's own later races, which would have named the
// threads that must run before it, are then never found from this point, so no smaller set is
// known to be enough (a random-program differential test found the case).
void DporStrategy::add_backtrack(std::uint32_t point, ThreadId t) {
  if (point == kNone) return;
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

// The latest event of `log` that conflicts with thread t's pending op by other than sharing an
// object, and does not happen before t; kNone if none.
std::uint32_t DporStrategy::latest_racing(const std::vector<std::uint32_t>& log, ThreadId t,
                                          const Footprint& op) const {
  for (std::size_t i = log.size(); i-- > 0;) {
    const Event& e = b_.events[log[i]];
    if (e.thread != t && !same_object(e, op) && conflict(e, op) && !happens_before(e, t))
      return log[i];
  }
  return kNone;
}

// Thread t published op: the latest conflicting event that does not happen before t could
// have come after op.
void DporStrategy::race_with_earlier(ThreadId t, const Footprint& op) {
  // Conflicts across objects (enumerate() against starts and ends): the latest such event.
  std::uint32_t latest = kNone;
  if (op.flags & kChanges) latest = latest_racing(b_.lists_log, t, op);
  if (op.flags & kLists) latest = latest_racing(b_.changes_log, t, op);
  if (latest != kNone) add_backtrack(b_.events[latest].point, t);

  if (op.object == 0 || op.object >= b_.objects.size() || b_.objects[op.object].epoch != b_.epoch)
    return;
  // A read conflicts with writes only: the reads since the last write are skipped at once (a
  // walk through them made a long run of reads cost the square of its length).
  const Object& o = b_.objects[op.object];
  for (std::uint32_t i = op.access != Access::Write ? o.last_write : o.last; i != kNone;
       i = b_.events[i].prev) {
    const Event& e = b_.events[i];
    if (!same_object(e, op)) continue;
    // Pairs that can never both be enabled: a blocking acquire of a lock while another thread
    // can release it because it holds it, a blocking join while the joined thread can still
    // end. The race to look for is with the event before them (the holder's acquire). A
    // semaphore's release and acquire can both be enabled, and so can a lock's release by a
    // thread that does not hold it (Python allows it) and an acquire.
    if (((op.flags & kWaitsRelease) && (e.flags & kHeldRelease)) ||
        ((op.flags & kWaitsEnd) && e.kind == OpKind::End))
      continue;
    if (!happens_before(e, t)) {
      add_backtrack(e.point, t);
      return;
    }
    if (e.access == Access::Write) return;  // everything conflicting before it happens before t
  }
}

// Every other thread whose pending operation conflicts with event i could have gone before it
// — if it was enabled there too. An operation that was blocked before the event (a join that
// its end released, an acquire that its release allowed) can never be co-enabled with it.
void DporStrategy::race_with_pending(std::uint32_t i) {
  const Event& e = b_.events[i];
  if (e.point == kNone) return;  // e was the only thing that could happen
  const Point& p = b_.stack[e.point];
  if (p.kind == sim::Decision::Value) return;
  const Word* enabled = set(p, kEnabled);
  for (std::uint32_t w = 0; w < p.words; ++w) {
    for (Word bits = enabled[w]; bits != 0; bits &= bits - 1) {
      const ThreadId q = lowest(w, bits);
      Footprint op;
      if (q != e.thread && !b_.threads[q].ended && op_of(q, op) && conflict(e, op))
        add_backtrack(e.point, q);
    }
  }
}

// Thread t's pending end is the exit: it comes after every non-daemon thread's end (the program
// ends when the last of them does) and cuts off the daemon threads. The latest daemon event that
// does not happen before any of those ends could have been cut off: t could have gone first.
void DporStrategy::race_with_exit(ThreadId t) {
  const std::uint32_t* c = clock(t);
  for (std::size_t i = b_.daemon_log.size(); i-- > 0;) {
    const Event& d = b_.events[b_.daemon_log[i]];
    if (b_.exit_clock[d.thread] < d.seq && c[d.thread] < d.seq) {
      add_backtrack(d.point, t);
      return;
    }
  }
}

// The execution ended inside thread t after its last event: a failed check, which cuts off
// every other thread. The failure is t's next step and conflicts with every operation: what
// was enabled with t's last event could have gone first, and the latest event of another
// thread that does not happen before t could have come after the failure. That step fails
// whenever it is taken from that point again: as a sleeper, any event wakes it.
void DporStrategy::race_with_failure() {
  const Event& last = b_.events.back();
  const ThreadId t = last.thread;
  if (last.point != kNone && b_.stack[last.point].kind != sim::Decision::Value) {
    const Point& p = b_.stack[last.point];
    put(set(p, kFailed), t);
    const Word* enabled = set(p, kEnabled);
    for (ThreadId q = 0; q < threads_ && q < p.words * 64; ++q)
      if (q != t && !b_.threads[q].ended && has(enabled, q)) add_backtrack(last.point, q);
  }
  for (std::size_t i = b_.events.size(); i-- > 0;) {
    const Event& e = b_.events[i];
    if (e.thread != t && !happens_before(e, t)) {
      add_backtrack(e.point, t);
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// After an execution: the next schedule.

bool DporStrategy::advance() {
  if (skipping_ || retry_) {  // it never reached its target: the program is not deterministic
    nondeterministic_ = true;
    set_skipping(false);
    retry_ = false;
    return true;  // the same target again, with every step analysed
  }
  if (after_event_ && !b_.events.empty() && b_.events.back().kind != OpKind::End)
    race_with_failure();
  truncate(depth_);
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
        const Word todo = backtrack[w] & ~done[w] & ~sleep[w];
        if (todo != 0) {
          p.chosen = lowest(w, todo);
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
