// "Can this program print that?" A search that abandons each execution as soon as its output
// disagrees with the target, so it answers quickly even where listing every outcome is hopeless.
// checker/possible.cpp argues why the search it runs, though pruned, misses no execution that
// prints the target.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "checker/explore.hpp"
#include "checker/why_not.hpp"

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
  std::uint64_t pruned = 0;     // executions abandoned as soon as their output went astray
  std::uint64_t redundant = 0;  // executions stopped where every continuation was explored
  std::string cut_by;  // when undecided: the budget or limit that cut the search
  // When not possible: why not, exact when impossible, what was observed when undecided.
  WhyNot why_not;
  double seconds = 0;
};

// With options.reduction, the pruned search with sleep sets and the reduced search side by side
// (checker/possible.cpp); without, every schedule, pruned the same way.
PossibleResult find_output(const std::function<void()>& body, const Target& target,
                           const Options& options);

// Text without ANSI escape sequences (colour codes a terminal copy has lost).
std::string strip_ansi(const std::string& text);

}  // namespace weft::checker
