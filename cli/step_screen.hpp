// What `weft step` shows: the screen at a decision (what happened since the last one, every
// thread with its next operation, the objects, the output so far, the numbered choices) and at
// the end of an execution (its outcome).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "checker/step_through.hpp"

namespace weft::cli {

// Draws `v`, reached after `taken` decisions.
void draw_screen(std::ostream& os, const checker::StepView& v, std::size_t taken);

// How choice `i` of `v` reads in a list or a message: "Thread-2" or "value 1".
std::string choice_name(const checker::StepView& v, std::size_t i);

}  // namespace weft::cli
