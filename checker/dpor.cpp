#include "checker/dpor.hpp"

#include <algorithm>
#include <utility>

#include "checker/trace.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

using sim::OpKind;
using sim::ThreadId;
using namespace dpor;

DporStrategy::DporStrategy() : buffers_(borrow_buffers()) { b_.clocks.reset(b_.objects.size()); }

DporStrategy::DporStrategy(std::uint32_t max_preemptions) : DporStrategy() {
  bound_ = max_preemptions;
}

DporStrategy::~DporStrategy() { return_buffers(std::move(buffers_)); }

// What the search was doing, for an internal error's report: the decisions of this execution so
// far, which a trace of it would hold.
void DporStrategy::describe(const void* self, std::FILE* out) {
  const auto& s = *static_cast<const DporStrategy*>(self);
  std::fprintf(out, "reduced search, decisions of this execution (kind chosen/options):");
  for (const Choice& c : s.b_.schedule)
    std::fprintf(out, " %s %u/%u", decision_name(c.kind), c.chosen, c.options);
  std::fprintf(out, "\n");
}

bool DporStrategy::next_execution(sim::Plan& plan) {
  if (started_ && !advance()) return false;
  // A split search: a new choice above the split depth starts the next prefix, and the search
  // of the one wanted ends there.
  if (started_ && split_depth_ != 0 && target_ < split_depth_ && prefix_++ == wanted_)
    return false;
  started_ = true;
  begin_execution(plan);
  return true;
}

void DporStrategy::begin_execution(sim::Plan& plan) {
  depth_ = 0;
  preempt_ = 0;
  last_was_event_ = false;
  empty_sleep_set();
  set_asleep(false);
  point_before_next_ = kNone;
  ++b_.epoch;  // every object's state is stale
  cursor_ = 0;
  repeated_picks_ = 0;
  set_phase(b_.stack.empty() || nondeterministic() ? Phase::Exploring : Phase::Clocking);
  if (phase_ == Phase::Clocking) begin_following();
  plan.repeated_picks = repeated_picks_;
  // Skipping ends where the state is taken up, in the pick at that point's decision.
  plan.observe_from = phase_ == Phase::Skipping ? b_.schedule_picks[b_.stack[resume_].at] : 0;
  // Past the target a lone thread may sleep (every continuation explored): it is asked then.
  plan.ask_alone = !b_.stack.empty();
  // Following keeps the previous execution's events, logs and schedule: up to the target they
  // are this one's too, and the saved state it takes up says how far.
  if (following()) return;
  saved_events_ = 0;
  b_.events.clear();
  b_.schedule.clear();
  b_.schedule_picks.clear();
  threads_ = 0;
  non_daemon_alive_ = 0;
  time_jumped_ = false;
  locals_ = 0;
  b_.objects_used = 0;
  b_.clocks.begin();
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
    b_.threads[n] = Thread{Footprint{}, 0, daemon, false, false, false, rt.process_of(n)};
    if (!daemon && ++non_daemon_alive_ == 2) {
      // A daemon thread started a non-daemon one: the pending end that was the exit is not.
      for (ThreadId q = 0; q < n; ++q) b_.threads[q].next.flags &= static_cast<std::uint16_t>(~kExit);
    }
    const std::size_t words = words_for(threads_);
    if (b_.sleeping.size() < words) {
      b_.sleeping.resize(words, 0);
      b_.fragile.resize(words, 0);
    }
    birth(n);
  }
}

void DporStrategy::published(const sim::Runtime& rt, ThreadId t) {
  last_was_event_ = false;
  if (t >= threads_) [[unlikely]] add_thread(rt, t);
  Thread& me = b_.threads[t];
  Footprint& f = me.next;
  footprint(rt.pending(t), me.daemon, threads_object_, f);
  if (me.process != 0) [[unlikely]] f.flags |= kInProcess;
  if (f.kind == OpKind::End && !(f.flags & kDaemon) && non_daemon_alive_ == 1) f.flags |= kExit;
  me.pending = true;
  me.local = local(f);
  locals_ += me.local;
  if (phase_ == Phase::Exploring) publish(t);
}

