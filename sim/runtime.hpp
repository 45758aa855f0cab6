// The deterministic runtime: one OS thread runs every program thread as a fiber, a scheduler
// loop asks a Strategy which enabled thread runs next, and a virtual clock advances only when
// no thread can step. One Runtime runs many executions, reusing its stacks and buffers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/abandon.hpp"
#include "sim/fiber.hpp"
#include "sim/outcome.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"
#include "sim/world.hpp"

namespace weft::sim {

// Limits and inputs of one execution.
// How durations order operations across threads (DESIGN.md, "Virtual time").
enum class Timing : std::uint8_t {
  Exact,    // zero-time semantics: time jumps only when nothing can step (the textbook answer)
  Untimed,  // durations order nothing: a sleeper may wake, a timed wait time out, at any point
            // after it began (every behaviour on any machine)
};

struct ExecutionSetup {
  std::uint64_t max_steps = 100000;       // visible operations before the execution is cut
  Time max_time = from_seconds(1000);     // virtual time before the execution is cut
  std::vector<std::string> stdin_lines;   // scripted standard input
  std::uint64_t seed = 0;                 // for the scenario's random generator
  bool record_events = false;             // keep the event list (traces)
  Timing timing = Timing::Exact;          // how durations order operations across threads
};

// One executed visible operation.
struct Event {
  std::uint64_t step;
  Time time;
  ThreadId thread;
  OpKind kind;
  Access access;
  std::uint32_t object;  // Object::id, 0 when none
  std::int64_t result;   // set by the operation (acquired: 1, timed out: 0, value read, ...)
};

class Runtime {
 public:
  using Body = std::function<void()>;

  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // Runs `main_body` as MainThread until the program ends or is cut, as `plan` says (which
  // strategy.next_execution() made for it), asking `strategy` at every choice. Returns how it
  // ended (the outcome is complete but for blocked-thread details).
  const Outcome& execute(const Body& main_body, Strategy& strategy, const ExecutionSetup& setup,
                         const Plan& plan);
  // Plans the strategy's next execution and runs it, for strategies that always have one.
  const Outcome& execute(const Body& main_body, Strategy& strategy, const ExecutionSetup& setup);

  // The runtime executing on this OS thread, or null when none is (real threads).
  static Runtime* current() { return t_current; }

  // --- for primitives, called from program threads ---
  // Publishes `op` and returns once the scheduler lets this thread perform it. Inline, so that
  // the operation is written straight into the thread's slot.
  void step(const Op& op) {
    // Field by field: a copy of the whole record would be built on the stack first.
    Op& p = slots_[current_].pending;
    p.kind = op.kind;
    p.access = op.access;
    p.object = op.object;
    p.ready = op.ready;
    p.deadline = op.deadline;
    p.site = op.site;
    schedule();
  }
  ThreadId self() const { return current_; }
  // The virtual time. Untimed, each thread keeps its own: durations order nothing across threads,
  // and only a thread's own timeouts move its time (so that a wait_for loop's budget runs out).
  Time now() const { return untimed_ ? threads_[current_]->clock : now_; }
  // Starts a thread running fn(handle.get()); it runs up to its first visible operation at once.
  // Once fn has returned or thrown, done(handle.get()) runs on the thread: also when the thread
  // is abandoned, after its stack has unwound, so fn needs no cleanup of its own (every frame
  // with a cleanup costs an abandoned thread's unwinding another walk of the stack).
  // `handle` is the primitives' record of the thread, kept for thread_handle(); `name` lives in
  // it (so renames show through) and is read where the runtime names the thread.
  // `object` stands for the thread in operations on it (join, is_alive).
  ThreadId spawn(const std::string& name, bool daemon, void (*fn)(void*), void (*done)(void*),
                 std::shared_ptr<void> handle, const Object* object);
  // The object standing for thread t (null for MainThread).
  const Object* thread_object(ThreadId t) const { return threads_[t]->object; }
  // The primitives' record of thread t (null for MainThread until they set one).
  std::shared_ptr<void>& thread_handle(ThreadId t) { return threads_[t]->handle; }
  bool finished(ThreadId t) const { return slots_[t].state == State::Finished; }
  bool started(ThreadId t) const { return t < count_; }
  // The execution has ended: the program thread asking is being abandoned.
  bool ended() const { return ended_; }
  // choose(n): a value in [0, n) picked by the strategy.
  std::size_t choose(std::size_t n);
  // Ends the execution at once with `status` (a failed check); does not return normally.
  [[noreturn]] void fail(Status status, std::string message);
  // Gives `object` its per-execution id.
  void register_object(Object& object) {
    const std::uint32_t id = ++objects_;
    object.set_id(id);
    if (id >= versions_.size()) [[unlikely]] grow_versions();
    versions_[id] = 0;
  }
  // Python numbers default thread names Thread-1, Thread-2, ... in creation order.
  int next_thread_number() { return ++thread_numbers_; }
  World& world() { return world_; }
  const World& world() const { return world_; }
  // Records the result of the operation the current thread just performed.
  void set_result(std::int64_t r) {
    if (recording_ && !events_.empty()) events_.back().result = r;
  }

