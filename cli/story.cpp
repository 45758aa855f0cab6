#include "cli/story.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

namespace weft::cli {

namespace {

constexpr std::size_t kLaneWidth = 4;  // columns each lane is indented by

// Operations whose result tells something even when it is 0: a timeout, a failed try, a value.
bool shows_result(const std::string& op, std::int64_t result) {
  static const char* const kValued[] = {"acquire", "wait",   "join",   "get",  "put",
                                        "load",    "choose", "random", "query"};
  return result != 0 || std::find(std::begin(kValued), std::end(kValued), op) != std::end(kValued);
}

std::string seconds(double t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", t);
  return buf;
}

std::string pad(std::size_t n) { return std::string(n, ' '); }

}  // namespace

void print_story(std::ostream& os, const std::vector<checker::TraceEvent>& events) {
  std::map<std::string, std::size_t> lane;  // by order of first appearance
  std::size_t name_w = 0, time_w = 0, step_w = 0;
  for (const checker::TraceEvent& e : events) {
    lane.emplace(e.thread, lane.size());
    name_w = std::max(name_w, e.thread.size());
    time_w = std::max(time_w, seconds(e.time).size());
    step_w = std::max(step_w, std::to_string(e.step).size());
  }
  for (const checker::TraceEvent& e : events) {
    const std::string t = seconds(e.time);
    const std::string step = std::to_string(e.step);
    os << "t=" << pad(time_w - t.size()) << t << "  #" << step << pad(step_w - step.size() + 2)
       << pad(lane[e.thread] * kLaneWidth) << e.thread << pad(name_w - e.thread.size() + 2)
       << e.op;
    if (!e.object.empty()) os << " " << e.object;
    if (shows_result(e.op, e.result)) os << " -> " << e.result;
    os << "\n";
  }
}

}  // namespace weft::cli
