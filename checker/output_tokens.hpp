// The state graph recorded with symmetry (checker/output_graph.hpp) cut into lines, one step per
// line, each line a template of the interchangeable threads it names (checker/output_names.hpp):
// what the counts with symmetry (checker/output_count_sym.cpp, checker/output_count_orbit.cpp)
// walk.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/output_graph.hpp"
#include "checker/output_names.hpp"

namespace weft::checker {

constexpr std::uint32_t kSilent = std::numeric_limits<std::uint32_t>::max();

// The graph with every label cut into lines, one step per line, each line a template of the
// names it prints (Names). A step leaves a node in the frame of the state it leaves: the threads
// a line names are canonical labels there, and `rename` takes the canonical labels of the node
// it reaches to those of the frame it left (identity within a label's chain of lines).
class Tokenized {
 public:
  struct Step {
    std::uint32_t tmpl;  // kSilent: printed nothing
    std::vector<Id> refs;
    std::uint32_t to;
    std::uint32_t rename;
  };

  Tokenized(const OutputGraph& g, Names& names, Renamings& r, std::string& why_not)
      : next_(g.states()), ends_(g.states()) {
    const std::vector<OutputGraph::Edge> edges = g.distinct_edges();
    for (const OutputGraph::Edge& e : edges) {
      if (e.ends && !names.plain(g.end_texts[e.to])) {
        why_not = "an outcome's end names an interchangeable thread";
        return;
      }
      if (!add(g, e, names, r, why_not)) return;
    }
  }

  const std::vector<Step>& next(std::uint32_t x) const { return next_[x]; }
  const std::vector<std::uint32_t>& ends(std::uint32_t x) const { return ends_[x]; }

 private:
  bool add(const OutputGraph& g, const OutputGraph::Edge& e, Names& names, Renamings& r,
           std::string& why_not) {
    std::string_view label = g.labels[e.label];
    const std::vector<sim::ThreadId>& from = g.frames[e.from_frame];
    std::uint32_t at = e.from;
    while (!label.empty()) {
      const std::size_t end = label.find('\n');
      if (end == std::string_view::npos) {
        why_not = "something printed is not whole lines";
        return false;
      }
      Names::Parsed p = names.parse(label.substr(0, end + 1));
      if (!p.why_not.empty()) {
        why_not = p.why_not;
        return false;
      }
      for (Id& id : p.refs) id = id < from.size() ? static_cast<Id>(from[id]) : id;
      label.remove_prefix(end + 1);
      const bool last = label.empty() && !e.ends;
      const std::uint32_t to = last ? e.to : fresh();
      const std::uint32_t rename = last ? r.between(from, g.frames[e.to_frame]) : 0;
      next_[at].push_back(Step{tmpl(p.tmpl), std::move(p.refs), to, rename});
      at = to;
    }
    if (e.ends) {
      ends_[at].push_back(e.to);
    } else if (at == e.from) {
      next_[at].push_back(Step{kSilent, {}, e.to, r.between(from, g.frames[e.to_frame])});
    }
    return true;
  }
  std::uint32_t fresh() {
    next_.emplace_back();
    ends_.emplace_back();
    return static_cast<std::uint32_t>(next_.size() - 1);
  }
  std::uint32_t tmpl(const std::string& t) {
    return tmpls_.try_emplace(t, static_cast<std::uint32_t>(tmpls_.size())).first->second;
  }

  std::vector<std::vector<Step>> next_;
  std::vector<std::vector<std::uint32_t>> ends_;
  std::unordered_map<std::string, std::uint32_t> tmpls_;
};

// The count per orbit (checker/output_count_orbit.cpp) over a graph whose whole output set is
// invariant under renaming the threads of each class (OutputGraph::orbits).
bool count_orbits(const OutputGraph& g, const Tokenized& t, Renamings& r,
                  const CountLimits& limits, Count& count, std::uint64_t& sets,
                  std::string& why_not);

}  // namespace weft::checker
