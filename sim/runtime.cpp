#include "sim/runtime.hpp"

#include <algorithm>
#include <exception>
#include <utility>

#include "sim/internal.hpp"

namespace weft::sim {

// The world's objects keep their ids (1 to kWorldObjects) in every execution.
Runtime::Runtime() {
  for (Object* o : {&world_.stdout_object, &world_.stderr_object, &world_.stdin_object,
                    &world_.files_object, &world_.random_object, &world_.threads_object})
    register_object(*o);
}

Runtime::~Runtime() = default;

const Outcome& Runtime::execute(const Body& main_body, Strategy& strategy,
                                const ExecutionSetup& setup) {
  Plan plan;
  const bool planned = strategy.next_execution(plan);
  WEFT_INTERNAL(planned, "a strategy run one execution at a time has one");
  return execute(main_body, strategy, setup, plan);
}

const Outcome& Runtime::execute(const Body& main_body, Strategy& strategy,
                                const ExecutionSetup& setup, const Plan& plan) {
  setup_ = &setup;
  strategy_ = &strategy;
  main_body_ = &main_body;
  world_.reset(setup.stdin_lines, setup.seed);
  outcome_.status = Status::Ok;
  outcome_.redundant = false;
  outcome_.message.clear();
  described_ = false;
  events_.clear();
  now_ = 0;
  untimed_ = setup.timing == Timing::Untimed;
  enabled_until_ = untimed_ ? kNever - 1 : 0;
  recording_ = setup.record_events;
  max_steps_ = setup.max_steps;
  ended_ = false;
  steps_ = 0;
  objects_ = kWorldObjects;
  std::fill_n(versions_.begin(), kWorldObjects + 1, 0);
  thread_numbers_ = 0;
  count_ = 0;
  non_daemon_alive_ = 0;
  readers_ = 0;
  priming_ = kNoThread;

  Runtime* outer = t_current;
  t_current = this;
  next_pick_ = path_.data();
  repeat_end_ = next_pick_ + (&strategy == last_strategy_
                                  ? std::min(plan.repeated_picks, last_picks_)
                                  : 0);
  observing_ = plan.observe_from == 0;
  observe_from_ = observing_ ? Plan::kNever : plan.observe_from;
  ask_alone_ = plan.ask_alone;
  refresh_plain();
  static const std::string kMain = "MainThread";
  add_thread(&kMain, false,
             [](void* rt) { (*static_cast<Runtime*>(rt)->main_body_)(); }, nullptr, this, nullptr);
  current_ = 0;
  Fiber::switch_to(host_, threads_[0]->fiber);
  // Back on the host: the execution has ended. Its outcome is taken before whatever still stands
  // unwinds, so that nothing the unwinding does shows in it.
  if (!described_) outcome_.blocked.clear();
  // Swapped rather than copied; skipped when both are empty, as they mostly are for stderr.
  if (!outcome_.out.empty() || !world_.out.empty()) outcome_.out.swap(world_.out);
  if (!outcome_.err.empty() || !world_.err.empty()) outcome_.err.swap(world_.err);
  outcome_.files.swap(world_.files);
  outcome_.end_time = now_;
  abandon_all();
  for (std::size_t i = 0; i < count_; ++i) {
    Thread& t = *threads_[i];
    // A trace names the threads of a recorded execution once it is over.
    if (recording_) t.name = &t.kept_name.assign(*t.name);
    t.handle.reset();
  }
  t_current = outer;
  current_ = kNoThread;
  last_strategy_ = &strategy;
  last_picks_ = picks();
  return outcome_;
}

void Runtime::grow_versions() { versions_.resize(std::size_t{objects_} * 2); }

ThreadId Runtime::add_thread(const std::string* name, bool daemon, void (*fn)(void*),
                             void (*done)(void*), void* arg, std::shared_ptr<void> handle) {
  if (count_ == threads_.size()) {  // more threads than any execution so far had
    threads_.push_back(std::make_unique<Thread>());
    slots_.emplace_back();
    enabled_.push_back(kNoThread);
  }
  const auto id = static_cast<ThreadId>(count_++);
  slots_[id] = Slot{State::Running, daemon, false, false, false, Op{}};
  Thread& t = *threads_[id];
  t.name = name;
  t.fn = fn;
  t.done = done;
  t.arg = arg;
  t.handle = std::move(handle);
  t.object = nullptr;
  t.clock = id == 0 ? 0 : threads_[current_]->clock;  // a new thread starts at its starter's time
  t.calls_after_end = 0;
  t.reads.clear();
  if (!daemon) ++non_daemon_alive_;
  t.fiber.create(*pool_, Fiber::Entry{&fiber_run, &fiber_uncaught, &fiber_finish, this});
  return id;
}

ThreadId Runtime::spawn(const std::string& name, bool daemon, void (*fn)(void*),
                        void (*done)(void*), std::shared_ptr<void> handle, const Object* object) {
  void* arg = handle.get();
  const ThreadId id = add_thread(&name, daemon, fn, done, arg, std::move(handle));
  threads_[id]->object = object;
  if (recording_) note_object(object);  // its start event named it before it had one
  // Run the new thread up to its first visible operation: the code before it touches nothing
  // another thread can see, so running it now is one of the interleavings, and it saves a
  // scheduling point per thread.
  priming_ = current_;
  plain_ = false;
  switch_to(id);
  // The execution ended while the new thread ran. Its start is done: only a destructor, which
  // may not throw, goes on from it.
  if (slots_[current_].abandoned && std::uncaught_exceptions() == 0) unwind_abandoned();
  return id;
}

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

void Runtime::record_event(const Slot& me) {
  note_object(me.pending.object);
  events_.push_back(Event{steps_, now(), current_, me.pending.kind, me.pending.access,
                          me.pending.object ? me.pending.object->id() : 0, 0});
}

// The threads that can perform their pending operation now go to enabled_, by ascending id;
// returns how many. Runs at every scheduling point, so it reads through locals: the ready
// predicates it calls could otherwise make the compiler reload every member.
std::size_t Runtime::collect_enabled() {
  const Slot* const slots = slots_.data();
  ThreadId* const out = enabled_.data();  // sized for every thread by add_thread
  const Time now = enabled_until_;
  std::size_t n = 0;
  for (ThreadId i = 0, end = static_cast<ThreadId>(count_); i < end; ++i) {
    if (slots[i].state == State::Running && can_perform(slots[i].pending, i, now)) out[n++] = i;
  }
  return n;
}

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

std::size_t Runtime::choose(std::size_t n) {
  if (n <= 1 || ended_) return 0;  // (once ended, from a destructor: the strategy is done)
  const std::size_t v = strategy_->pick(*this, Request{Decision::Value, n});
  asked();
  return v;
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

}  // namespace weft::sim
