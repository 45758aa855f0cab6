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
// - a non-daemon thread's end may end the program and cut off every daemon thread, so it is
//   taken as dependent with every operation of a daemon thread;
// - virtual time advances only when no thread can step, so a time jump is a step of a virtual
//   clock that depends on every operation and is never enabled together with one: everything
//   before a jump happens before everything after it;
// - choose(n) values are always explored in full.
//
// The cost per step is a few words: vector clocks live in one flat array (a clock per thread
// and two per object, no clock per event), the sets of threads are bitsets, every buffer is
// reused from one execution to the next, and the replayed prefix of an execution, whose races
// were all found when it first ran, is only recorded, not analysed again.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"

namespace weft::checker {

class DporStrategy : public sim::Strategy {
 public:
  DporStrategy();

  void begin_execution() override;
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override;
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override;
  void published(const sim::Runtime& rt, sim::ThreadId t) override;
  void executed(const sim::Runtime& rt, sim::ThreadId t) override;

  // Moves to the next schedule that is not equivalent to one explored; false when none is left.
  bool advance();
  // The schedule of the execution that just ran (its choices with two or more options).
  const Schedule& schedule();
  bool nondeterministic() const { return nondeterministic_; }

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
  static constexpr std::uint8_t kDaemon = 1;         // performed by a daemon thread
  static constexpr std::uint8_t kLists = 2;          // reads the set of live threads
  static constexpr std::uint8_t kChanges = 4;        // a start or end: changes that set
  static constexpr std::uint8_t kNonDaemonEnd = 8;   // may end the program
  static constexpr std::uint8_t kWaitsRelease = 16;  // a blocking acquire: never co-enabled
                                                     // with the holder's release
  static constexpr std::uint8_t kWaitsEnd = 32;      // a blocking join: never co-enabled with
                                                     // the joined thread's end

  // An executed operation of this execution.
  struct Event : Footprint {
    sim::ThreadId thread = 0;
    std::uint32_t seq = 0;    // its number among its thread's events, from 1
    std::uint32_t point = 0;  // the branching point just before it, or kNone
    std::uint32_t prev = 0;   // the event before it on the same object, or kNone
  };
  // A branching point, kept across executions. Its thread sets are bitsets in bits_.
  struct Point {
    sim::Decision kind;
    std::uint32_t chosen;   // thread points: the thread id; value points: the value
    std::uint32_t options;  // thread points: how many were enabled; value points: n
    std::uint32_t bits;     // offset in bits_ of enabled, backtrack, done, sleep (on arrival)
    std::uint32_t words;    // words per set
  };
  // By object id. Its clocks are object_clocks_ slots 2 * id (its last write) and 2 * id + 1
  // (the join of the reads since, when there were any).
  struct Object {
    std::uint32_t epoch = 0;        // the execution that last touched it: older state is stale
    std::uint32_t last = kNone;     // its last event (the others are chained by Event::prev)
    sim::ThreadId writer = kNone;   // the thread of its last write
    sim::ThreadId owner = kNone;    // the only thread to touch it since that write, or kNone
    bool reads = false;             // read since that write
  };
  enum Set : std::uint32_t { kEnabled = 0, kBacktrack = 1, kDone = 2, kSleep = 3 };

  Word* set(const Point& p, Set s) { return bits_.data() + p.bits + s * p.words; }
  const Word* set(const Point& p, Set s) const { return bits_.data() + p.bits + s * p.words; }
  static bool has(const Word* set, std::uint32_t t) { return (set[t / 64] >> (t % 64)) & 1U; }
  static void put(Word* set, std::uint32_t t) { set[t / 64] |= Word{1} << (t % 64); }
  static void take(Word* set, std::uint32_t t) { set[t / 64] &= ~(Word{1} << (t % 64)); }

  static Footprint footprint(const sim::Runtime& rt, sim::ThreadId t);
  static bool same_object(const Footprint& a, const Footprint& b);
  static bool conflict(const Footprint& e, const Footprint& op);
  bool happens_before(const Event& e, sim::ThreadId t) const {
    return clock(t)[e.thread] >= e.seq;
  }

  // Clocks.
  std::uint32_t* clock(sim::ThreadId t) { return clocks_.data() + std::size_t{t} * width_; }
  const std::uint32_t* clock(sim::ThreadId t) const {
    return clocks_.data() + std::size_t{t} * width_;
  }
  std::uint32_t* object_clock(std::uint32_t slot) {
    return object_clocks_.data() + std::size_t{slot} * width_;
  }
  void join(std::uint32_t* __restrict into, const std::uint32_t* __restrict from) const;
  void widen(std::uint32_t width);
  void add_thread(sim::ThreadId t);
  Object& touch(std::uint32_t object);
  void record(sim::ThreadId t, std::uint32_t point);
  void tick();

  // Races.
  void race_with_earlier(sim::ThreadId t, const Footprint& op);
  std::uint32_t latest_racing(const std::vector<std::uint32_t>& log, sim::ThreadId t,
                              const Footprint& op) const;
  void race_with_pending(const sim::Runtime& rt, const Event& e);
  void add_backtrack(std::uint32_t point, sim::ThreadId t);

  // The stack.
  std::uint32_t new_point(sim::Decision kind, std::uint32_t chosen, std::uint32_t options,
                          std::uint32_t words);
  void truncate(std::size_t depth);
  bool same_enabled(const Point& p, std::span<const sim::ThreadId> enabled) const;
  void arrive_at_target(const Point& p);

  std::vector<Point> stack_;
  std::vector<Word> bits_;  // the points' thread sets
  std::size_t depth_ = 0;   // points reached in this execution
  std::size_t target_ = 0;  // the point whose choice is new in this execution
  bool replaying_ = false;  // before the target: every race here was found already
  std::uint32_t point_before_next_ = kNone;

  // This execution.
  std::vector<Event> events_;
  std::vector<Footprint> pending_;  // by thread: what it performs next
  std::vector<std::uint32_t> seqs_;  // by thread: events so far
  std::vector<Word> sleeping_;       // the sleep set as the execution goes
  sim::ThreadId threads_ = 0;        // threads seen so far
  std::uint32_t width_ = 8;          // entries per clock: at least every thread seen so far
  std::vector<std::uint32_t> clocks_;         // by thread: the events that happen before it
  std::vector<std::uint32_t> object_clocks_;  // by object: its last write's, then its reads'
  std::vector<std::uint32_t> barrier_;        // scratch for tick()
  std::vector<Object> objects_;
  std::uint32_t epoch_ = 0;
  // Events of the cross-object conflicts: listings and starts/ends of threads, daemon threads'
  // events, non-daemon threads' ends.
  std::vector<std::uint32_t> lists_log_, changes_log_, daemon_log_, ends_log_;

  Schedule schedule_;
  bool nondeterministic_ = false;
};

}  // namespace weft::checker
