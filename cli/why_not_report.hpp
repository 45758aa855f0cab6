// weft possible's why-not as text: the longest prefix of the output some execution prints, the
// line that cannot come next, what comes there instead, and the trace of an execution that
// gets that far.
#pragma once

#include <ostream>
#include <string>

#include "checker/why_not.hpp"

namespace weft::cli {

// `complete`: the search was complete, so the answer is exact; otherwise it is labelled as what
// the executions run so far showed. `trace`: where the closest execution's trace was written.
void print_why_not(std::ostream& os, const checker::WhyNot& why, bool complete,
                   const std::string& trace);

// A line as the report shows it: without its newline, or marked as having none.
std::string shown_line(const std::string& line);

}  // namespace weft::cli
