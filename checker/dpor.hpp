// Exhaustive search with dynamic partial-order reduction and sleep sets.
//
// C. Flanagan and P. Godefroid, "Dynamic partial-order reduction for model checking software",
// POPL 2005 — the backtracking rule, which looks at the pending operation of every thread,
// blocked ones included, so that blocking operations (a lock acquire that must wait) need no
// special case; with P. Godefroid's sleep sets ("Partial-order methods for the verification of
// concurrent systems", LNCS 1032, 1996) so that no two explored executions are equivalent.
//
// Two operations are dependent when they touch the same object and at least one changes it.
// Each execution is one Mazurkiewicz trace of that relation; equivalent executions end with the
// same outcome, so exploring one per trace loses no outcome.
//
// Beyond the paper (docs/reduction.md argues each rule):
// - thread starts and ends change the set of live threads that enumerate() reads;
// - the end of the last non-daemon thread ends the program and cuts off the daemon threads: it
//   conflicts with their operations, and comes after every non-daemon thread's end;
// - a failed check ends the execution inside a thread: that thread's last step conflicts with
//   every other thread's;
// - virtual time advances only when no thread can step, so a time jump is a step of a virtual
//   clock that depends on every operation and is never enabled together with one: everything
//   before a jump happens before everything after it;
// - an operation that touches nothing (a due sleep, a yield) runs at once, without a choice;
// - choose(n) values are always explored in full.
//
// What it costs per step: the hooks note each operation, keep the sleep set and find the races
// as the execution goes, with vector clocks in flat arrays (one per thread, two per object, none
// per event). The replayed prefix of an execution, whose races were found when it first ran, is
// not even clocked: branching points (one every few events) keep the analysis state where they
// were first reached, and an execution skips its hooks up to the last such point before its
// target, takes up the state saved there, and clocks only the events from there to the target.
// Every buffer is reused from one execution to the next, and from one search to the next.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"

namespace weft::checker {

class DporStrategy : public sim::Strategy {
 public:
  DporStrategy();
  ~DporStrategy() override;
  DporStrategy(const DporStrategy&) = delete;
  DporStrategy& operator=(const DporStrategy&) = delete;

  void begin_execution() override;
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override;
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override;
  void published(const sim::Runtime& rt, sim::ThreadId t) override;
  void executed(const sim::Runtime& rt, sim::ThreadId t) override;
  // Skipping, the runtime replays the picks before the point taken up, when no choose() comes
  // before it.
  std::size_t replayed_picks() const override { return replay_picks_; }
  void diverged(const sim::Runtime& rt) override;

  // Moves to the next schedule that is not equivalent to one explored; false when none is left.
  bool advance();
  // The schedule of the execution that just ran (its choices with two or more options).
  const Schedule& schedule() const { return b_.schedule; }
  bool nondeterministic() const { return nondeterministic_; }

  // For searches that abandon executions early (checker/possible.cpp). From now on every new
  // point explores each of its enabled threads, as the naive search does, so that the races an
  // abandoned execution hides are not needed; the sleep sets still apply.
  void explore_every_thread() { every_thread_ = true; }
  // Ends the current execution here, as redundant: what it leads to is of no interest. Return it
  // from pick_thread. Only with explore_every_thread.
  std::size_t abandon() { return stop(); }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffU;
  using Word = std::uint64_t;

  // What reduction keeps of an operation: enough to tell whether two operations commute.
  struct Footprint {
    std::uint32_t object = 0;  // sim::Object id, 0 for none
    sim::OpKind kind = sim::OpKind::Other;
    sim::Access access = sim::Access::Read;
    std::uint8_t flags = 0;  // the k* bits below
  };
  static constexpr std::uint8_t kDaemon = 1;   // performed by a daemon thread
  static constexpr std::uint8_t kLists = 2;    // reads the set of live threads
  static constexpr std::uint8_t kChanges = 4;  // a start or end: changes that set
  static constexpr std::uint8_t kExit = 8;     // the end of the last non-daemon thread: the
                                               // program ends, cutting off the daemons
  static constexpr std::uint8_t kWaitsRelease = 16;  // a blocking acquire: never co-enabled
                                                     // with the lock's release by its holder
  static constexpr std::uint8_t kWaitsEnd = 32;      // a blocking join: never co-enabled with
                                                     // the joined thread's end
  static constexpr std::uint8_t kHeldRelease = 64;   // a release of a lock by its holder