void DporStrategy::executed(const sim::Runtime& rt, ThreadId t) {
  Thread& me = b_.threads[t];
  const auto i = static_cast<std::uint32_t>(b_.events.size());
  Event& e = b_.events.emplace_back();
  static_cast<Footprint&>(e) = me.next;
  if (e.kind == OpKind::Release && holds_lock(rt, t, b_.holders)) e.flags |= kHeldRelease;
  e.thread = t;
  e.point = std::exchange(point_before_next_, kNone);
  me.pending = false;
  locals_ -= me.local;
  me.local = false;
  last_was_event_ = true;
  if (e.kind == OpKind::End) {
    me.ended = true;
    if (!(e.flags & kDaemon) && --non_daemon_alive_ == 1) last_non_daemon_online();
  }
  if ((e.flags & kTerminate) && ends_program(e)) [[unlikely]] e.flags |= kExit;
  if (std::exchange(time_jumped_, false)) [[unlikely]] b_.clocks.tick(threads_);
  record(e, i);
  if (e.kind == OpKind::End) end_of(i);
  if (phase_ == Phase::Exploring) race_with_pending(i);
  wake(e);
  if (e.flags & kTerminate) [[unlikely]] end_process(i);
}

// Event i is a terminate: the threads of its process that had not ended end with it
// (sim::Runtime::end_process), after its races with their pending operations were found. Each
// non-daemon one's end is this event, for the program's exit.
void DporStrategy::end_process(std::uint32_t i) {
  const Event& e = b_.events[i];
  std::uint32_t non_daemon = 0;
  for (ThreadId q = 0; q < threads_; ++q) {
    Thread& t = b_.threads[q];
    if (t.ended || t.process != e.object) continue;
    t.ended = true;
    t.pending = false;
    locals_ -= t.local;
    t.local = false;
    non_daemon += t.daemon ? 0 : 1;
  }
  if (non_daemon == 0) return;
  Clocks::join(b_.clocks.exit(), b_.clocks.of_thread(e.thread), threads_);
  const std::uint32_t before = non_daemon_alive_;
  non_daemon_alive_ -= non_daemon;
  if (before > 1 && non_daemon_alive_ == 1) {
    last_non_daemon_online();
    race_with_pending_exit();
  }
}

// Whether the terminate `kill` ends the program: every non-daemon thread left is of its process
// (a daemon thread terminates it), so that it cuts off the daemon threads as an exit does.
bool DporStrategy::ends_program(const Footprint& kill) const {
  bool any = false;
  for (ThreadId q = 0; q < threads_; ++q) {
    const Thread& t = b_.threads[q];
    if (t.ended || t.daemon) continue;
    if (t.process != kill.object) return false;
    any = true;
  }
  return any;
}

// One non-daemon thread is left: its end, pending or to come, will end the program. A pending
// end becomes the exit now: it no longer commutes with the daemon threads' operations, so a
// sleeping thread with it wakes. (The race finder finds its races.)
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
  last_was_event_ = false;
  return kStop;
}

