// A FIFO list of threads blocked until another thread wakes them: the building block of
// Condition's and Event's waits. Each waiter has its own woken flag, which its blocked operation's
// ready predicate reads, so a wakeup sticks even if the state that caused it changes again before
// the waiter runs (an Event set and cleared at once still releases its waiters, as in CPython).
#pragma once

#include <vector>

#include "sim/state_hash.hpp"
#include "sim/types.hpp"

namespace weft::detail {

class Waiters {
 public:
  // Lists `t` as waiting, not yet woken. A thread is listed at most once.
  void add(sim::ThreadId t);
  // Whether `t` is listed and has been woken.
  bool woken(sim::ThreadId t) const;
  // Whether `t` is listed, woken or not.
  bool listed(sim::ThreadId t) const;
  // Unlists `t` (it was woken, or it gave up); nothing when it is not listed.
  void remove(sim::ThreadId t);
  // Wakes the `n` longest-listed threads not woken yet (CPython's FIFO notify); returns how many.
  int wake(int n);
  // Wakes every listed thread; returns how many were not woken yet.
  int wake_all();
  // Mixes the list, in order, into `h`.
  void fingerprint(sim::StateHasher& h) const;
  // Mixes the listed threads and their woken flags as a set into `h`: for an object that only
  // ever wakes them all at once (wake_all), where the order of the list changes nothing.
  void fingerprint_set(sim::StateHasher& h) const;

 private:
  struct Entry {
    sim::ThreadId thread;
    bool woken;
  };
  std::vector<Entry> entries_;  // oldest first
};

}  // namespace weft::detail
