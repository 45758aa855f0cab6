#include "cli/lanes.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "cli/lanes_rows.hpp"
#include "cli/report.hpp"
#include "cli/text_width.hpp"

namespace weft::cli {

namespace {

const char* ansi(Look look) {
  switch (look) {
    case Look::Wait: return "\x1b[33m";
    case Look::Wake: return "\x1b[36m";
    case Look::Stuck: return "\x1b[1;31m";
    default: return "";
  }
}

std::string pad(std::size_t n) { return std::string(n, ' '); }

void trim_end(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

// "Thread-1 waits for Lock mutexA, held by Thread-2, which waits for ..., held by Thread-1".
std::string cycle_text(const sim::Outcome& o) {
  const auto cycle = wait_cycle(o);
  if (cycle.empty()) return {};
  std::string s = cycle.front()->thread;
  for (std::size_t i = 0; i < cycle.size(); ++i)
    s += std::string(i ? ", which" : "") + " waits for " + cycle[i]->object + ", held by " +
         cycle[(i + 1) % cycle.size()]->thread;
  return s;
}

class Drawing {
 public:
  Drawing(std::ostream& os, const LaneStyle& style, std::size_t time_w, std::size_t step_w,
          std::size_t lanes)
      : os_(os), style_(style), time_w_(time_w), step_w_(step_w) {
    const std::size_t fixed = time_w + 1 + step_w + 2 + (lanes - 1);
    lane_w_ = std::max<std::size_t>(kNarrowest, style.width > fixed
                                                    ? (style.width - fixed) / lanes
                                                    : kNarrowest);
  }

  void row(const Row& r) {
    std::vector<std::vector<std::string>> folded;
    std::size_t height = 1;
    for (const Cell& c : r.cells) {
      folded.push_back(c.text.empty() ? std::vector<std::string>{} : fold(c.text, lane_w_));
      height = std::max(height, folded.back().size());
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::string line = k == 0 ? r.time + pad(time_w_ - r.time.size()) + " " + r.step +
                                      pad(step_w_ - r.step.size())
                                : pad(time_w_ + 1 + step_w_);
      line += "  ";
      for (std::size_t l = 0; l < r.cells.size(); ++l) {
        const Cell& c = r.cells[l];
        std::string text = k < folded[l].size() ? folded[l][k]
                           : c.marker != ' '    ? std::string(1, c.marker)
                                                : std::string();
        const std::size_t w = display_width(text);
        if (style_.colour && !text.empty() && *ansi(c.look) != '\0')
          text = ansi(c.look) + text + "\x1b[0m";
        line += (l ? " " : "") + text + pad(lane_w_ - std::min(w, lane_w_));
      }
      trim_end(line);
      os_ << line << "\n";
    }
  }

  void header(const std::vector<std::string>& threads) {
    Row names{"time", "step", {}};
    Row rules{std::string(time_w_, '-'), std::string(step_w_, '-'), {}};
    for (const std::string& t : threads) {
      names.cells.push_back({t, Look::Plain, ' '});
      rules.cells.push_back({std::string(std::min(lane_w_, display_width(t)), '-'), Look::Plain,
                             ' '});
    }
    row(names);
    row(rules);
  }

  // Text under the picture, folded to its width.
  void note(const std::string& text) {
    for (const std::string& line : fold(text, std::max<std::size_t>(style_.width, kNarrowest)))
      os_ << line << "\n";
  }

 private:
  static constexpr std::size_t kNarrowest = 12;  // a lane narrower than this reads as noise
  std::ostream& os_;
  const LaneStyle& style_;
  std::size_t time_w_, step_w_, lane_w_ = kNarrowest;
};

}  // namespace

void print_lanes(std::ostream& os, const std::vector<checker::TraceEvent>& events,
                 const sim::Outcome& outcome, const LaneStyle& style) {
  const LaneRows lanes = lane_rows(events, outcome);
  if (lanes.threads.empty()) {
    os << "(no steps)\n";
    return;
  }
  const std::vector<Row>& rows = lanes.rows;
  std::size_t time_w = 4, step_w = 4;
  for (const Row& r : rows) {
    time_w = std::max(time_w, r.time.size());
    step_w = std::max(step_w, r.step.size());
  }
  Drawing d(os, style, time_w, step_w, lanes.threads.size());
  d.header(lanes.threads);
  for (const Row& r : rows) d.row(r);
  os << "\n";
  if (outcome.status == sim::Status::Deadlock) {
    const std::string cycle = cycle_text(outcome);
    if (!cycle.empty()) d.note("deadlock: " + cycle);
  }
  d.note("| can run   : waits   ~ sleeps   #N the Nth step; times are virtual seconds");
}

bool colour_on_stdout() {
  const char* no = std::getenv("NO_COLOR");
  return (no == nullptr || *no == '\0') && isatty(STDOUT_FILENO) == 1;
}

}  // namespace weft::cli
