// "Can this program print that?" A search that follows every schedule but abandons each one as
// soon as its output disagrees with the target, so it answers quickly even where listing every
// outcome is hopeless.
//
// It prunes the naive search, not the reduced one: a pruned execution never shows the races
// that come after the pruning point, which the reduction would need to find the reorderings
// before it.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "checker/explore.hpp"

namespace weft::checker {

struct Target {
  std::string out;                           // the whole stdout wanted
  std::map<std::string, std::string> files;  // files wanted (others are not compared)
  bool exact_bytes = false;                  // false: ANSI escape sequences are ignored
};

struct PossibleResult {
  enum class Answer { Possible, Impossible, Undecided } answer = Answer::Undecided;
  Schedule witness;      // when possible: the schedule of an execution that printed it
  sim::Outcome outcome;  // when possible: that execution's outcome
  std::uint64_t executions = 0;
  std::uint64_t pruned = 0;  // executions abandoned because their output went astray
  std::string cut_by;        // when undecided: the budget that ran out
  double seconds = 0;
};

PossibleResult find_output(const std::function<void()>& body, const Target& target,
                           const Options& options);

// Text without ANSI escape sequences (colour codes a terminal copy has lost).
std::string strip_ansi(const std::string& text);

}  // namespace weft::checker
