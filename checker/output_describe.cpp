// The description by dataflow over the line graph (checker/output_lines.hpp). Each node x keeps,
// in its own labels, facts about the paths from x to an end: the lines some path prints (back),
// the lines every path prints (must), the first lines (first, with kEnd for a path that prints
// nothing more), the pairs a..b printed in that order (before) and the pairs printed one right
// after the other (adj, with kEnd after the last line). A step printing l to y, renamed by ρ,
// gives x l followed by ρ(the facts of y); the facts of x are the union (the intersection for
// must) over its steps. At the root, whose labels are thread ids, they are facts about every
// output (docs/state-caching.md, "Describing the output set").
#include "checker/output_describe.hpp"

#include <algorithm>
#include <bit>
#include <unordered_map>

#include "checker/output_lines.hpp"

namespace weft::checker {

namespace {

// Facts about the paths from every node, in flat bit arrays: a set of lines is `words` words,
// a set of pairs one such set per line (its row: the lines after it), with one more bit for kEnd.
class Facts {
 public:
  Facts(LineGraph& g, std::size_t lines)
      : g_(g), n_(lines), words_((lines + 1 + 63) / 64), stride_((n_ + 3) * words_),
        bits_(g.nodes() * stride_, 0), adj_(g.nodes() * lines * words_, 0),
        done_(g.nodes(), false) {}

  // Sweeps the nodes reachable from the root in postorder until nothing changes (silent cycles
  // may need more than one).
  void solve() {
    order_ = postorder();
    for (bool changed = true; changed;) {
      changed = false;
      for (std::uint32_t x : order_) changed = update(x) || changed;
    }
  }
  // The live nodes reachable from the root.
  const std::vector<std::uint32_t>& reached() const { return order_; }
  bool has(std::uint32_t x, std::size_t set, std::size_t bit) const {
    return (at(x, set)[bit / 64] >> (bit % 64)) & 1;
  }
  // Sets: 0 back, 1 must, 2 first, 3 + a: before's row a; adj's rows are kept apart.
  static constexpr std::size_t kBack = 0, kMust = 1, kFirst = 2, kRows = 3;
  std::size_t end_bit() const { return n_; }
  bool adjacent(std::uint32_t x, std::size_t a, std::size_t b) const {
    return (adj_row(x, a)[b / 64] >> (b % 64)) & 1;
  }

 private:
  const std::uint64_t* at(std::uint32_t x, std::size_t set) const {
    return &bits_[x * stride_ + set * words_];
  }
  const std::uint64_t* adj_row(std::uint32_t x, std::size_t a) const {
    return &adj_[(x * n_ + a) * words_];
  }
  static void set(std::uint64_t* s, std::size_t b) { s[b / 64] |= std::uint64_t{1} << (b % 64); }
  // Line b of a node reached by a step renamed by r, in the labels of the node it leaves (kEnd
  // stays itself).
  const std::vector<std::uint32_t>& map_of(std::uint32_t r) {
    auto [it, added] = maps_.try_emplace(r);
    if (added) {
      it->second.resize(n_ + 1);
      for (std::uint32_t b = 0; b < n_; ++b) it->second[b] = g_.renamed(b, r);
      it->second[n_] = static_cast<std::uint32_t>(n_);
    }
    return it->second;
  }

  std::vector<std::uint32_t> postorder() const {
    std::vector<std::uint32_t> order;
    std::vector<std::uint8_t> seen(g_.nodes(), 0);
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{OutputGraph::kRoot, 0}};
    seen[OutputGraph::kRoot] = 1;
    while (!stack.empty()) {
      auto& [x, i] = stack.back();
      if (i < g_.steps(x).size()) {
        const std::uint32_t y = g_.steps(x)[i++].to;
        if (!seen[y] && g_.live(y)) seen[y] = 1, stack.emplace_back(y, 0);
        continue;
      }
      order.push_back(x);
      stack.pop_back();
    }
    return order;
  }

