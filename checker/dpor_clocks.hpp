// The happens-before order of one execution, as the reduced search keeps it: a vector clock per
// thread (entry u: how many of thread u's events happen before the thread's next one), two per
// object (the clock of its last write, and the join of the clocks of the reads since), and the
// join of the non-daemon threads' ends. Clocks are rows of a flat array, `width` entries each.
//
// Invariants: width is a multiple of 4 and at least the number of threads born; in every clock,
// the entries of threads not born yet are 0 (join and copy read only the born threads' entries,
// and copy whole blocks of 4).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "sim/types.hpp"

namespace weft::checker::dpor {

class Clocks {
 public:
  std::uint32_t width() const { return width_; }
  std::uint32_t* of_thread(sim::ThreadId t) { return threads_.data() + std::size_t{t} * width_; }
  const std::uint32_t* of_thread(sim::ThreadId t) const {
    return threads_.data() + std::size_t{t} * width_;
  }
  // Slot 2 * id: object id's last write; 2 * id + 1: the join of its reads since.
  std::uint32_t* of_object(std::uint32_t slot) {
    return objects_.data() + std::size_t{slot} * width_;
  }
  std::uint32_t* exit() { return exit_.data(); }
  const std::uint32_t* exit() const { return exit_.data(); }
  // The rows themselves, for saving and restoring them whole (checker/dpor_saved.cpp).
  std::uint32_t* thread_rows() { return threads_.data(); }
  std::uint32_t* object_rows() { return objects_.data(); }

  // A new search, whose objects 0 to objects - 1 have clocks: rows as narrow as they can be, so
  // that nothing of a previous search (its thread count) changes what this one saves.
  void reset(std::size_t objects);
  // A new execution: no non-daemon thread ended yet.
  void begin() { exit_.assign(width_, 0); }
  // Thread t is born, the last of `born` threads: it comes after the event of thread `parent`
  // that created it (kNone: it is the first thread, after nothing).
  void birth(sim::ThreadId t, std::uint32_t born, sim::ThreadId parent);
  // Objects 0 to count - 1 have clocks.
  void reserve_objects(std::size_t count);
  // Object id's clocks start afresh: nothing happened to it yet.
  void clear_object(std::uint32_t id);
  // Virtual time jumped: everything so far happens before everything after, in all `born`
  // threads.
  void tick(std::uint32_t born);

  // into = max(into, from), over the first `born` entries. A clock has few entries: a plain
  // loop, which the compiler leaves scalar, costs less than a vectorised one's set-up and tail.
  static void join(std::uint32_t* __restrict into, const std::uint32_t* __restrict from,
                   std::uint32_t born) {
    for (std::uint32_t i = 0; i < born; ++i)
      if (from[i] > into[i]) into[i] = from[i];
  }
  // into = from, in whole blocks of 4 covering the first `born` entries: a few vector moves,
  // where copying just those entries would cost a call to memmove.
  static void copy(std::uint32_t* __restrict into, const std::uint32_t* __restrict from,
                   std::uint32_t born) {
    std::uint32_t i = 0;
    do {
      std::memcpy(into + i, from + i, 4 * sizeof *into);
      i += 4;
    } while (i < born);
  }

 private:
  void widen(std::uint32_t born);

  std::uint32_t width_ = 4;
  std::vector<std::uint32_t> threads_;  // by thread
  std::vector<std::uint32_t> objects_;  // by object: its last write's, then its reads'
  std::vector<std::uint32_t> exit_;     // the join of the non-daemon threads' ends
  std::vector<std::uint32_t> barrier_;  // tick()'s scratch
};

}  // namespace weft::checker::dpor
