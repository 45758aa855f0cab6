// The buffers of the reduced search (checker/dpor.hpp), kept from one search to the next on the
// same OS thread: once a search has run, the next allocates nothing (two run at once in
// checker/possible.cpp, each with a set of its own).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "checker/dpor_clocks.hpp"
#include "checker/dpor_execution.hpp"
#include "checker/dpor_points.hpp"
#include "checker/dpor_threadset.hpp"
#include "checker/schedule.hpp"

namespace weft::checker::dpor {

struct Buffers {
  std::vector<Point> stack;
  std::vector<Word> bits;  // the points' thread sets; what lies past the last point's is stale
  // This execution, as it runs.
  std::vector<Event> events;
  std::vector<Thread> threads;
  std::vector<Word> sleeping;  // the sleep set
  std::vector<Word> fragile;   // the sleepers whose step fails: any event wakes them
  std::vector<sim::ThreadId> holders;  // holds_lock()'s scratch
  Clocks clocks;  // its happens-before order
  std::vector<Object> objects;
  std::uint32_t objects_used = 0;  // 1 + the highest id of an object this execution touched
  std::vector<std::uint32_t> saved;  // the points' saved states (Saved), one after the other
  std::uint32_t epoch = 0;  // executions so far: stamps the objects each one touched
  // Events of the conflicts across objects: listings and starts/ends of threads, daemon
  // threads' events.
  std::vector<std::uint32_t> lists_log, changes_log, daemon_log;
  Schedule schedule;  // this execution's decisions with two or more options
  std::vector<std::size_t> schedule_picks;  // rt.picks() at each of them

  // Empties what one search leaves for the next to overwrite.
  void clear();
};

// A set of buffers no search uses now, or a new one.
std::unique_ptr<Buffers> borrow_buffers();
// Gives b back for the next search on this OS thread.
void return_buffers(std::unique_ptr<Buffers> b);
// Sets of buffers this OS thread made and does not hold as spares: in use by a search, or lost.
// Zero between searches (tests check this).
std::size_t buffers_out();

}  // namespace weft::checker::dpor
