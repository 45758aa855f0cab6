// The state graph of the output count (checker/output_graph.hpp) cut into lines, one step per
// line printed, for what is computed over every path of it without listing the outputs: the
// description of the output set (checker/output_describe.hpp) and samples of it.
//
// A graph recorded with symmetry holds one state per orbit. A *member* (x, m) is the state x
// with its canonical thread labels renamed by m to thread ids; from the root (kRoot, identity),
// a step from (x, m) that prints line l (in x's labels) prints m(l) and reaches (y, m∘ρ), ρ the
// step's renaming (y's labels to x's). So what every path from (x, m) prints is m applied to
// what every path from (x, identity) prints — what lets facts about the paths from a state be
// computed once per state and renamed (docs/state-caching.md, "Describing the output set").
// Without symmetry every renaming is the identity and a line is its text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/output_graph.hpp"
#include "checker/output_names.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

class LineGraph {
 public:
  static constexpr std::uint32_t kNoLine = UINT32_MAX;  // a step that prints nothing
  struct Step {
    std::uint32_t line;    // in the labels of the node it leaves, or kNoLine
    std::uint32_t to;      // a node
    std::uint32_t rename;  // Renamings id: the labels of `to` to those of the node it leaves
  };

  // Fails (why_not()) when something printed is not whole lines, or with symmetry when a line
  // or an end cannot be renamed (as the symmetric count checks).
  LineGraph(const OutputGraph& g, bool symmetric);
  const std::string& why_not() const { return why_not_; }

  std::size_t nodes() const { return steps_.size(); }
  const std::vector<Step>& steps(std::uint32_t x) const { return steps_[x]; }
  const std::vector<std::uint32_t>& ends(std::uint32_t x) const { return ends_[x]; }
  // Whether some path from x reaches an end: the only paths that are outputs.
  bool live(std::uint32_t x) const { return live_[x]; }

  // Lines, each a template and the canonical labels it names (none without symmetry).
  std::size_t lines() const { return lines_.size(); }
  // Line `l` renamed by renaming `r` (a new line when not met before).
  std::uint32_t renamed(std::uint32_t l, std::uint32_t r);
  // Line `l` as printed with canonical label k naming thread `perm`[k], without its newline.
  std::string text(std::uint32_t l, std::uint32_t perm = 0) const;
  // Adds every line some renaming used by a step makes of a line (so that lines() stops
  // growing); false when there would be more than `max`.
  bool close_lines(std::size_t max);
  Renamings& renamings() { return renamings_; }
  // The end `e` as an outcome with stdout `out` (OutputGraph::end wrote it out).
  sim::Outcome outcome(std::uint32_t e, std::string out) const;
  sim::Status status(std::uint32_t e) const {
    return static_cast<sim::Status>(graph_.end_texts[e][0]);
  }

 private:
  struct Line {
    std::string tmpl;
    std::vector<Id> refs;
  };
  std::uint32_t line(std::string tmpl, std::vector<Id> refs);
  bool add(const OutputGraph::Edge& e);
  std::uint32_t fresh();
  void find_live();

  const OutputGraph& graph_;
  bool symmetric_;
  std::optional<Names> names_;
  Renamings renamings_;
  std::vector<std::vector<Step>> steps_;
  std::vector<std::vector<std::uint32_t>> ends_;
  std::vector<bool> live_;
  std::vector<Line> lines_;
  std::unordered_map<std::string, std::uint32_t> line_ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> renamed_;
  std::string why_not_;
};

}  // namespace weft::checker
