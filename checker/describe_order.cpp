// The "always before" order of a Description, made short: lines with the same lines before and
// after them are one group, and only the edges no other group stands between are kept (the
// transitive reduction, or Hasse diagram, of a partial order: Aho, Garey and Ullman, "The
// Transitive Reduction of a Directed Graph", SIAM J. Comput. 1972). A chain of such edges is how
// the order is printed: daemon's 123, 456, main------- before end123 before end456.
#include <algorithm>
#include <cstdint>
#include <map>

#include "checker/describe.hpp"

namespace weft::checker {

namespace {

using Bits = std::vector<bool>;

// Groups of lines with equal (lines before, lines after), in order of their first line; lines
// in no relation at all are left out.
std::vector<std::vector<std::size_t>> group_lines(const std::vector<Bits>& before) {
  const std::size_t n = before.size();
  std::map<std::pair<Bits, Bits>, std::size_t> index;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t a = 0; a < n; ++a) {
    Bits preds(n), succs(n);
    bool any = false;
    for (std::size_t b = 0; b < n; ++b) {
      preds[b] = before[b][a];
      succs[b] = before[a][b];
      any = any || preds[b] || succs[b];
    }
    if (!any) continue;
    auto [it, added] = index.emplace(std::make_pair(std::move(preds), std::move(succs)),
                                     groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(a);
  }
  return groups;
}

}  // namespace

void describe_order(Description& d, const std::vector<Bits>& before) {
  d.order_groups = group_lines(before);
  const std::size_t g = d.order_groups.size(), words = (g + 63) / 64;
  // Row i, bit j: group i before group j. Members of a group relate alike to every other line:
  // the first one speaks for it.
  std::vector<std::uint64_t> after(g * words, 0);
  for (std::size_t i = 0; i < g; ++i)
    for (std::size_t j = 0; j < g; ++j)
      if (before[d.order_groups[i].front()][d.order_groups[j].front()])
        after[i * words + j / 64] |= std::uint64_t{1} << (j % 64);
  const auto bit = [&](std::size_t i, std::size_t j) {
    return (after[i * words + j / 64] >> (j % 64)) & 1;
  };
  d.order_edges.clear();
  d.order_transitive = true;
  std::vector<std::uint64_t> through(words);  // groups two steps after i
  for (std::size_t i = 0; i < g; ++i) {
    std::fill(through.begin(), through.end(), 0);
    for (std::size_t k = 0; k < g; ++k)
      if (bit(i, k))
        for (std::size_t w = 0; w < words; ++w) through[w] |= after[k * words + w];
    for (std::size_t j = 0; j < g; ++j) {
      const bool two_steps = (through[j / 64] >> (j % 64)) & 1;
      if (two_steps && !bit(i, j)) d.order_transitive = false;
      if (bit(i, j) && !two_steps) d.order_edges.emplace_back(i, j);
    }
  }
}

std::vector<std::vector<std::size_t>> order_chains(const Description& d) {
  const std::size_t g = d.order_groups.size();
  std::vector<std::size_t> in(g, 0), out(g, 0), out_edge(g, 0);
  for (std::size_t e = 0; e < d.order_edges.size(); ++e) {
    const auto [a, b] = d.order_edges[e];
    ++in[b];
    ++out[a];
    out_edge[a] = e;  // the one edge out of an inner group
  }
  const auto inner = [&](std::size_t v) { return in[v] == 1 && out[v] == 1; };
  std::vector<std::vector<std::size_t>> chains;
  std::vector<bool> used(d.order_edges.size(), false);
  // First from every edge leaving a group that is not inside a chain, then (a cycle of inner
  // groups, possible only when the order is not transitive) from any edge left.
  for (const bool any : {false, true}) {
    for (std::size_t e = 0; e < d.order_edges.size(); ++e) {
      const auto [a, b] = d.order_edges[e];
      if (used[e] || (!any && inner(a))) continue;
      used[e] = true;
      std::vector<std::size_t> chain{a, b};
      for (std::size_t at = b; inner(at) && at != a;) {
        used[out_edge[at]] = true;
        at = d.order_edges[out_edge[at]].second;
        chain.push_back(at);
      }
      chains.push_back(std::move(chain));
    }
  }
  return chains;
}

}  // namespace weft::checker