  // --- for strategies and reports ---
  std::size_t thread_count() const { return count_; }
  // During an execution, and after one that recorded events (traces name their threads).
  const std::string& thread_name(ThreadId t) const { return *threads_[t]->name; }
  // Thread t is now called `name`, which lives in its handle.
  void set_thread_name(ThreadId t, const std::string& name) { threads_[t]->name = &name; }
  bool is_daemon(ThreadId t) const { return slots_[t].daemon; }
  // Started, and its body has not returned.
  bool is_running(ThreadId t) const { return slots_[t].state == State::Running; }
  const Op& pending(ThreadId t) const { return slots_[t].pending; }
  std::uint64_t steps() const { return steps_; }
  // Picks of the next thread made so far in this execution: one before every step, decisions or
  // not, and one when a thread ends.
  std::size_t picks() const { return static_cast<std::size_t>(next_pick_ - path_.data()); }
  const std::vector<Event>& events() const { return events_; }
  // The object of a recorded event as traces name it: "Lock mutexA", "Thread Thread-2", "stdout".
  // Noted when the event is recorded (the object may be gone by the end), so only valid for
  // object ids of this execution's events.
  const std::string& object_label(std::uint32_t id) const;
  // Threads alive now (started, not finished), in start order.
  std::vector<ThreadId> alive() const;

 private:
  enum class State : std::uint8_t { Running, Exited, Finished };
  // What the scheduler loop reads of each thread, kept contiguous for the loop's sake.
  struct Slot {
    State state = State::Running;
    bool daemon = false;
    bool abandoned = false;
    bool spinning = false;  // its pending read repeats: it waits for a write to what it read
    bool has_reads = false;  // Thread::reads is not empty
    Op pending;
  };
  // The rest of a thread.
  struct Thread {
    // Its name lives with the primitives' record of it (the handle), or is MainThread's: read in
    // place rather than copied at every start. Kept here once that record may be gone.
    const std::string* name = nullptr;
    std::string kept_name;
    void (*fn)(void*) = nullptr;
    void (*done)(void*) = nullptr;
    void* arg = nullptr;
    std::shared_ptr<void> handle;
    const Object* object = nullptr;
    Time clock = 0;  // untimed: this thread's own time
    std::uint32_t calls_after_end = 0;  // operations called once the execution ended
    // The reads since its last other operation: where from, of what, which version, how often.
    struct Read {
      const void* site;
      std::uint32_t object, version, times;
    };
    std::vector<Read> reads;
    Fiber fiber;
  };

