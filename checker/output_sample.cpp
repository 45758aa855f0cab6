// Samples of a program's outputs drawn from the state graph of the output count
// (checker/output_describe.hpp, sample_graph).
#include <algorithm>
#include <optional>

#include "checker/output_describe.hpp"
#include "checker/output_lines.hpp"
#include "checker/rng.hpp"

namespace weft::checker {

std::vector<sim::Outcome> sample_graph(const OutputGraph& g, bool symmetric, std::size_t k,
                                       std::uint64_t seed,
                                       const std::function<bool(const sim::Outcome&)>& skip) {
  std::vector<sim::Outcome> drawn;
  LineGraph lg(g, symmetric);
  if (!lg.why_not().empty() || !lg.live(OutputGraph::kRoot)) return drawn;
  Rng rng(seed);
  // A walk may draw an output already drawn: a bounded number of tries.
  const std::size_t tries = 20 * k + 20;
  const std::size_t longest = 64 * lg.nodes() + 64;  // a walk round a cycle ends, with chance
  for (std::size_t t = 0; t < tries && drawn.size() < k; ++t) {
    std::string out;
    std::uint64_t m = 0;
    std::uint32_t x = OutputGraph::kRoot;
    std::optional<sim::Outcome> o;
    for (std::size_t steps = 0; steps < longest && !o; ++steps) {
      std::vector<const LineGraph::Step*> ways;
      for (const LineGraph::Step& s : lg.steps(x))
        if (lg.live(s.to)) ways.push_back(&s);
      const std::size_t pick = rng.below(ways.size() + lg.ends(x).size());
      if (pick >= ways.size()) {
        o = lg.outcome(lg.ends(x)[pick - ways.size()], std::move(out));
        break;
      }
      const LineGraph::Step& s = *ways[pick];
      if (s.line != LineGraph::kNoLine) out += lg.text(s.line, static_cast<std::uint32_t>(m)) + "\n";
      m = lg.renamings().compose(m, s.rename);
      x = s.to;
    }
    if (!o || skip(*o)) continue;
    const bool again = std::any_of(drawn.begin(), drawn.end(),
                                   [&](const sim::Outcome& d) { return d.same_as(*o); });
    if (!again) drawn.push_back(*std::move(o));
  }
  return drawn;
}

}  // namespace weft::checker
