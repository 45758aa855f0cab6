// Whether a program's whole output set is invariant under renaming the threads of each symmetry
// class, which the count per orbit (checker/output_count_orbit.cpp) rests on. Watched during the
// search that records the graph: the class threads are started by one thread that does nothing
// else between its first and its last such start, and nobody lists, counts, joins or asks about
// them (docs/state-caching.md, "Counting per orbit").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {
class Runtime;
}

namespace weft::checker {

class CreationWatch {
 public:
  // A new execution begins.
  void begin();
  // Thread t performs its pending operation (Observed::Executed), or publishes its next one.
  void executed(const sim::Runtime& rt, sim::ThreadId t);
  void published(const sim::Runtime& rt);
  // After the search: empty when the output set is invariant, else why that is not shown.
  // `class_threads`: how many threads of a class the graph saw.
  std::string why_not(std::size_t class_threads) const;

 private:
  std::size_t class_threads(const sim::Runtime& rt) const;

  std::size_t known_ = 0;                   // threads of this execution seen so far
  sim::ThreadId starter_ = sim::kNoThread;  // the thread whose start op ran last
  sim::ThreadId creator_ = sim::kNoThread;  // the one that starts the class threads
  // Per thread of no class: the numbers of class threads that existed when it did something
  // other than start one.
  std::vector<std::vector<bool>> gaps_;
  std::string why_not_;
};

}  // namespace weft::checker
