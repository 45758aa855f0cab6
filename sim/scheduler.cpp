// The scheduler loop: at every visible operation, the thread that performs the next one — a
// pick repeated from the previous execution, the only enabled thread, or the strategy's answer —
// and the switch to it; the hooks of an observed execution; the spin watch, which turns a read
// repeated with nothing changed into a wait for a write.
#include <algorithm>
#include <utility>

#include "sim/runtime.hpp"
#include "sim/runtime_inline.hpp"

namespace weft::sim {

void Runtime::schedule() {
  if (!plain_) [[unlikely]] return schedule_in_full();
  // The common case (no hooks, no events, exact time, no thread priming, not ended): the full
  // path below without its tests for those, and when this thread goes on, no test for
  // abandonment (only the host abandons threads, which needs a switch).
  watch_for_spin(current_, slots_[current_]);
  if (steps_ >= max_steps_) [[unlikely]] return end_here(Status::Limit, "step limit reached");
  // Nothing of this thread is kept in a register across the pick: the loop over the threads
  // there needs them all.
  const ThreadId next = pick_next();
  if (next == kNoThread) [[unlikely]] return end_here(outcome_.status, {});
  if (next == current_) {
    ++steps_;
    track_reads(next, slots_[next]);
    // The pick may have started observing (Plan::observe_from).
    if (observing_) [[unlikely]] strategy_->observe(*this, next, Observed::Executed);
    return;
  }
  switch_to(next);
  performed();
}

void Runtime::schedule_in_full() {
  Slot& mine = slots_[current_];
  if (ended_) [[unlikely]] return after_end();  // called by an abandoned thread
  watch_for_spin(current_, mine);
  if (observing_) [[unlikely]] strategy_->observe(*this, current_, Observed::Published);
  if (priming_ != kNoThread) [[unlikely]] {
    // A new thread reached its first operation: back to its starter.
    const ThreadId starter = std::exchange(priming_, kNoThread);
    refresh_plain();
    switch_to(starter);
  } else {
    if (steps_ >= max_steps_) [[unlikely]] return end_here(Status::Limit, "step limit reached");
    const ThreadId next = pick_next();
    if (next == kNoThread) [[unlikely]] return end_here(outcome_.status, {});
    if (next != current_) switch_to(next);
  }
  performed();
}

// This thread was picked to perform its operation (or is being abandoned). Its slot may have
// moved meanwhile (other threads started threads).
void Runtime::performed() {
  Slot& me = slots_[current_];
  if (me.abandoned) [[unlikely]] return after_end();
  ++steps_;
  if (untimed_ && me.pending.deadline != kNever) [[unlikely]] {
    if (!time_out_untimed(me)) return;
  }
  track_reads(current_, me);
  if (observing_) [[unlikely]] strategy_->observe(*this, current_, Observed::Executed);
  if (recording_) [[unlikely]] record_event(me);
}

// pick_next, pick_anew, ask_next and collect_enabled are inlined into their callers here: they
// run at nearly every step.

// A repeated pick takes the thread picked the first time, once it has checked that the thread
// is to perform the same kind of operation and is enabled; the rest is repeat_or_stop().
ThreadId Runtime::pick_next() {
  if (next_pick_ < repeat_end_) {
    const Pick want = *next_pick_;
    if (repeats(want) && can_perform(slots_[want.thread].pending, want.thread, enabled_until_)) {
      ++next_pick_;
      return want.thread;
    }
    return repeat_or_stop();
  }
  return pick_anew();
}

// The thread to repeat is not enabled now. The first time, no thread was, and time moved on to
// the next deadline: it does again. Otherwise the program does something else this time.
ThreadId Runtime::repeat_or_stop() {
  const Pick want = *next_pick_;
  if (repeats(want) && collect_enabled() == 0) {
    const std::size_t n = wait_for_deadline();
    if (std::find(enabled_.begin(), enabled_.begin() + n, want.thread) != enabled_.begin() + n) {
      ++next_pick_;
      return want.thread;
    }
    if (n == 0) {  // the execution ended here, unlike the first time
      stop_repeating();
      return kNoThread;
    }
  }
  stop_repeating();
  return pick_anew();
}

// A repeated pick did not match: the strategy is told, and picks are made anew from here.
void Runtime::stop_repeating() {
  repeat_end_ = next_pick_;
  strategy_->repeated_pick_changed(*this);
}

// A pick made anew, and noted for the next execution to repeat.
ThreadId Runtime::pick_anew() {
  const ThreadId next = ask_next();
  if (next != kNoThread) {
    if (next_pick_ == path_end_) [[unlikely]] grow_path();
    *next_pick_++ = Pick{next, slots_[next].pending.kind};
  }
  return next;
}

void Runtime::grow_path() {
  const std::size_t made = picks();
  const std::size_t repeated = static_cast<std::size_t>(repeat_end_ - path_.data());
  path_.resize(std::max<std::size_t>(64, path_.size() * 2));
  next_pick_ = path_.data() + made;
  repeat_end_ = path_.data() + repeated;
  path_end_ = path_.data() + path_.size();
}

// The enabled threads, then the strategy when there is a choice.
ThreadId Runtime::ask_next() {
  std::size_t n = collect_enabled();
  Decision kind = Decision::Thread;
  if (n == 0) [[unlikely]] {
    n = wait_for_deadline();
    if (n == 0) return kNoThread;
    kind = Decision::TimerTie;
  }
  if (n == 1 && (!observing_ || (!ask_alone_ && kind == Decision::Thread))) return enabled_[0];
  const std::size_t i = strategy_->pick(*this, Request{kind, n, enabled_.data()});
  asked();
  if (i == Strategy::kStop) {
    end_status(Status::Ok, "");
    outcome_.redundant = true;
    return kNoThread;
  }
  return enabled_[i];
}

std::size_t Runtime::choose(std::size_t n) {
  if (n <= 1 || ended_) return 0;  // (once ended, from a destructor: the strategy is done)
  const std::size_t v = strategy_->pick(*this, Request{Decision::Value, n});
  asked();
  return v;
}

void Runtime::declare_local_state(std::uint64_t a, std::uint64_t b) {
  if (!ended_) strategy_->declared(*this, current_, a, b);
}

void Runtime::start_observing() {
  observing_ = true;
  observe_from_ = Plan::kNever;
  refresh_plain();
}

void Runtime::switch_to(ThreadId next) {
  const ThreadId me = current_;
  current_ = next;
  Fiber::switch_to(threads_[me]->fiber, threads_[next]->fiber);
  // Whoever switched back to us has set current_ to us.
}

Fiber& Runtime::finish_current() {
  if (ended_) {  // abandoned: a join from a destructor of a thread unwound later finds it ended
    slots_[current_].state = State::Finished;
    return host_;
  }
  Slot& t = slots_[current_];
  t.state = current_ == 0 ? State::Exited : State::Finished;
  if (!t.daemon && --non_daemon_alive_ == 0) {  // Python's program end: daemons are cut off
    end_status(Status::Ok, "");
    current_ = kNoThread;
    return host_;
  }
  if (priming_ != kNoThread) {  // a new thread that ended before any visible operation
    current_ = std::exchange(priming_, kNoThread);
    refresh_plain();
    return threads_[current_]->fiber;
  }
  const ThreadId next = pick_next();
  if (next == kNoThread) {
    current_ = kNoThread;
    return host_;
  }
  current_ = next;
  return threads_[next]->fiber;
}

void Runtime::watch_for_spin(ThreadId t, Slot& s) {
  Op& op = s.pending;
  s.spinning = false;
  if (op.site == nullptr) return;  // not a pure read (Op::site)
  const std::uint32_t id = op.object->id();
  for (const Thread::Read& r : threads_[t]->reads) {
    if (r.site == op.site && r.object == id && r.version == versions_[id] &&
        r.times + 1 >= kSpinReads) {
      s.spinning = true;
      op.ready = &read_changed;
      op.deadline = kNever;
      return;
    }
  }
}

void Runtime::track_reads(ThreadId t, Slot& s) {
  // (Its spinning flag is left as it is: nothing reads it before the thread's next step.)
  const Op& op = s.pending;
  if (op.site == nullptr) {  // not a pure read: what it read before no longer repeats
    if (s.has_reads) {
      threads_[t]->reads.clear();
      s.has_reads = false;
      --readers_;
    }
    // A write matters only to reads made before it: none, while no thread has any.
    if (readers_ != 0 && op.access == Access::Write && op.object != nullptr)
      ++versions_[op.object->id()];
    return;
  }
  std::vector<Thread::Read>& reads = threads_[t]->reads;
  if (!s.has_reads) {
    s.has_reads = true;
    ++readers_;
  }
  const std::uint32_t id = op.object->id();
  for (Thread::Read& r : reads) {
    if (r.site == op.site && r.object == id) {
      r.times = r.version == versions_[id] ? r.times + 1 : 1;
      r.version = versions_[id];
      return;
    }
  }
  reads.push_back(Thread::Read{op.site, id, versions_[id], 1});
}

// A spinning thread may go on once anything it read has been written since.
bool Runtime::read_changed(const Object*, ThreadId self) {
  const Runtime& rt = *t_current;
  for (const Thread::Read& r : rt.threads_[self]->reads)
    if (rt.versions_[r.object] != r.version) return true;
  return false;
}

void Runtime::grow_versions() {
  versions_.resize(std::size_t{objects_} * 2);
  objects_by_id_.resize(versions_.size());
}

}  // namespace weft::sim
