// The deterministic runtime: one OS thread runs every program thread as a fiber, a scheduler
// loop asks a Strategy which enabled thread runs next, and a virtual clock advances only when
// no thread can step. One Runtime runs many executions, reusing its stacks and buffers.
//
// Its definitions, one idea per file: runtime.cpp (an execution from its start to its outcome),
// scheduler.cpp (the scheduler loop: the picks, repeated or asked, and the spin watch),
// threads.cpp (a thread's life), virtual_time.cpp (time jumps and timeouts), runtime_end.cpp (the
// end of an execution), recording.cpp (recorded events), state_*.cpp (states).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/abandon.hpp"
#include "sim/execution.hpp"
#include "sim/fiber.hpp"
#include "sim/outcome.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"
#include "sim/world.hpp"

namespace weft::sim {

class Runtime {
 public:
  using Body = std::function<void()>;

  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Runs `main_body` as MainThread until the program ends or is cut, as `plan` says (which
  // strategy.next_execution() made for it), asking `strategy` at every choice. Returns how it
  // ended (the outcome is complete but for blocked-thread details); valid until the next call.
  const Outcome& execute(const Body& main_body, Strategy& strategy, const ExecutionSetup& setup,
                         const Plan& plan);
  // Plans the strategy's next execution and runs it, for strategies that always have one.
  const Outcome& execute(const Body& main_body, Strategy& strategy, const ExecutionSetup& setup);

  // The runtime executing on this OS thread, or null when none is (real threads).
  static Runtime* current() { return t_current; }
  // --- for primitives, called from program threads ---
  // Publishes `op` as the calling thread's next operation and returns once the thread has
  // performed it: when the strategy picked it and `op` could be performed (Op::ready, or its
  // deadline reached). When the execution ends first, the thread unwinds from here (Abandoned),
  // or the operation completes if it is one a destructor may call while unwinding.
  void step(const Op& op);
  // The calling thread.
  ThreadId self() const { return current_; }
  // The virtual time. Untimed, each thread keeps its own: durations order nothing across threads,
  // and only a thread's own timeouts move its time (so that a wait_for loop's budget runs out).
  Time now() const { return untimed_ ? threads_[current_]->clock : now_; }
  // now() as the thread's code reads it (weft::now()): counted and kept, for state caching.
  Time read_clock();
  // Starts a thread running fn(handle.get()); it runs up to its first visible operation at once.
  // Once fn has returned or thrown, done(handle.get()) runs on the thread: also when the thread
  // is abandoned, after its stack has unwound, so fn needs no cleanup of its own.
  // `handle` is the primitives' record of the thread, kept for thread_handle(); `name` lives in
  // it (so renames show through). `object` stands for the thread in operations on it (join,
  // is_alive).
  ThreadId spawn(const std::string& name, bool daemon, void (*fn)(void*), void (*done)(void*),
                 std::shared_ptr<void> handle, const Object* object);
  // The object standing for thread t (null for MainThread).
  const Object* thread_object(ThreadId t) const { return threads_[t]->object; }
  // The id of thread t's process object (its starter's; a process's MainThread's own); 0: main.
  std::uint32_t process_of(ThreadId t) const { return threads_[t]->process; }
  // After the caller's OpKind::Terminate of `process`: its threads end where they stand, no
  // cleanup run (stacks unwind at the execution's end). Returns unless the caller was one.
  void end_process(const Object& process);
  // The primitives' record of thread t (null for MainThread until they set one).
  std::shared_ptr<void>& thread_handle(ThreadId t) { return threads_[t]->handle; }
  // Its body has returned or thrown, and its end was performed.
  bool finished(ThreadId t) const { return slots_[t].state == State::Finished; }
  bool started(ThreadId t) const { return t < count_; }
  // The execution has ended: the program thread asking is being abandoned.
  bool ended() const { return ended_; }
  // choose(n): a value in [0, n) picked by the strategy; 0 when n <= 1, and once the execution
  // has ended.
  std::size_t choose(std::size_t n);
  // The running thread declares its local state (Strategy::declared); not a visible operation.
  void declare_local_state(std::uint64_t a, std::uint64_t b);
  // Ends the execution at once with `status` (a failed check) and `message`; does not return.
  [[noreturn]] void fail(Status status, std::string message);
  // Gives `object` its id for this execution: after the world's objects, in order of creation.
  void register_object(Object& object);
  // Python numbers default thread names Thread-1, Thread-2, ... in creation order.
  int next_thread_number() { return ++thread_numbers_; }
  int thread_numbers() const { return thread_numbers_; }  // (a forked process starts from it)
  World& world() { return world_; }
  const World& world() const { return world_; }
  const ExecutionSetup& setup() const { return *setup_; }  // the running execution's
  // Records the result of the operation the current thread just performed, in its event.
  void set_result(std::int64_t r) { if (recording_ && !events_.empty()) events_.back().result = r; }

  // --- for strategies and reports ---
  std::size_t thread_count() const { return count_; }
  // During an execution, and after one that recorded events (traces name their threads).
  const std::string& thread_name(ThreadId t) const { return *threads_[t]->name; }
  // Thread t is now called `name`, which lives in its handle.
  void set_thread_name(ThreadId t, const std::string& name) { threads_[t]->name = &name; }
  bool is_daemon(ThreadId t) const { return slots_[t].daemon; }
  // Started, and its body has not returned.
  bool is_running(ThreadId t) const { return slots_[t].state == State::Running; }
  // The operation thread t performs next (a spinning read waits for a write: Op::ready).
  const Op& pending(ThreadId t) const { return slots_[t].pending; }
  // Visible operations performed so far in this execution.
  std::uint64_t steps() const { return steps_; }
  // Picks of the next thread made so far in this execution: one before every step, decisions or
  // not, and one when a thread ends.
  std::size_t picks() const { return static_cast<std::size_t>(next_pick_ - path_.data()); }
  // This execution's events, when its setup records them.
  const std::vector<Event>& events() const { return events_; }
  // The object of a recorded event as traces name it: "Lock mutexA", "Thread Thread-2", "stdout".
  // Noted when the event is recorded (the object may be gone by the end), so only valid for
  // object ids of this execution's events.
  const std::string& object_label(std::uint32_t id) const;
  // Threads alive now (started, not finished), in start order.
  std::vector<ThreadId> alive() const;
  // The objects of this execution by id, from 1 to objects() (the world's first): null for one
  // that is gone. For screens of the execution's state.
  std::uint32_t objects() const { return objects_; }
  const Object* object(std::uint32_t id) const {
    return id < objects_by_id_.size() ? objects_by_id_[id] : nullptr;
  }

  // --- for state caching (sim/state_*.cpp, docs/state-caching.md) ---
  // `object` is being destroyed: the runtime no longer lists it.
  void forget_object(const Object& object);
  // The thread `object` stands for; kNoThread when none (or not started).
  ThreadId thread_of(const Object* object) const;
  // How many times thread t's code read the clock (read_clock), and what it read last.
  std::pair<std::uint32_t, Time> clock_read(ThreadId t) const;
  // Mixes into `h` what an operation of kind `kind` of thread `self` on `object` can learn from
  // it (thread ids in it written as `self` or another). False when the object cannot say.
  bool fingerprint_object(const Object* object, OpKind kind, ThreadId self,
                          StateHasher& h) const;
  // Mixes into `h` the state all threads share (time, counters, streams — stdout only when
  // `outputs` —, objects but threads). False when some object cannot say.
  bool fingerprint_shared(StateHasher& h, bool outputs) const;
  // Mixes into `h` what the scheduler holds of thread t (status, pending operation, reads, and
  // untimed its own clock). A pending join names its thread, or only `join_class` when not 0.
  void fingerprint_thread(ThreadId t, StateHasher& h, std::uint64_t join_class = 0) const;

 private:
  enum class State : std::uint8_t { Running, Exited, Finished };
  // What the scheduler loop reads of each thread, kept contiguous.
  struct Slot {
    State state = State::Running;
    bool daemon = false;
    bool abandoned = false;  // the execution ended; the thread is unwinding or left
    bool spinning = false;   // its pending read repeats: it waits for a write to what it read
    bool has_reads = false;  // Thread::reads is not empty
    Op pending;
  };
  // The rest of a thread.
  struct Thread {
    // Its name lives with the primitives' record of it (the handle), or is MainThread's; kept
    // here (kept_name) once that record may be gone.
    const std::string* name = nullptr;
    std::string kept_name;
    void (*fn)(void*) = nullptr;
    void (*done)(void*) = nullptr;
    void* arg = nullptr;
    std::shared_ptr<void> handle;
    const Object* object = nullptr;
    std::uint32_t process = 0;  // process_of()
    Time clock = 0;  // untimed: this thread's own time
    std::uint32_t clock_reads = 0; Time clock_read_at = 0;  // read_clock()'s
    Wait wait;       // recording: how its pending operation has waited (recording.cpp)
    std::uint32_t calls_after_end = 0;  // operations called once the execution ended
    // The reads since its last other operation: where from, of what, which version, how often.
    struct Read { const void* site; std::uint32_t object, version, times; };
    std::vector<Read> reads;
    Fiber fiber;
  };

  // --- the scheduler loop (scheduler.cpp) ---
  // The rest of step(), once the operation is published: picks the thread that performs the
  // next operation, switches to it, and returns once this thread's operation is performed.
  void schedule();
  // schedule() when hooks, events, untimed waits, a priming thread or the end are in play.
  void schedule_in_full();
  // The end of a step once its thread has been picked: abandonment, the count, reads, hooks.
  [[gnu::always_inline]] inline void performed();
  void record_event(const Slot& me);  // (recording.cpp)
  void note_waits();
  // The thread that performs the next operation, the pick noted; kNoThread: the execution ended.
  [[gnu::always_inline]] inline ThreadId pick_next();
  [[gnu::always_inline]] inline ThreadId pick_anew();
  [[gnu::always_inline]] inline ThreadId ask_next();
  // The threads that can perform their pending operation now go to enabled_, by ascending id;
  // returns how many.
  [[gnu::always_inline]] inline std::size_t collect_enabled();
  ThreadId repeat_or_stop();
  void stop_repeating();
  // Thread t may perform `op` now: no condition, the deadline reached (`until`), or the condition
  // holds.
  static bool can_perform(const Op& op, ThreadId t, Time until) {
    return op.ready == nullptr || op.deadline <= until || op.ready(op.object, t);
  }
  void switch_to(ThreadId next);
  // Where the current thread's fiber goes once its body is done (the end of the thread).
  Fiber& finish_current();

  // --- the picks of this execution, noted for the next one to repeat (scheduler.cpp) ---
  // Every pick of this execution so far, and of the previous one beyond: the thread picked and
  // the operation it was to perform. The picks before repeat_end_ repeat the previous
  // execution's (Plan::repeated_picks) and are checked against it.
  struct Pick {
    ThreadId thread;
    OpKind kind;
  };
  std::vector<Pick> path_;
  Pick* next_pick_ = nullptr;   // where this execution's next pick goes
  Pick* repeat_end_ = nullptr;
  Pick* path_end_ = nullptr;    // of path_'s room
  [[gnu::noinline, gnu::cold]] void grow_path();
  // The noted pick's thread still runs and is about to perform the same kind of operation.
  bool repeats(const Pick& want) const {
    return want.thread < count_ && slots_[want.thread].state == State::Running &&
           slots_[want.thread].pending.kind == want.kind;
  }
  const Strategy* last_strategy_ = nullptr;  // the previous execution's, and how many picks it made
  std::size_t last_picks_ = 0;

  // --- observing steps (Plan::observe_from, ask_alone) ---
  bool observing_ = false;
  bool ask_alone_ = false;
  // Observing starts after the first pick asked at picks() >= this; Plan::kNever once it has.
  std::size_t observe_from_ = Plan::kNever;
  // After asking the strategy: steps may be observed from now on.
  void asked() {
    if (picks() >= observe_from_) [[unlikely]] start_observing();
  }
  void start_observing();

  // --- a thread's life (threads.cpp) ---
  ThreadId add_thread(const std::string* name, bool daemon, void (*fn)(void*),
                      void (*done)(void*), void* arg, std::shared_ptr<void> handle);
  // Writes "Exception in thread NAME: TYPE: message" to stderr, as a visible operation of the
  // dying thread: unless the execution ends before it (then nothing shows).
  void report_uncaught(const std::exception_ptr& e);
  static void fiber_run(void* arg);
  static void fiber_uncaught(void* arg, std::exception_ptr e);
  static Fiber& fiber_finish(void* arg);

  // --- virtual time (virtual_time.cpp) ---
  // Nothing can step: time jumps to the earliest deadline, until some thread can. Returns how
  // many threads can then, or 0 when none ever will (the execution ended: deadlock, livelock or
  // the time limit).
  std::size_t wait_for_deadline();
  // Untimed: the current thread's timed operation times out unless its condition holds. False
  // when that ends the execution (the thread has then been abandoned).
  bool time_out_untimed(Slot& s);

  // --- the spin watch (scheduler.cpp) ---
  // A thread that reads the same unchanged value again from the same place in its code, with no
  // other visible operation in between, is in a loop that only a write can end: it is taken to
  // wait for a write to what it read. A read counts as repeated on its kSpinReads-th time.
  static constexpr std::uint32_t kSpinReads = 2;
  // Before thread t's pending operation runs: whether it is such a read (then it waits).
  [[gnu::always_inline]] inline void watch_for_spin(ThreadId t, Slot& s);
  // After it ran: what it read, or that it wrote.
  [[gnu::always_inline]] inline void track_reads(ThreadId t, Slot& s);
  static bool read_changed(const Object* object, ThreadId self);
  // By object id: how many writes it has seen while some thread had reads noted (readers_ of
  // them), the only writes a spin check compares.
  std::vector<std::uint32_t> versions_;
  std::vector<const Object*> objects_by_id_;  // by id, sized with versions_; null once gone
  std::vector<ThreadId> object_thread_;        // by object id: the thread it stands for (thread_of)
  std::size_t readers_ = 0;
  [[gnu::noinline, gnu::cold]] void grow_versions();

  // --- the end of an execution (runtime_end.cpp) ---
  // Ends the execution here (unless it has ended). The host comes back only to abandon the
  // calling thread, whose pending operation then completes or unwinds it (after_end).
  [[gnu::always_inline]] inline void end_here(Status status, std::string_view message);
  // The current thread, being abandoned, is to perform its pending operation: the one it stood
  // at when the execution ended, or one it called since. It completes when completes_after_end()
  // says so, and otherwise unwinds the thread (again).
  [[gnu::always_inline]] inline void after_end();
  bool completes_after_end();
  // Leaves the current thread where it stands, for good: its stack is forgotten, not unwound. The
  // last resort for a thread that can neither unwind nor go on.
  [[noreturn]] void leave_for_good();
  // Operations a thread may call once its execution has ended, before it is left for good: a
  // thread that swallows its unwinding in a loop would otherwise never end.
  static constexpr std::uint32_t kCallsAfterEnd = 1000;
  void leave_for_host(Status status, std::string_view message);
  // Sets the outcome's status and message; the execution has ended.
  void end_status(Status status, std::string_view message);
  void note_object(const Object* object);
  void describe_blocked();
  // Unwinds every thread the end cut off (or leaves it for good).
  void abandon_all();

  // current(): defined inline with a constant initialiser, so that it is one load (an out-of-line
  // thread_local costs a call to its TLS wrapper in every other file).
  static inline thread_local Runtime* t_current = nullptr;

  std::shared_ptr<StackPool> pool_ = StackPool::local();  // outlives threads_ (their stacks)
  Fiber host_;                                  // the OS thread's own context
  // Per thread, reused across executions: the first count_ are this execution's.
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<Thread>> threads_;
  std::size_t count_ = 0;                       // threads in this execution
  ThreadId current_ = kNoThread;
  ThreadId priming_ = kNoThread;                // the starter, while a new thread primes
  std::vector<ThreadId> enabled_;                // room for every thread; the first few are set
  Strategy* strategy_ = nullptr;
  const Body* main_body_ = nullptr;
  const ExecutionSetup* setup_ = nullptr;
  World world_;
  Outcome outcome_;
  std::vector<Event> events_;
  std::vector<std::string> object_labels_;  // by object id, noted with recorded events
  Time now_ = 0;  // untimed: the latest of the threads' own times
  // A timed operation whose deadline is at most this is enabled: now_, or untimed, where every
  // timeout may expire at any point, any deadline.
  Time enabled_until_ = 0;
  // From the setup, read at every step.
  bool untimed_ = false;  // setup_->timing == Timing::Untimed
  bool recording_ = false;  // setup_->record_events
  std::uint64_t max_steps_ = 0;
  bool described_ = false;  // outcome_.blocked is this execution's
  std::vector<ThreadId> holders_;  // describe_blocked's buffer
  bool ended_ = false;
  // None of these holds: ended_, priming_, untimed_, recording_, observing_. schedule() then
  // takes its short path.
  bool plain_ = false;
  void refresh_plain() {
    plain_ = !ended_ && priming_ == kNoThread && !untimed_ && !recording_ && !observing_;
  }
  std::uint64_t steps_ = 0;
  static constexpr std::uint32_t kWorldObjects = 6;  // registered once, by the constructor
  std::uint32_t objects_ = 0;
  int thread_numbers_ = 0;
  std::size_t non_daemon_alive_ = 0;
};

}  // namespace weft::sim

// The step path's inline definitions, which every visible operation takes.
#include "sim/runtime_step.hpp"  // IWYU pragma: export