  // The rest of step(), once the operation is published.
  void schedule();
  // schedule() when a hook, the event list, untimed waits, a priming thread or the execution's
  // end is in play.
  void schedule_in_full();
  // The end of a step once its thread has been picked: abandonment, the count, reads, hooks.
  [[gnu::always_inline]] inline void performed();
  ThreadId add_thread(const std::string* name, bool daemon, void (*fn)(void*),
                      void (*done)(void*), void* arg, std::shared_ptr<void> handle);
  // Inlined into their callers (runtime.cpp): they run at nearly every step.
  [[gnu::always_inline]] inline ThreadId pick_next();
  [[gnu::always_inline]] inline ThreadId pick_anew();
  [[gnu::always_inline]] inline ThreadId ask_next();
  [[gnu::always_inline]] inline std::size_t collect_enabled();
  ThreadId repeat_or_stop();
  void stop_repeating();
  // Thread t may perform `op` now: no condition, the deadline reached (`until`), or the condition
  // holds.
  static bool can_perform(const Op& op, ThreadId t, Time until) {
    return op.ready == nullptr || op.deadline <= until || op.ready(op.object, t);
  }
  std::size_t wait_for_deadline();
  void switch_to(ThreadId next);
  void record_event(const Slot& me);
  Fiber& finish_current();
  void on_uncaught(std::exception_ptr e);
  // Ends the execution here (unless it has ended). Only to abandon the calling thread does the
  // host come back: its pending operation then completes or unwinds it (after_end). Inline, so
  // that the unwinding starts in the caller's frame.
  [[gnu::always_inline]] void end_here(Status status, std::string_view message) {
    leave_for_host(status, message);
    after_end();
  }
  // The current thread, being abandoned, is to perform its pending operation: the one it stood
  // at when the execution ended, or one it called since. It completes when completes_after_end()
  // says so, and otherwise unwinds the thread (again).
  [[gnu::always_inline]] void after_end() {
    if (!completes_after_end()) unwind_abandoned();
  }
  bool completes_after_end();
  // Leaves the current thread where it stands, for good: its stack is forgotten, not unwound. The
  // last resort for a thread that can neither unwind nor go on.
  [[noreturn]] void leave_for_good();
  // Operations a thread may call once its execution has ended, before it is left for good: a
  // thread that swallows its unwinding in a loop would otherwise never end.
  static constexpr std::uint32_t kCallsAfterEnd = 1000;
  void leave_for_host(Status status, std::string_view message);
  void end_status(Status status, std::string_view message);
  void note_object(const Object* object);
  void describe_blocked();
  void abandon_all();
  static void fiber_run(void* arg);
  static void fiber_uncaught(void* arg, std::exception_ptr e);
  static Fiber& fiber_finish(void* arg);

  // Defined inline with a constant initialiser, so that current() is one load: an out-of-line
  // thread_local costs a call to its TLS wrapper in every other file.
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
  // Copied from the setup when an execution begins: the step path reads them at every step. (A
  // strategy may start observing steps mid-execution, so its flag is read where it is used.)
  bool untimed_ = false;  // setup_->timing == Timing::Untimed
  bool recording_ = false;  // setup_->record_events
  std::uint64_t max_steps_ = 0;
  bool time_out_untimed(Slot& s);
  bool described_ = false;  // outcome_.blocked is this execution's
  std::vector<ThreadId> holders_;  // describe_blocked's buffer
  bool ended_ = false;
  // Steps are observed (Plan::observe_from), and with them lone picks (Plan::ask_alone).
  bool observing_ = false;
  bool ask_alone_ = false;
  // Observing starts after the first pick asked at picks() >= this; kNever once it has.
  std::size_t observe_from_ = Plan::kNever;
  // After asking the strategy: whether steps are to be observed from now on.
  void asked() {
    if (picks() >= observe_from_) [[unlikely]] start_observing();
  }
  void start_observing();
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
  // By object id: how many writes it has seen while some thread had reads noted (readers_ of
  // them), the only writes a spin check compares.
  std::vector<std::uint32_t> versions_;
  std::size_t readers_ = 0;
  // Out of line, so that register_object() saves no registers for it.
  [[gnu::noinline, gnu::cold]] void grow_versions();

  // Spin loops: a thread that reads the same unchanged value again from the same place in its
  // code, with no other visible operation in between, is in a loop that only a write can end;
  // it is taken to wait for a write to what it read. A read counts as repeated on its
  // kSpinReads-th time.
  static constexpr std::uint32_t kSpinReads = 2;
  // Both for a thread's pending operation, before and after it runs.
  [[gnu::always_inline]] inline void watch_for_spin(ThreadId t, Slot& s);
  [[gnu::always_inline]] inline void track_reads(ThreadId t, Slot& s);
  static bool read_changed(const Object* object, ThreadId self);
};

}  // namespace weft::sim
