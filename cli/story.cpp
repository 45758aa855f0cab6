#include "cli/story.hpp"

#include <algorithm>
#include <string>

#include "cli/steps.hpp"

namespace weft::cli {

namespace {

constexpr std::size_t kLaneWidth = 4;  // columns each lane is indented by

std::string pad(std::size_t n) { return std::string(n, ' '); }

}  // namespace

void print_story(std::ostream& os, const std::vector<checker::TraceEvent>& events) {
  const Steps steps = read_steps(events);
  std::size_t name_w = 0, time_w = 0, step_w = 0;
  for (const checker::TraceEvent& e : events) {
    name_w = std::max(name_w, e.thread.size());
    time_w = std::max(time_w, seconds(e.time).size());
    step_w = std::max(step_w, std::to_string(e.step).size());
  }
  for (const Step& s : steps.steps) {
    const checker::TraceEvent& e = *s.event;
    const std::string t = seconds(e.time);
    const std::string step = std::to_string(e.step);
    os << "t=" << pad(time_w - t.size()) << t << "  #" << step << pad(step_w - step.size() + 2)
       << pad(s.lane * kLaneWidth) << e.thread << pad(name_w - e.thread.size() + 2) << s.action;
    if (s.waited) os << "  [" << s.wait_note << "]";
    os << "\n";
  }
}

}  // namespace weft::cli