  // An operation this execution performed.
  struct Event : Footprint {
    sim::ThreadId thread = 0;
    std::uint32_t point = kNone;  // the branching point just before it, or kNone
    std::uint32_t seq = 0;        // its number among its thread's events, from 1
    std::uint32_t prev = kNone;   // the event before it on its object, or kNone
  };
  // The analysis state where a point was first reached (its clocks and logs): an execution that
  // replays up to the point takes it up there instead of clocking the prefix again. The
  // variable-length part (threads, clocks, objects) lies in Buffers::saved from `data` on.
  struct Saved {
    std::uint32_t data = 0, end = 0;  // its part of Buffers::saved
    std::uint32_t events = 0, lists = 0, changes = 0, daemons = 0;
    std::uint32_t threads = 0, non_daemon_alive = 0, locals = 0, objects = 0;
    std::uint32_t width = 0, epoch = 0;  // width 0: nothing saved
    bool tick = false, after_event = false;
  };
  // A branching point, kept across executions. Its thread sets are bitsets in bits.
  struct Point {
    sim::Decision kind;
    std::uint32_t chosen;   // thread points: the thread id; value points: the value
    std::uint32_t options;  // thread points: how many were enabled; value points: n
    std::uint32_t bits;     // offset in bits of its sets (Set), `words` words each
    std::uint32_t words;
    std::uint32_t at;       // its decision's index in the schedule
    Saved saved;
  };
  // kFailed: the threads whose step from here ended the execution with a failed check (a step
  // that conflicts with everything); kSleepFailed: the sleepers on arrival whose step does.
  enum Set : std::uint32_t { kEnabled, kBacktrack, kDone, kSleep, kFailed, kSleepFailed, kSets };
  // A thread of this execution.
  struct Thread {
    Footprint next;            // what it performs next, while `pending`
    std::uint32_t events = 0;  // its events so far
    bool daemon = false;
    bool ended = false;        // its end ran
    bool pending = false;      // it published an operation it has not performed yet
    bool local = false;        // that operation is local()
  };
  // An object of this execution. Its clocks are object_clocks slots 2 * id (its last write) and
  // 2 * id + 1 (the join of the reads since, when there were any).
  struct Object {
    std::uint32_t epoch = 0;       // the execution that last touched it: older state is stale
    std::uint32_t last = kNone;    // its last event (the others are chained by Event::prev)
    std::uint32_t last_write = kNone;  // its last write, or kNone
    sim::ThreadId writer = kNone;  // the thread of its last write
    sim::ThreadId owner = kNone;   // the only thread to touch it since that write, or kNone
    bool reads = false;            // read since that write
  };
  // Every buffer, kept from one search to the next on the same OS thread.
  struct Buffers {
    std::vector<Point> stack;
    std::vector<Word> bits;  // the points' thread sets
    // This execution, as it runs.
    std::vector<Event> events;
    std::vector<Thread> threads;
    std::vector<Word> sleeping;  // the sleep set
    std::vector<Word> fragile;   // the sleepers whose step fails: any event wakes them
    std::vector<sim::ThreadId> holders;
    // Its happens-before order. Clocks have `width` entries: at least every thread.
    std::vector<std::uint32_t> clocks;         // by thread: the events that happen before it
    std::vector<std::uint32_t> object_clocks;  // by object: its last write's, then its reads'
    std::vector<std::uint32_t> exit_clock;     // the join of the non-daemon threads' ends
    std::vector<std::uint32_t> barrier;
    std::vector<Object> objects;
    std::uint32_t objects_used = 0;  // 1 + the highest id of an object this execution touched
    std::vector<std::uint32_t> saved;  // the points' saved states (Saved), one after the other
    std::uint32_t width = 4;
    std::uint32_t epoch = 0;  // executions so far: stamps the objects each one touched
    // Events of the conflicts across objects: listings and starts/ends of threads, daemon
    // threads' events.
    std::vector<std::uint32_t> lists_log, changes_log, daemon_log;
    Schedule schedule;  // this execution's decisions with two or more options
    std::vector<std::size_t> schedule_picks;  // rt.picks() at each of them
    void clear();
  };
  // Sets of buffers no search uses now. A search borrows one and gives it back, so that a search
  // allocates nothing once one has run before it on the thread (two run at once in possible.cpp).
  static std::vector<std::unique_ptr<Buffers>>& spares();
  static std::unique_ptr<Buffers> borrow();

  // Bitsets.
  Word* set(const Point& p, Set s) { return b_.bits.data() + p.bits + s * p.words; }
  const Word* set(const Point& p, Set s) const { return b_.bits.data() + p.bits + s * p.words; }
  static bool has(const Word* set, std::uint32_t t) { return (set[t / 64] >> (t % 64)) & 1U; }
  static void put(Word* set, std::uint32_t t) { set[t / 64] |= Word{1} << (t % 64); }
  static void take(Word* set, std::uint32_t t) { set[t / 64] &= ~(Word{1} << (t % 64)); }

  // The dependency relation.
  static void footprint(const sim::Op& op, bool daemon, std::uint32_t threads_object,
                        Footprint& f);
  static bool same_object(const Footprint& a, const Footprint& b);
  static bool conflict(const Footprint& e, const Footprint& op);
  // Commutes with every operation: no object, no rule across objects applies.
  static bool local(const Footprint& op) { return op.object == 0 && op.flags == 0; }
  bool holds_lock(const sim::Runtime& rt, sim::ThreadId t);

