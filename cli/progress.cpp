#include "cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace weft::cli {

namespace {

// Seconds of search before its estimate is trusted enough to warn on, and how long a search
// without a time budget may take before it is "too large": about what a user waits for at a
// terminal before wondering.
constexpr double kProbeSeconds = 2;
constexpr double kPatience = 60;

// Writes all of `text` to stderr in as few writes as it takes: one, mostly, so that a line is
// never drawn halfway.
void write_stderr(const std::string& text) {
  const char* p = text.data();
  std::size_t n = text.size();
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Columns of the terminal on stderr; 80 when it does not say.
std::size_t columns() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

// "1234567" -> "1.23M", for rates and counts that change too fast to read digit by digit.
std::string short_number(double x) {
  const char* units[] = {"", "k", "M", "G", "T", "P", "E"};
  std::size_t u = 0;
  while (x >= 1000 && u + 1 < std::size(units)) x /= 1000, ++u;
  std::ostringstream os;
  os.precision(x < 10 && u > 0 ? 2 : 3);
  os << x << units[u];
  return os.str();
}

// "12%", or "0.0012%" below one per cent.
std::string percent(double fraction) {
  std::ostringstream os;
  os.precision(2);
  if (fraction >= 0.01) os << std::round(fraction * 100) << "%";
  else os << fraction * 100 << "%";
  return os.str();
}

// "rlock threads=10"
std::string label_of(const Prepared& p) {
  std::string s = p.scenario->name;
  for (const auto& [k, v] : p.params.values()) s += " " + k + "=" + v;
  return s;
}

}  // namespace

std::string duration_text(double seconds) {
  std::ostringstream os;
  os.precision(2);
  if (seconds < 60) return std::to_string(static_cast<long long>(seconds)) + " s";
  const double minutes = seconds / 60, hours = minutes / 60, days = hours / 24, years = days / 365;
  if (minutes < 60) os << std::fixed << std::setprecision(1) << minutes << " min";
  else if (hours < 48) os << std::fixed << std::setprecision(1) << hours << " h";
  else if (days < 365) os << std::fixed << std::setprecision(0) << days << " days";
  else if (years < 1e6) os << std::fixed << std::setprecision(0) << years << " years";
  else os << "more than a million years";
  return os.str();
}

std::string status_text(const checker::Progress& p, const std::string& unit) {
  std::string s = std::to_string(p.executions) + " " + unit + (p.executions == 1 ? "" : "s");
  if (p.seconds > 0)
    s += " (" + short_number(static_cast<double>(p.executions) / p.seconds) + "/s)";
  if (p.distinct > 0)
    s += ", " + std::to_string(p.distinct) + (p.distinct == 1 ? " outcome" : " outcomes");
  if (p.states > 0) s += ", " + std::to_string(p.states) + " states cached";
  s += ", " + duration_text(p.seconds);
  // Below a hundredth of a per cent the fraction says nothing the time left does not.
  if (p.explored >= 1e-4 && p.explored < 1) s += ", ~" + percent(p.explored) + " done";
  if (p.explored > 0 && p.explored < 1)
    s += ", ~" + duration_text(p.seconds * (1 - p.explored) / p.explored) + " left";
  return s;
}

StatusLine::StatusLine(checker::Options& opt, const Prepared& p, StatusMode mode,
                       std::string unit)
    : opt_(opt),
      unit_(std::move(unit)),
      label_(label_of(p)),
      name_(p.scenario->name),
      draw_(mode == StatusMode::Auto && ::isatty(STDERR_FILENO) == 1),
      warn_(mode != StatusMode::Quiet),
      time_budget_(opt.time_budget),
      max_executions_(opt.max_executions) {
  if (!draw_ && !warn_) return;
  opt.on_progress = [this](const checker::Progress& now) {
    warn_if_too_large(now);
    show(now);
  };
}

StatusLine::~StatusLine() {
  erase();
  opt_.on_progress = nullptr;
}

void StatusLine::show(const checker::Progress& p) {
  if (!draw_) return;
  std::string line = label_ + ": " + status_text(p, unit_);
  // A line longer than the terminal wraps, and "\r" would then go back to its last part only.
  const std::size_t width = columns();
  if (line.size() >= width) line.resize(width - 1);
  write_stderr("\r" + line + "\033[K");
  drawn_ = true;
}

void StatusLine::erase() {
  if (!drawn_) return;
  write_stderr("\r\033[K");
  drawn_ = false;
}

// Once, after kProbeSeconds: the time and the executions the whole search would take at the
// rate so far, from the explored fraction, against what it is allowed.
void StatusLine::warn_if_too_large(const checker::Progress& p) {
  if (!warn_ || warned_ || p.seconds < kProbeSeconds) return;
  if (!(p.explored > 0 && p.explored < 1)) return;
  warned_ = true;
  const double seconds = p.seconds / p.explored;
  const double executions = static_cast<double>(p.executions) / p.explored;
  std::string cut;
  if (executions > static_cast<double>(max_executions_))
    cut = "--max-executions " + std::to_string(max_executions_) + " will cut it short";
  else if (time_budget_ > 0 && seconds > time_budget_)
    cut = "--time-budget " + duration_text(time_budget_) + " will cut it short";
  else if (time_budget_ <= 0 && seconds > kPatience)
    cut = "longer than a minute";
  else
    return;
  std::ostringstream os;
  os << "weft: " << label_ << ": this search looks too large to finish: "
     << duration_text(p.seconds) << " in, about " << short_number(executions)
     << " executions and " << duration_text(seconds)
     << " in all (a rough estimate from the part explored); " << cut << ".\n"
     << "weft: answers that come sooner: smaller parameters (weft describe " << name_
     << " lists them); weft possible " << name_
     << " --stdout FILE (can it print that one output?); or Ctrl-C, which ends the search "
        "with the report of what it found so far.\n";
  erase();
  write_stderr(os.str());
}

}  // namespace weft::cli
