#include "describe_brute.hpp"

#include <sstream>

namespace weft::test {

namespace {

std::string label(const std::string& text, int k) {
  if (k == 1) return text;
  const char* suffix = k == 2 ? "nd" : k == 3 ? "rd" : "th";  // fewer than 21 in these tests
  return text + " (" + std::to_string(k) + suffix + ")";
}

// An outcome's lines as labels, in order: the k-th copy of a text is its own line.
std::vector<std::string> labels(const std::string& out) {
  std::vector<std::string> lines;
  std::map<std::string, int> seen;
  std::string line;
  std::istringstream in(out);
  while (std::getline(in, line)) lines.push_back(label(line, ++seen[line]));
  return lines;
}

}  // namespace

BruteDescription describe_by_brute_force(const std::vector<checker::OutcomeGroup>& all) {
  BruteDescription b;
  std::vector<std::map<std::string, std::size_t>> pos;  // per outcome: line -> position
  std::set<std::string> names;
  for (const auto& g : all) {
    ++b.total;
    ++b.statuses[static_cast<int>(g.outcome.status)];
    const auto lines = labels(g.outcome.out);
    pos.emplace_back();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      pos.back()[lines[i]] = i;
      ++b.outcomes[lines[i]];
      b.executions[lines[i]] += g.count;
      names.insert(lines[i]);
    }
  }
  // a before b: printed together somewhere, a first wherever both are printed.
  const auto before = [&](const std::string& x, const std::string& y) {
    bool together = false;
    if (x == y) return false;
    for (const auto& p : pos) {
      if (!p.count(x) || !p.count(y)) continue;
      together = true;
      if (p.at(x) > p.at(y)) return false;
    }
    return together;
  };
  // b glued after a: every outcome printing either prints both, b right after a.
  const auto glued = [&](const std::string& x, const std::string& y) {
    for (const auto& p : pos) {
      if (p.count(x) != p.count(y)) return false;
      if (p.count(x) && p.at(y) != p.at(x) + 1) return false;
    }
    return x != y;
  };
  for (const auto& a : names) {
    bool has_glued_before = false;
    for (const auto& x : names) has_glued_before = has_glued_before || glued(x, a);
    if (has_glued_before) continue;
    std::vector<std::string> block{a};
    for (bool more = true; more;) {
      more = false;
      for (const auto& y : names)
        if (glued(block.back(), y)) {
          block.push_back(y);
          more = true;
          break;
        }
    }
    if (block.size() > 1) b.blocks.insert(block);
  }
  // Groups: lines with the same lines before and after them, among lines in any relation.
  std::map<std::pair<std::set<std::string>, std::set<std::string>>, std::set<std::string>> by;
  for (const auto& a : names) {
    std::set<std::string> preds, succs;
    for (const auto& x : names) {
      if (before(x, a)) preds.insert(x);
      if (before(a, x)) succs.insert(x);
    }
    if (!preds.empty() || !succs.empty()) by[{preds, succs}].insert(a);
  }
  for (const auto& [key, group] : by) b.groups.insert(group);
  for (const auto& g : b.groups)
    for (const auto& h : b.groups) {
      if (!before(*g.begin(), *h.begin())) continue;
      bool between = false;
      for (const auto& k : b.groups)
        between = between || (before(*g.begin(), *k.begin()) && before(*k.begin(), *h.begin()));
      if (!between) b.edges.insert({g, h});
    }
  for (const auto& x : names)
    for (const auto& y : names)
      for (const auto& z : names)
        if (before(x, y) && before(y, z) && !before(x, z)) b.transitive = false;
  return b;
}

BruteDescription in_brute_terms(const checker::Description& d) {
  BruteDescription b;
  const auto name = [&](std::size_t i) { return checker::line_label(d.lines[i]); };
  b.total = static_cast<std::uint64_t>(d.outcomes);
  for (std::size_t s = 0; s < d.statuses.size(); ++s)
    if (d.statuses[s] != 0)
      b.statuses[static_cast<int>(s)] = static_cast<std::uint64_t>(d.statuses[s]);
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    b.outcomes[name(i)] = static_cast<std::uint64_t>(d.lines[i].outcomes);
    if (d.lines[i].executions) b.executions[name(i)] = *d.lines[i].executions;
  }
  for (const auto& block : d.blocks) {
    std::vector<std::string> names;
    for (const std::size_t i : block) names.push_back(name(i));
    b.blocks.insert(names);
  }
  std::vector<std::set<std::string>> groups;
  for (const auto& g : d.order_groups) {
    groups.emplace_back();
    for (const std::size_t i : g) groups.back().insert(name(i));
    b.groups.insert(groups.back());
  }
  for (const auto& [g, h] : d.order_edges) b.edges.insert({groups[g], groups[h]});
  b.transitive = d.order_transitive;
  return b;
}

}  // namespace weft::test
