// A live status line on the terminal while a search runs: executions, distinct outcomes, states
// cached, the rate, the time spent and, when the strategy can estimate how far it is, the time
// left. Drawn on stderr when stderr is a terminal (and not --quiet), over and over on one line,
// and erased before the report is printed. A search that its own estimate says cannot finish in
// time is said so, on stderr, with what answers sooner.
#pragma once

#include <cstdint>
#include <string>

#include "checker/explore.hpp"
#include "cli/args.hpp"

namespace weft::cli {

// Whether to draw a status line.
enum class StatusMode {
  Auto,   // when stderr is a terminal
  Quiet,  // never (--quiet); nor the warning that a search looks too large
};
inline StatusMode status_mode(bool quiet) { return quiet ? StatusMode::Quiet : StatusMode::Auto; }

class StatusLine {
 public:
  // While it lives, the searches of `opt` (of `p`) report to this line (opt.on_progress),
  // which draws on stderr as `mode` says, counting `unit`s ("run" for fuzzing). `opt` must
  // outlive it.
  StatusLine(checker::Options& opt, const Prepared& p, StatusMode mode,
             std::string unit = "execution");
  // Erases the line, and takes the sink out of `opt` again.
  ~StatusLine();
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

  // Takes the line off the terminal (before a report is printed); the next report draws it
  // again.
  void erase();

 private:
  void show(const checker::Progress& p);
  void warn_if_too_large(const checker::Progress& p);

  checker::Options& opt_;
  std::string unit_;
  std::string label_;  // "rlock threads=10"
  std::string name_;   // "rlock"
  bool draw_ = false;    // stderr is a terminal and not quiet
  bool warn_ = false;    // not quiet
  bool drawn_ = false;   // a line is on the terminal now
  bool warned_ = false;  // the warning was given
  double time_budget_ = 0;
  std::uint64_t max_executions_ = 0;
};

// The text of the status line (without the label): "1234 executions (45.1k/s), 20 outcomes,
// 27 s, ~12% done, ~3.5 min left".
std::string status_text(const checker::Progress& p, const std::string& unit = "execution");
// "27 s", "3.5 min", "2.1 h", "4.0 days", "12 years".
std::string duration_text(double seconds);

}  // namespace weft::cli