  // Recomputes x's facts from its steps' ends; true when they changed.
  bool update(std::uint32_t x) {
    std::vector<std::uint64_t> f(stride_, 0), adj(n_ * words_, 0);
    std::uint64_t* must = &f[kMust * words_];
    for (std::size_t b = 0; b < n_; ++b) set(must, b);  // narrowed by each way on
    if (!g_.ends(x).empty()) {
      std::fill(must, must + words_, 0);
      set(&f[kFirst * words_], end_bit());
    }
    std::vector<std::uint64_t> y_back(words_), y_must(words_), y_first(words_);
    for (const LineGraph::Step& s : g_.steps(x)) {
      if (!g_.live(s.to)) continue;
      const bool known = done_[s.to];
      const std::vector<std::uint32_t>& map = map_of(s.rename);
      // y's sets renamed into x's labels; an unvisited y (on a cycle) knows nothing yet, and
      // its must-set starts full.
      const auto renamed = [&](const std::uint64_t* of_y, std::uint64_t* out) {
        for (std::size_t w = 0; w < words_; ++w)
          for (std::uint64_t bits = of_y[w]; bits != 0; bits &= bits - 1)
            set(out, map[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))]);
      };
      std::fill(y_back.begin(), y_back.end(), 0);
      std::fill(y_must.begin(), y_must.end(), 0);
      std::fill(y_first.begin(), y_first.end(), 0);
      if (known) {
        renamed(at(s.to, kBack), y_back.data());
        renamed(at(s.to, kMust), y_must.data());
        renamed(at(s.to, kFirst), y_first.data());
      } else {
        for (std::size_t b = 0; b < n_; ++b) set(y_must.data(), b);
      }
      if (s.line != LineGraph::kNoLine) {
        set(y_must.data(), s.line);
        for (std::size_t w = 0; w < words_; ++w) f[(kRows + s.line) * words_ + w] |= y_back[w];
        for (std::size_t w = 0; w < words_; ++w) adj[s.line * words_ + w] |= y_first[w];
        set(y_back.data(), s.line);
        std::fill(y_first.begin(), y_first.end(), 0);
        set(y_first.data(), s.line);
      }
      for (std::size_t w = 0; w < words_; ++w) {
        f[kBack * words_ + w] |= y_back[w];
        must[w] &= y_must[w];
        f[kFirst * words_ + w] |= y_first[w];
      }
      if (!known) continue;
      for (std::size_t a = 0; a < n_; ++a) {
        renamed(at(s.to, kRows + a), &f[(kRows + map[a]) * words_]);
        renamed(adj_row(s.to, a), &adj[map[a] * words_]);
      }
    }
    std::uint64_t* mine = &bits_[x * stride_];
    std::uint64_t* mine_adj = &adj_[x * n_ * words_];
    const bool changed = !done_[x] || !std::equal(f.begin(), f.end(), mine) ||
                         !std::equal(adj.begin(), adj.end(), mine_adj);
    std::copy(f.begin(), f.end(), mine);
    std::copy(adj.begin(), adj.end(), mine_adj);
    done_[x] = true;
    return changed;
  }

  LineGraph& g_;
  std::size_t n_, words_, stride_;
  std::vector<std::uint64_t> bits_, adj_;
  std::vector<bool> done_;
  std::vector<std::uint32_t> order_;
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> maps_;
};

// The lines in the order a first path prints them, then those it does not print.
std::vector<std::uint32_t> line_order(LineGraph& g, const Facts& f) {
  std::vector<std::uint32_t> order;
  std::vector<bool> placed(g.lines(), false);
  std::uint64_t m = 0;  // the member's renaming
  for (std::uint32_t x = OutputGraph::kRoot, steps = 0; steps < g.nodes(); ++steps) {
    const auto& ways = g.steps(x);
    const auto s = std::find_if(ways.begin(), ways.end(),
                                [&](const LineGraph::Step& w) { return g.live(w.to); });
    if (s == ways.end() || !g.ends(x).empty()) break;
    if (s->line != LineGraph::kNoLine) {
      const std::uint32_t l = g.renamed(s->line, static_cast<std::uint32_t>(m));
      if (!placed[l]) placed[l] = true, order.push_back(l);
    }
    m = g.renamings().compose(m, s->rename);
    x = s->to;
  }
  for (std::uint32_t l = 0; l < g.lines(); ++l)
    if (!placed[l] && f.has(OutputGraph::kRoot, Facts::kBack, l)) order.push_back(l);
  return order;
}

// The graph without the ways on that print `text` as a line, or the ends of another status.
OutputGraph without(const OutputGraph& g, const std::string* text, std::optional<sim::Status> s) {
  OutputGraph h = g;
  h.edges.clear();
  for (const OutputGraph::Edge& e : g.edges) {
    if (s && e.ends && static_cast<sim::Status>(g.end_texts[e.to][0]) != *s) continue;
    if (text != nullptr) {
      const std::string& label = g.labels[e.label];
      bool prints = false;
      for (std::size_t at = 0; at < label.size() && !prints;) {
        const std::size_t nl = label.find('\n', at);
        prints = label.compare(at, nl - at, *text) == 0 && nl - at == text->size();
        at = nl + 1;
      }
      if (prints) continue;
    }
    h.edges.push_back(e);
  }
  return h;
}

