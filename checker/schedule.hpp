// One typed stream of choices is the whole schedule of an execution: thread picks, timer ties
// and choose() values, in the order they were made (sim/strategy.hpp). Traces store it; a replay
// follows it.
#pragma once

#include "sim/strategy.hpp"

namespace weft::checker {

using sim::Choice;
using sim::Schedule;

}  // namespace weft::checker