  // During an execution.
  // Out of line, so that pick_thread's common case saves no registers.
  [[gnu::noinline]] std::size_t pick_among(const sim::Runtime& rt,
                                           std::span<const sim::ThreadId> enabled,
                                           sim::Decision kind);
  std::size_t choose_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                            sim::Decision kind);
  std::size_t choose_value(const sim::Runtime& rt, std::size_t n);
  void add_thread(const sim::Runtime& rt, sim::ThreadId t);
  void wake(const Footprint& e);
  void last_non_daemon_online();
  void stop_replaying();
  std::size_t stop();

  // Skipping: an execution replays the previous one's schedule with the hooks idle, up to the
  // last point before its target with a saved state, and takes that state up there.
  std::size_t follow(std::size_t options, sim::Decision kind);
  std::size_t replay_picks_ = 0;  // replayed_picks()
  // At the point taken up, after the runtime replayed the picks before it: the decisions before
  // count as followed.
  void replayed_up_to(const sim::Runtime& rt, const Point& p);
  template <class F>
  void each_part(const Saved& s, F&& f);
  void save(Point& p, std::uint32_t data);
  void restore(const Point& p);

  // The races, found as it runs (dpor.cpp, "Races").
  void birth(sim::ThreadId t);
  void widen();
  std::uint32_t* clock(sim::ThreadId t) { return b_.clocks.data() + std::size_t{t} * b_.width; }
  const std::uint32_t* clock(sim::ThreadId t) const {
    return b_.clocks.data() + std::size_t{t} * b_.width;
  }
  std::uint32_t* object_clock(std::uint32_t slot) {
    return b_.object_clocks.data() + std::size_t{slot} * b_.width;
  }
  void join(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const;
  void copy(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const;
  bool happens_before(const Event& e, sim::ThreadId t) const {
    return clock(t)[e.thread] >= e.seq;
  }
  Object& touch(std::uint32_t object);
  void record(Event& e, std::uint32_t i);
  void tick();
  void end_of(std::uint32_t i);
  bool op_of(sim::ThreadId t, Footprint& op) const;
  void publish(sim::ThreadId t);
  void race_with_earlier(sim::ThreadId t, const Footprint& op);
  std::uint32_t latest_racing(const std::vector<std::uint32_t>& log, sim::ThreadId t,
                              const Footprint& op) const;
  void race_with_pending(std::uint32_t i);
  void race_with_exit(sim::ThreadId t);
  void race_with_failure();
  void add_backtrack(std::uint32_t point, sim::ThreadId t);

  // The stack.
  std::uint32_t new_point(sim::Decision kind, std::uint32_t chosen, std::uint32_t options,
                          std::uint32_t words);
  void truncate(std::size_t depth);
  bool same_enabled(const Point& p, std::span<const sim::ThreadId> enabled) const;
  void arrive_at_target(const Point& p);

  std::unique_ptr<Buffers> buffers_;
  Buffers& b_ = *buffers_;
  std::size_t depth_ = 0;   // points reached in this execution
  std::size_t target_ = 0;  // the point whose choice is new in this execution
  std::uint32_t point_before_next_ = kNone;
  // Before the target every race was found already: while replaying, events and publications
  // are only clocked — or, while skipping, not even that.
  bool replaying_ = false;
  bool skipping_ = false;
  // While skipping, the runtime calls no hook (they are called only while observes_steps is
  // set), nor asks when one thread is enabled.
  void set_skipping(bool v) {
    skipping_ = v;
    observes_steps = !v;
  }
  std::size_t cursor_ = 0;  // while skipping: the next decision's index in the schedule
  std::size_t resume_ = 0;  // while skipping: the point where it takes up the saved state
  std::uint32_t saved_events_ = 0;  // events when the last state was saved or taken up
  static constexpr std::uint32_t kSaveEvery = 4;  // events at least between two saved states
  static constexpr std::size_t kWordsPerEvent = 128;  // and at least one per this many words saved
  bool retry_ = false;      // skipping found the program nondeterministic: run the target again
  bool tick_ = false;  // virtual time jumped before the next event
  bool asleep_ = false;  // the sleep set may have members: until the target, it has none
  // While nobody sleeps, a step with one thread enabled runs it: the runtime need not ask.
  void set_asleep(bool v) {
    asleep_ = v;
    picks_alone = v;
  }
  sim::ThreadId threads_ = 0;  // threads of this execution
  std::uint32_t non_daemon_alive_ = 0;
  std::uint32_t locals_ = 0;  // threads whose pending operation is local()
  std::uint32_t threads_object_ = 0;  // the id of World::threads_object
  // The execution stopped right after an event that was not an end: its thread failed a check
  // (weft::check), which ends the execution and cuts off every other thread.
  bool after_event_ = false;
  bool stopped_ = false;  // pick_thread stopped it: nothing new here
  bool nondeterministic_ = false;
  bool every_thread_ = false;  // explore_every_thread()
};

}  // namespace weft::checker