// Every decision with two or more options goes into the schedule, the points' and the ones made
// without a point (a local operation first): a witness follows all of them by index.
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
  if (following()) {
    const Point& p = b_.stack[resume_];
    repeated_up_to(rt, p);
    if (phase_ == Phase::Mismatched || enabled.size() < 2 || cursor_ != p.at)
      return follow(enabled.size(), kind);
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

// A repeated pick did not match: as when a decision followed does not.
void DporStrategy::repeated_pick_changed(const sim::Runtime&) {
  // The runtime repeats picks only up to the point whose state is taken up.
  WEFT_INTERNAL(following(), "a repeated pick only before the point the search takes up");
  set_phase(Phase::Mismatched);
}

std::size_t DporStrategy::choose_thread(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                        sim::Decision kind) {
  if (kind == sim::Decision::TimerTie) {
    // Time jumped: a step of the clock, which conflicts with everything.
    time_jumped_ = true;
    set_asleep(false);
    empty_sleep_set();
  }
  // An operation that touches nothing (a due sleep, a yield) commutes with every operation of
  // every other thread and stays enabled: running it first is enough (a persistent set of one).
  // Under a bound, running the local operation first may cost a preemption the other orders
  // do not: it is no longer enough.
  if (locals_ != 0 && !bounded()) {
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
  std::size_t repeated = 0;
  if (depth_ < b_.stack.size() && reach_point(enabled, repeated)) return repeated;
  if (bounded()) [[unlikely]] return bounded_point(rt, enabled, kind);
  // A new point: take the first enabled thread that is not asleep.
  auto awake = std::find_if(enabled.begin(), enabled.end(),
                            [&](ThreadId t) { return !has(b_.sleeping.data(), t); });
  if (awake == enabled.end()) return stop();
  if (split_depth_ != 0 && depth_ >= split_depth_ && prefix_ != wanted_) {
    reached_split_ = true;
    if (std::all_of(b_.sleeping.begin(), b_.sleeping.end(), [](Word w) { return w == 0; }))
      ++awake_prefixes_;
    return stop();  // another prefix's: searched elsewhere
  }
  const std::uint32_t words = words_for(rt.thread_count());
  const std::uint32_t i =
      new_point(kind, *awake, static_cast<std::uint32_t>(enabled.size()), words);
  const Point& p = b_.stack[i];
  for (ThreadId t : enabled) put(set(p, kEnabled), t);
  put(set(p, kBacktrack), *awake);
  if (every_thread_ || depth_ < split_depth_)
    std::copy_n(set(p, kEnabled), words, set(p, kBacktrack));
  point_before_next_ = i;
  ++depth_;
  return static_cast<std::size_t>(awake - enabled.begin());
}

// The point at depth_, reached again, repeating the prefix or taking the new branch: its choice
// goes into `index`. False when the program no longer offers the same threads there
// (nondeterministic: the stale suffix is forgotten and explored afresh).
bool DporStrategy::reach_point(std::span<const ThreadId> enabled, std::size_t& index) {
  const Point& p = b_.stack[depth_];
  if (p.kind == sim::Decision::Value || !same_enabled(p, enabled)) {
    found_nondeterminism();
    set_phase(Phase::Exploring);
    truncate(depth_);
    return false;
  }
  if (depth_ == target_) {
    set_phase(Phase::Exploring);
    arrive_at_target(p);
  }
  if (bounded()) [[unlikely]] reach_bounded(p);
  point_before_next_ = static_cast<std::uint32_t>(depth_++);
  // Its chosen thread is one of its enabled threads, which are `enabled`: the index is inside.
  index = static_cast<std::size_t>(std::find(enabled.begin(), enabled.end(), p.chosen) -
                                   enabled.begin());
  WEFT_INTERNAL(index < enabled.size(), "a branching point's chosen thread among its enabled ones");
  return true;
}

// choose(n) runs inside its operation, after the event: the operations published from now on
// are new even when the event itself was repeated.
std::size_t DporStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  if (following()) {
    const Point& p = b_.stack[resume_];
    repeated_up_to(rt, p);
    if (phase_ == Phase::Mismatched || cursor_ != p.at) return follow(n, sim::Decision::Value);
    restore(p);
  }
  const std::size_t v = choose_value(n);
  b_.schedule.push_back(Choice{sim::Decision::Value, static_cast<std::uint32_t>(v),
                               static_cast<std::uint32_t>(n)});
  b_.schedule_picks.push_back(rt.picks());
  return v;
}

std::size_t DporStrategy::choose_value(std::size_t n) {
  last_was_event_ = true;  // the choose() event is the last one until the next operation
  if (depth_ < b_.stack.size()) {
    const Point& p = b_.stack[depth_];
    if (p.kind == sim::Decision::Value && p.options == n) {
      if (depth_ == target_) {
        set_phase(Phase::Exploring);
        arrive_at_target(p);
      }
      preempt_ = p.preemptions;  // a value does not preempt
      ++depth_;
      return p.chosen;
    }
    found_nondeterminism();
    set_phase(Phase::Exploring);
    truncate(depth_);
  }
  new_point(sim::Decision::Value, 0, static_cast<std::uint32_t>(n),
            static_cast<std::uint32_t>(b_.sleeping.size()));
  ++depth_;
  return 0;
}

// After an execution: the next schedule.
bool DporStrategy::advance() {
  if (following()) {  // it never reached its target: the program is not deterministic
    found_nondeterminism();
    set_phase(Phase::Exploring);
    return true;  // the same target again, with every step analysed
  }
  if (last_was_event_ && !b_.events.empty() && b_.events.back().kind != OpKind::End)
    race_with_failure();
  truncate(depth_);
  return probe_.on ? next_probe_target() : next_target();
}

}  // namespace weft::checker
