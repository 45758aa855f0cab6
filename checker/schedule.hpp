// One typed stream of choices is the whole schedule of an execution: thread picks, timer ties
// and choose() values, in the order they were made. Traces store it; a replay follows it.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/strategy.hpp"

namespace weft::checker {

struct Choice {
  sim::Decision kind;
  std::uint32_t chosen;   // index among the options
  std::uint32_t options;  // how many there were (enabled threads, or n of choose(n))
};

using Schedule = std::vector<Choice>;

}  // namespace weft::checker
