// The why-not of weft possible (checker/why_not.hpp): comparisons in whole lines, since a line is
// what a learner reads and what the answer names.
#include "checker/why_not.hpp"

#include <algorithm>

#include "checker/guided.hpp"
#include "checker/in_flight.hpp"

namespace weft::checker {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

bool astray_by_a_line(const std::string& shown, const std::string& want) {
  const auto [s, w] = std::mismatch(shown.begin(), shown.end(), want.begin(), want.end());
  if (s == shown.end()) return false;  // still a prefix of the target
  // The line where they part must be whole in `shown` for its text to be known.
  return std::find(s, shown.end(), '\n') != shown.end();
}

void WhyNotWatch::saw(const std::string& shown, bool ended, const Schedule& schedule) {
  const std::vector<std::string> lines = lines_of(shown);
  std::size_t k = 0;
  while (k < lines.size() && k < want_.size() && lines[k] == want_[k]) ++k;
  const bool ends_here = k == lines.size();
  // An abandoned execution always has a line after its prefix; an ended one may not.
  if (ends_here && !ended) return;
  if (!why_.seen || k > why_.prefix.size()) {
    why_.seen = true;
    why_.prefix.assign(want_.begin(), want_.begin() + static_cast<std::ptrdiff_t>(k));
    why_.wanted = k < want_.size() ? std::optional<std::string>(want_[k]) : std::nullopt;
    why_.instead.clear();
    why_.end_instead = false;
    why_.closest = schedule;
  } else if (k < why_.prefix.size()) {
    return;
  }
  if (ends_here)
    why_.end_instead = true;
  else
    why_.instead.insert(lines[k]);
}

void complete_closest(WhyNot& why, sim::Runtime& rt, const std::function<void()>& body,
                      const sim::ExecutionSetup& setup) {
  const Plan plan = plan_of(why.closest);
  GuidedStrategy guide(plan, plan.size());
  note_execution(guide.schedule(), setup);
  why.closest_outcome = rt.execute(body, guide, setup);
  why.closest = guide.schedule();
}

}  // namespace weft::checker
