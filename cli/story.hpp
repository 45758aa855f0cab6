// An execution told as a story: one line per visible operation, with its virtual time and step,
// each thread in its own lane (indented by the order threads first appear) so that the columns
// read as threads and the lines as time.
#pragma once

#include <ostream>
#include <vector>

#include "checker/trace.hpp"

namespace weft::cli {

// Prints `events` as the story, each operation with what it did and how it waited
// (cli/steps.hpp): "t=0.000  #13          Thread-2    print \"Thread-2 got A\"".
void print_story(std::ostream& os, const std::vector<checker::TraceEvent>& events);

}  // namespace weft::cli
