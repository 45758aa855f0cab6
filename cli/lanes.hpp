// An execution drawn as swimlanes in the terminal: a column per thread, a row per step, virtual
// time on the left. Between its steps a thread's column says whether it can run ("|"), waits
// (":", with what for and who holds it) or sleeps ("~"); a step that lets a waiting thread go
// names it ("wakes", "hands over to"), and the woken step names its waker. A deadlock or a
// livelock ends the picture with a row that marks every stuck thread, and the wait-for cycle
// below it. Long text folds inside its column so that the picture fits the width.
#pragma once

#include <cstddef>
#include <ostream>
#include <vector>

#include "checker/trace.hpp"
#include "sim/outcome.hpp"

namespace weft::cli {

struct LaneStyle {
  std::size_t width = 80;  // columns the picture may take
  bool colour = false;     // ANSI colours: waits, wakes and the stuck threads stand out
};

// Draws `events`, which ended as `outcome`.
void print_lanes(std::ostream& os, const std::vector<checker::TraceEvent>& events,
                 const sim::Outcome& outcome, const LaneStyle& style);

// Colour for standard output: only on a terminal, and never when NO_COLOR is set (no-color.org).
bool colour_on_stdout();

}  // namespace weft::cli
