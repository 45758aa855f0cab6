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
// Beyond the paper: a non-daemon thread's end may end the program and cut off every daemon
// thread, so it is taken as dependent with every operation of a daemon thread; thread starts and
// ends also change the set of live threads enumerate() reads; and choose(n) values are always
// explored in full.
#pragma once

#include <cstdint>
#include <vector>

#include "checker/schedule.hpp"
#include "sim/strategy.hpp"
#include "sim/types.hpp"

namespace weft::checker {

class DporStrategy : public sim::Strategy {
 public:
  DporStrategy() { observes_steps = true; }

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
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  using Clock = std::vector<std::uint32_t>;  // events of each thread that happen before

  // A branching point, kept across executions.
  struct Point {
    sim::Decision kind;
    std::vector<sim::ThreadId> enabled;  // thread points
    std::uint32_t options = 0;           // value points: n of choose(n)
    std::uint32_t chosen = 0;            // thread points: the thread id; value points: the value
    std::vector<bool> backtrack, done, sleep;  // by thread id; sleep as on arrival
  };
  // An executed operation of this execution.
  struct Event {
    sim::ThreadId thread;
    sim::OpKind kind;
    std::uint32_t seq;  // its number among its thread's events, from 1
    sim::Access access;
    std::uint32_t object;
    std::size_t point;  // the branching point just before it, or kNone
    Clock clock;
  };
  struct ObjectLog {
    std::vector<std::size_t> events;  // indexes into events_, in order
    std::size_t last_write = kNone;
    std::vector<std::size_t> reads_since_write;
  };

  static bool dependent(sim::Access a, std::uint32_t obj_a, const sim::Op& b);
  static bool never_coenabled(const Event& e, const sim::Op& op);
  static bool conflict(const sim::Runtime& rt, const Event& e, sim::ThreadId t, const sim::Op& op);
  void record(sim::ThreadId t, sim::OpKind kind, sim::Access access, std::uint32_t object,
              std::size_t point);
  void note(const sim::Runtime& rt, sim::ThreadId t, sim::OpKind kind, sim::Access access,
            std::uint32_t object, std::size_t point);
  void race_with_earlier(const Event& e, sim::ThreadId t);
  bool happens_before(const Event& e, sim::ThreadId t) const;
  void add_backtrack(std::size_t point, sim::ThreadId t);
  void race_with_pending(const sim::Runtime& rt, const Event& e);
  Clock& clock_of(sim::ThreadId t);
  ObjectLog& log_of(std::uint32_t object);
  void grow(Point& p, std::size_t threads) const;

  std::vector<Point> stack_;
  std::size_t depth_ = 0;   // points reached in this execution
  std::size_t target_ = 0;  // the point whose choice is new in this execution
  std::vector<Event> events_;
  std::vector<Clock> clocks_;          // by thread
  std::vector<std::uint32_t> seqs_;    // events so far, by thread
  std::vector<ObjectLog> objects_;     // by object id
  std::vector<bool> sleeping_;         // the sleep set as the execution goes
  std::size_t point_before_next_ = kNone;
  std::vector<std::size_t> last_point_of_;  // by thread: point before its last event
  Schedule schedule_;
  bool nondeterministic_ = false;
};

}  // namespace weft::checker