// The outputs of each status: all of them when one status is reached, else counted again over
// the graph with only the ends of that status.
bool describe_statuses(const LineGraph& lg, const Facts& f, const OutputGraph& g, Count total,
                       const GraphCounter& recount, Description& d, std::string& why_not) {
  std::vector<bool> reached(d.statuses.size(), false);
  for (const std::uint32_t x : f.reached())
    for (const std::uint32_t e : lg.ends(x)) reached[static_cast<std::size_t>(lg.status(e))] = true;
  if (std::count(reached.begin(), reached.end(), true) == 1) {
    d.statuses[static_cast<std::size_t>(std::find(reached.begin(), reached.end(), true) -
                                        reached.begin())] = total;
    return true;
  }
  for (std::size_t s = 0; s < reached.size(); ++s) {
    if (!reached[s]) continue;
    const std::optional<Count> c = recount(without(g, nullptr, static_cast<sim::Status>(s)));
    if (!c) {
      why_not = "the outcomes of each status could not be counted";
      return false;
    }
    d.statuses[s] = *c;
  }
  return true;
}

// A line's neighbour: the one line every path printing it has there, or -1 (several, or none).
std::int64_t only(const std::vector<std::uint32_t>& seen) {
  return seen.size() == 1 ? seen.front() : -1;
}

}  // namespace

bool describe_graph(const OutputGraph& g, bool symmetric, Count total, const GraphCounter& recount,
                    std::size_t max_lines, Description& d, std::string& why_not) {
  LineGraph lg(g, symmetric);
  why_not = lg.why_not();
  if (!why_not.empty()) return false;
  if (!lg.close_lines(max_lines)) {
    why_not = "more distinct lines than the description follows";
    return false;
  }
  const std::size_t n = lg.lines();
  if ((n + 3) * (n + 1) / 4 * lg.nodes() > (std::size_t{1} << 28)) {  // bytes of Facts
    why_not = "too many lines and states to describe";
    return false;
  }
  Facts f(lg, n);
  f.solve();
  const std::uint32_t root = OutputGraph::kRoot;
  for (std::size_t a = 0; a < n; ++a) {
    if (f.has(root, Facts::kRows + a, a)) {
      why_not = "a line can be printed twice in one outcome";
      return false;
    }
  }
  d = Description{};
  d.outcomes = total;
  d.max_lines = max_lines;
  if (!describe_statuses(lg, f, g, total, recount, d, why_not)) return false;
  const std::vector<std::uint32_t> order = line_order(lg, f);
  std::vector<std::size_t> index(n, SIZE_MAX);
  for (std::size_t i = 0; i < order.size(); ++i) index[order[i]] = i;
  for (const std::uint32_t l : order) {
    DescribedLine line{lg.text(l), 1, total, {}};
    if (!f.has(root, Facts::kMust, l)) {
      line.outcomes_known = false;
      std::optional<Count> rest;
      if (!symmetric) {
        const OutputGraph h = without(g, &line.text, std::nullopt);
        rest = recount(h);
      }
      line.outcomes = rest ? total - *rest : 0;
      line.outcomes_known = rest.has_value();
    }
    d.lines.push_back(std::move(line));
  }
  // Neighbours from the pairs printed one right after the other (kEnd: nothing after).
  std::vector<std::vector<std::uint32_t>> next(order.size()), prev(order.size());
  for (const std::uint32_t a : order) {
    for (std::size_t b = 0; b <= n; ++b) {
      if (!f.adjacent(root, a, b)) continue;
      next[index[a]].push_back(b == n ? UINT32_MAX : static_cast<std::uint32_t>(index[b]));
      if (b < n) prev[index[b]].push_back(static_cast<std::uint32_t>(index[a]));
    }
    if (f.has(root, Facts::kFirst, a)) prev[index[a]].push_back(UINT32_MAX);
  }
  std::vector<std::int64_t> after(order.size()), before_it(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    after[i] = only(next[i]) == UINT32_MAX ? -1 : only(next[i]);
    before_it[i] = only(prev[i]) == UINT32_MAX ? -1 : only(prev[i]);
  }
  d.blocks = glued_blocks(after, before_it);
  std::vector<std::vector<bool>> before(order.size(), std::vector<bool>(order.size(), false));
  for (std::size_t i = 0; i < order.size(); ++i)
    for (std::size_t j = 0; j < order.size(); ++j)
      before[i][j] = f.has(root, Facts::kRows + order[i], order[j]) &&
                     !f.has(root, Facts::kRows + order[j], order[i]);
  describe_order(d, before);
  return true;
}

}  // namespace weft::checker
