// What the reduced search (checker/dpor.hpp) keeps of the execution that runs: its events, its
// threads and the objects they touched. Together with the clocks (checker/dpor_clocks.hpp) this
// is the state the race finder reads, and what a branching point saves
// (checker/dpor_saved.hpp).
#pragma once

#include <cstdint>

#include "checker/dpor_relation.hpp"

namespace weft::checker::dpor {

// An operation this execution performed.
struct Event : Footprint {
  sim::ThreadId thread = 0;
  std::uint32_t point = kNone;  // the branching point just before it, or kNone
  std::uint32_t seq = 0;        // its number among its thread's events, from 1: it happens
                                // before thread u's next event when u's clock has seq for it
  std::uint32_t prev = kNone;   // the event before it on its object, or kNone
};

// A thread of this execution.
struct Thread {
  Footprint next;            // what it performs next, while `pending`
  std::uint32_t events = 0;  // its events so far: its own entry of its clock
  bool daemon = false;
  bool ended = false;        // its end ran
  bool pending = false;      // it published an operation it has not performed yet
  bool local = false;        // that operation is local(): counted in DporStrategy::locals_
  std::uint32_t process = 0;  // sim::Runtime::process_of(): its process's object id, 0 for none
};

// An object of this execution. Its clocks are Clocks::of_object(2 * id) and (2 * id + 1).
//
// Its writes since the last read or the last write of another value (a run) are stores of one
// value when `overwritten`: they commute with one another (dpor::equal_stores), so none happens
// before another through the object. The first clock is then the join of the whole run's (what
// a read or another write comes after), and the second, unused by reads until one comes, the
// clock the run came after (what a further store of that value comes after).
struct Object {
  std::uint32_t epoch = 0;           // the execution that last touched it: older state is stale
  std::uint32_t last = kNone;        // its last event (the others are chained by Event::prev)
  std::uint32_t last_write = kNone;  // its last write, or kNone: where a read's races end
  sim::ThreadId writer = kNone;      // the thread of its run's writes, kSeveral when more than one
  sim::ThreadId owner = kNone;       // the only thread to touch it since its run began, or
                                     // kNone: its clock covers every event on the object
  bool reads = false;                // read since that write: the reads' clock is in use
  bool overwritten = false;          // its last write is a store of `value` (kOverwrites)
  std::int64_t value = 0;
};
// Object::writer when the run's stores came from more than one thread.
inline constexpr sim::ThreadId kSeveral = kNone - 1;

}  // namespace weft::checker::dpor
