#include "checker/output_lines.hpp"

#include <algorithm>
#include <tuple>

namespace weft::checker {

LineGraph::LineGraph(const OutputGraph& g, bool symmetric)
    : graph_(g),
      symmetric_(symmetric),
      renamings_(symmetric ? g.names.size() : 0),
      steps_(g.states()),
      ends_(g.states()) {
  if (symmetric_) {
    names_.emplace(g);
    why_not_ = names_->why_not();
    if (!why_not_.empty()) return;
  }
  const std::vector<OutputGraph::Edge> edges = g.distinct_edges();
  for (const OutputGraph::Edge& e : edges) {
    if (symmetric_ && e.ends && !names_->plain(g.end_texts[e.to])) {
      why_not_ = "an outcome's end names an interchangeable thread";
      return;
    }
    if (!add(e)) return;
  }
  if (symmetric_) why_not_ = names_->check_templates();
  if (why_not_.empty()) find_live();
}

std::uint32_t LineGraph::fresh() {
  steps_.emplace_back();
  ends_.emplace_back();
  return static_cast<std::uint32_t>(steps_.size() - 1);
}

std::uint32_t LineGraph::line(std::string tmpl, std::vector<Id> refs) {
  std::string key = tmpl;
  for (Id k : refs) key.append({'\n', static_cast<char>(k >> 8), static_cast<char>(k & 0xff)});
  const auto [it, added] = line_ids_.try_emplace(std::move(key), lines_.size());
  if (added) lines_.push_back(Line{std::move(tmpl), std::move(refs)});
  return it->second;
}

// As the counts cut an edge (checker/output_count_dp.cpp, output_count_sym.cpp): a chain of
// one step per line, the last reaching the edge's state (renamed) or a node that has its end.
bool LineGraph::add(const OutputGraph::Edge& e) {
  std::string_view label = graph_.labels[e.label];
  const std::vector<sim::ThreadId>& from = graph_.frames[e.from_frame];
  std::uint32_t at = e.from;
  while (!label.empty()) {
    const std::size_t end = label.find('\n');
    if (end == std::string_view::npos) {
      why_not_ = "something printed is not whole lines";
      return false;
    }
    std::uint32_t l = 0;
    if (symmetric_) {
      Names::Parsed p = names_->parse(label.substr(0, end + 1));
      if (!p.why_not.empty()) {
        why_not_ = p.why_not;
        return false;
      }
      for (Id& id : p.refs) id = id < from.size() ? static_cast<Id>(from[id]) : id;
      l = line(std::move(p.tmpl), std::move(p.refs));
    } else {
      l = line(std::string(label.substr(0, end + 1)), {});
    }
    label.remove_prefix(end + 1);
    const bool last = label.empty() && !e.ends;
    const std::uint32_t to = last ? e.to : fresh();
    const std::uint32_t rename =
        last && symmetric_ ? renamings_.between(from, graph_.frames[e.to_frame]) : 0;
    steps_[at].push_back(Step{l, to, rename});
    at = to;
  }
  if (e.ends) {
    ends_[at].push_back(e.to);
  } else if (at == e.from) {
    const std::uint32_t rename =
        symmetric_ ? renamings_.between(from, graph_.frames[e.to_frame]) : 0;
    steps_[at].push_back(Step{kNoLine, e.to, rename});
  }
  return true;
}

// Backwards from the nodes that have an end.
void LineGraph::find_live() {
  std::vector<std::vector<std::uint32_t>> preds(nodes());
  for (std::uint32_t x = 0; x < nodes(); ++x)
    for (const Step& s : steps_[x]) preds[s.to].push_back(x);
  live_.assign(nodes(), false);
  std::vector<std::uint32_t> todo;
  for (std::uint32_t x = 0; x < nodes(); ++x)
    if (!ends_[x].empty()) live_[x] = true, todo.push_back(x);
  while (!todo.empty()) {
    const std::uint32_t y = todo.back();
    todo.pop_back();
    for (std::uint32_t x : preds[y])
      if (!live_[x]) live_[x] = true, todo.push_back(x);
  }
}

std::uint32_t LineGraph::renamed(std::uint32_t l, std::uint32_t r) {
  if (r == 0 || lines_[l].refs.empty()) return l;
  const std::uint64_t key = static_cast<std::uint64_t>(r) << 32 | l;
  if (const auto it = renamed_.find(key); it != renamed_.end()) return it->second;
  const std::u16string& p = renamings_.at(r);
  std::vector<Id> refs = lines_[l].refs;
  for (Id& k : refs) k = static_cast<Id>(p[k]);
  const std::uint32_t to = line(lines_[l].tmpl, std::move(refs));
  renamed_.emplace(key, to);
  return to;
}

bool LineGraph::close_lines(std::size_t max) {
  std::vector<std::uint32_t> used;
  for (const auto& steps : steps_)
    for (const Step& s : steps)
      if (s.rename != 0) used.push_back(s.rename);
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  for (std::uint32_t l = 0; l < lines_.size(); ++l) {
    for (std::uint32_t r : used) {
      renamed(l, r);
      if (lines_.size() > max) return false;
    }
  }
  return true;
}

std::string LineGraph::text(std::uint32_t l, std::uint32_t perm) const {
  const Line& line = lines_[l];
  std::string t;
  if (line.refs.empty()) {
    t = line.tmpl;
  } else {
    std::vector<Id> refs = line.refs;
    const std::u16string& p = renamings_.at(perm);
    for (Id& k : refs) k = static_cast<Id>(p[k]);
    t = names_->render(line.tmpl, refs);
  }
  if (!t.empty() && t.back() == '\n') t.pop_back();
  return t;
}

// Reads back what OutputGraph::end wrote: the status, then each field as its length, ':' and
// its bytes (message, stderr, then each file's name and content).
sim::Outcome LineGraph::outcome(std::uint32_t e, std::string out) const {
  const std::string& w = graph_.end_texts[e];
  sim::Outcome o;
  o.status = static_cast<sim::Status>(w[0]);
  o.out = std::move(out);
  std::size_t at = 1;
  const auto field = [&] {
    const std::size_t colon = w.find(':', at);
    const std::size_t n = std::stoull(w.substr(at, colon - at));
    std::string s = w.substr(colon + 1, n);
    at = colon + 1 + n;
    return s;
  };
  o.message = field();
  o.err = field();
  while (at < w.size()) {
    std::string name = field();
    o.files[name] = field();
  }
  return o;
}

}  // namespace weft::checker
