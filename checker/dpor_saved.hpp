// Prefix reuse in the reduced search (checker/dpor.hpp). Consecutive executions of a depth-first
// search share a prefix: the next one follows its predecessor's decisions up to its target, the
// deepest branching point with a thread left to try, and the races in that prefix were found
// when it first ran. So a branching point keeps the analysis state where it was first reached
// (every few events, and only when the events since the last one kept pay for its size), and the
// next execution runs its prefix with the hooks off, takes up the last state kept before its
// target when it gets there, and clocks the few events from there to the target.
#pragma once

#include <cstdint>

namespace weft::checker::dpor {

// The analysis state where a point was first reached. The variable-length part (threads, clocks,
// objects, the exit clock) lies in Buffers::saved from `data` to `end`, in that order; events,
// logs and the schedule are not copied: up to the point they are the previous execution's, cut
// back to the lengths noted here.
struct Saved {
  std::uint32_t data = 0, end = 0;  // its part of Buffers::saved; data <= end
  std::uint32_t events = 0, lists = 0, changes = 0, daemons = 0;
  std::uint32_t threads = 0, non_daemon_alive = 0, locals = 0, objects = 0;
  std::uint32_t width = 0, epoch = 0;  // width 0: nothing saved; another width: unusable
  bool time_jumped = false, last_was_event = false;
};

// Events at least between two saved states.
inline constexpr std::uint32_t kSaveEvery = 4;
// And at least one event per this many words saved: the states kept on the stack hold at most
// that many words per event, however many threads and objects the execution has (with every
// clock copied every few events, 1,000 threads took gigabytes).
inline constexpr std::size_t kWordsPerEvent = 128;
// And at least 1/kSaveShare of the events so far: a long execution keeps a few dozen states
// instead of one every few events (a state every 4 of 100,000 events took 14 MB and most of the
// time), while an execution that takes one up clocks at most that share of its events again —
// it runs all of them again anyway.
inline constexpr std::size_t kSaveShare = 16;

}  // namespace weft::checker::dpor
