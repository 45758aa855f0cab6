#include "cli/why_not_report.hpp"

namespace weft::cli {

std::string shown_line(const std::string& line) {
  if (!line.empty() && line.back() == '\n') return line.substr(0, line.size() - 1);
  return line + "  (no newline at the end)";
}

namespace {

std::string lines_word(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " line" : " lines");
}

// The lines executions print after the prefix, one a line, the end of output last.
void print_instead(std::ostream& os, const checker::WhyNot& why) {
  for (const std::string& line : why.instead) os << "  " << shown_line(line) << "\n";
  if (why.end_instead) os << "  (end of output)\n";
}

}  // namespace

void print_why_not(std::ostream& os, const checker::WhyNot& why, bool complete,
                   const std::string& trace) {
  if (!why.seen) return;
  // A complete search speaks of every execution; an incomplete one of those it ran.
  const std::string some = complete ? "an execution prints" : "an execution run so far printed";
  const std::string none = complete ? "no execution prints" : "no execution run so far printed";
  const std::string others = complete ? "executions print" : "executions run so far printed";
  os << (complete ? "why not:" : "why not, as observed (the search was incomplete):");
  if (!why.wanted && why.end_instead) {
    // Every line of the stdout came, and ended there: the files asked for are what differs.
    os << " " << some << " the whole stdout, but none with the files asked for\n";
  } else {
    const std::size_t k = why.prefix.size();
    if (k == 0)
      os << " " << none << " its first line\n";
    else
      os << " the longest prefix of it that " << some << " is " << lines_word(k) << ":\n";
    for (const std::string& line : why.prefix) os << "  " << shown_line(line) << "\n";
    if (why.wanted)
      os << "line " << k + 1 << " cannot come " << (k == 0 ? "first" : "next") << ": "
         << shown_line(*why.wanted) << "\n";
    else
      os << "its end cannot come next\n";
    os << others << " there instead:\n";
    print_instead(os, why);
  }
  os << "closest execution: " << trace << "  (weft replay " << trace << ")\n";
}

}  // namespace weft::cli
