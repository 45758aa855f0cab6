// Counting the distinct outputs of a recorded state graph (checker/output_graph.hpp) by a subset
// construction over its silent steps, memoised on the set of states (docs/state-caching.md,
// "Counting outputs").
#include <algorithm>
#include <chrono>
#include <limits>
#include <tuple>

#include "checker/output_graph.hpp"

namespace weft::checker {

std::uint32_t OutputGraph::state(std::uint64_t key) {
  return keys.try_emplace(key, static_cast<std::uint32_t>(keys.size() + 1)).first->second;
}

std::uint32_t OutputGraph::label(std::string_view printed) {
  const auto [it, added] =
      label_ids.try_emplace(std::string(printed), static_cast<std::uint32_t>(labels.size()));
  if (added) labels.emplace_back(printed);
  return it->second;
}

// Everything of an outcome but stdout, written out so that two ends are one only when equal.
std::uint32_t OutputGraph::end(const sim::Outcome& o) {
  std::string w(1, static_cast<char>(o.status));
  const auto field = [&w](const std::string& s) {
    w += std::to_string(s.size());
    w += ':';
    w += s;
  };
  field(o.message);
  field(o.err);
  for (const auto& [name, content] : o.files) {
    field(name);
    field(content);
  }
  const auto [it, added] = ends.try_emplace(w, static_cast<std::uint32_t>(ends.size()));
  if (added) end_texts.push_back(std::move(w));
  return it->second;
}

std::uint32_t OutputGraph::frame(std::span<const sim::ThreadId> label_of) {
  std::size_t n = label_of.size();
  while (n > 0 && label_of[n - 1] == n - 1) --n;
  std::string key(reinterpret_cast<const char*>(label_of.data()), n * sizeof(sim::ThreadId));
  const auto [it, added] = frame_ids.try_emplace(std::move(key), frames.size());
  if (added) frames.emplace_back(label_of.begin(), label_of.begin() + static_cast<std::ptrdiff_t>(n));
  return it->second;
}

void OutputGraph::tie(std::uint32_t state, std::span<const sim::ThreadId> t) {
  std::size_t n = t.size();
  while (n > 0 && t[n - 1] == n - 1) --n;
  if (ties.size() <= state) ties.resize(state + 1);
  ties[state].assign(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(n));
}

std::vector<OutputGraph::Edge> OutputGraph::distinct_edges() const {
  std::vector<Edge> out = edges;
  const auto as_tuple = [](const Edge& e) {
    return std::tuple(e.from, e.label, e.to, e.ends, e.from_frame, e.to_frame);
  };
  std::sort(out.begin(), out.end(),
            [&](const auto& x, const auto& y) { return as_tuple(x) < as_tuple(y); });
  out.erase(std::unique(out.begin(), out.end(),
                        [&](const auto& x, const auto& y) { return as_tuple(x) == as_tuple(y); }),
            out.end());
  return out;
}

namespace {

constexpr std::uint32_t kSilent = std::numeric_limits<std::uint32_t>::max();
constexpr Count kCounting = ~Count{0};  // a set whose count is under way: met again, a cycle

struct SetHash {
  std::size_t operator()(const std::vector<std::uint32_t>& s) const {
    std::uint64_t h = s.size();
    for (std::uint32_t x : s) h = (h ^ x) * 0x9e3779b97f4a7c15ULL, h ^= h >> 29;
    return static_cast<std::size_t>(h);
  }
};

// The graph with every label cut into tokens, one step per token: a label of k tokens becomes a
// chain through k - 1 new nodes, and an edge to an end becomes a node that has that end.
// Tokens are lines when every label is whole lines (then an output is cut into lines one way
// only, whatever the steps that printed it), else characters.
class Tokenized {
 public:
  explicit Tokenized(const OutputGraph& g) : next_(g.states()), ends_(g.states()) {
    const bool lines = std::all_of(g.labels.begin(), g.labels.end(), [](const std::string& l) {
      return l.empty() || l.back() == '\n';
    });
    std::vector<OutputGraph::Edge> edges = g.edges;
    const auto as_tuple = [](const OutputGraph::Edge& e) {
      return std::tuple(e.from, e.label, e.to, e.ends);
    };
    const auto less = [&](const auto& x, const auto& y) { return as_tuple(x) < as_tuple(y); };
    const auto same = [&](const auto& x, const auto& y) { return as_tuple(x) == as_tuple(y); };
    std::sort(edges.begin(), edges.end(), less);
    edges.erase(std::unique(edges.begin(), edges.end(), same), edges.end());
    for (const OutputGraph::Edge& e : edges) add(e, g.labels[e.label], lines);
  }

  // Nodes reachable from `from` by silent steps, `from` included: sorted.
  std::vector<std::uint32_t> closure(std::vector<std::uint32_t> from) {
    if (seen_.size() < next_.size()) seen_.resize(next_.size(), 0);
    ++stamp_;
    std::vector<std::uint32_t> out;
    while (!from.empty()) {
      const std::uint32_t x = from.back();
      from.pop_back();
      if (seen_[x] == stamp_) continue;
      seen_[x] = stamp_;
      out.push_back(x);
      for (const auto& [token, to] : next_[x])
        if (token == kSilent) from.push_back(to);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& next(std::uint32_t x) const {
    return next_[x];
  }
  const std::vector<std::uint32_t>& ends(std::uint32_t x) const { return ends_[x]; }

 private:
  std::uint32_t fresh() {
    next_.emplace_back();
    ends_.emplace_back();
    return static_cast<std::uint32_t>(next_.size() - 1);
  }
  std::uint32_t token(std::string_view t) {
    return tokens_.try_emplace(t, static_cast<std::uint32_t>(tokens_.size())).first->second;
  }
  void add(const OutputGraph::Edge& e, std::string_view label, bool lines) {
    std::vector<std::uint32_t> tokens;
    while (!label.empty()) {
      const std::size_t n = lines ? label.find('\n') + 1 : 1;
      tokens.push_back(token(label.substr(0, n)));
      label.remove_prefix(n);
    }
    std::uint32_t at = e.from;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const bool last = i + 1 == tokens.size();
      const std::uint32_t to = last && !e.ends ? e.to : fresh();
      next_[at].emplace_back(tokens[i], to);
      at = to;
    }
    if (e.ends) {
      ends_[at].push_back(e.to);
    } else if (tokens.empty()) {
      next_[at].emplace_back(kSilent, e.to);
    }
  }

  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> next_;  // (token, node)
  std::vector<std::vector<std::uint32_t>> ends_;
  std::unordered_map<std::string_view, std::uint32_t> tokens_;
  std::vector<std::uint32_t> seen_;
  std::uint32_t stamp_ = 0;
};

// Count(S), for a set S of nodes closed under silent steps that all printed the same text P:
// the outputs that are P itself (one per distinct end some node of S has) plus, for each token
// t that some node of S prints next, the outputs that begin with P·t, Count(closure(S·t)).
class Counter {
 public:
  Counter(Tokenized& t, const CountLimits& limits) : t_(t), limits_(limits) {}

  Count count(const std::vector<std::uint32_t>& s) {
    if (const auto it = memo_.find(s); it != memo_.end()) {
      if (it->second == kCounting) why_not_ = "an output can grow without bound";
      return it->second == kCounting ? 0 : it->second;
    }
    if (memo_.size() >= limits_.max_sets) {
      why_not_ = "more sets of states than the count may keep";
      return 0;
    }
    bytes_ += s.size() * sizeof(std::uint32_t) * 2 + 96;  // its members, and its memo entry
    if (bytes_ > limits_.max_bytes) {
      why_not_ = "max-memory";
      return 0;
    }
    if ((memo_.size() & 255) == 0 && std::chrono::steady_clock::now() >= limits_.deadline) {
      why_not_ = "time-budget";
      return 0;
    }
    memo_.emplace(s, kCounting);
    std::vector<std::uint32_t> ends;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> steps;
    for (std::uint32_t x : s) {
      ends.insert(ends.end(), t_.ends(x).begin(), t_.ends(x).end());
      for (const auto& step : t_.next(x))
        if (step.first != kSilent) steps.push_back(step);
    }
    std::sort(ends.begin(), ends.end());
    Count n = static_cast<Count>(std::unique(ends.begin(), ends.end()) - ends.begin());
    std::sort(steps.begin(), steps.end());
    for (std::size_t i = 0; i < steps.size() && why_not_.empty();) {
      std::vector<std::uint32_t> to;
      const std::uint32_t token = steps[i].first;
      for (; i < steps.size() && steps[i].first == token; ++i) to.push_back(steps[i].second);
      n += count(t_.closure(std::move(to)));
    }
    memo_[s] = n;
    return n;
  }
  const std::string& why_not() const { return why_not_; }
  std::uint64_t sets() const { return memo_.size(); }

 private:
  Tokenized& t_;
  CountLimits limits_;
  std::uint64_t bytes_ = 0;
  std::unordered_map<std::vector<std::uint32_t>, Count, SetHash> memo_;
  std::string why_not_;
};

}  // namespace

bool count_paths(const OutputGraph& g, const CountLimits& limits, Count& count,
                 std::uint64_t& sets, std::string& why_not) {
  Tokenized t(g);
  Counter counter(t, limits);
  count = counter.count(t.closure({OutputGraph::kRoot}));
  sets = counter.sets();
  why_not = counter.why_not();
  return why_not.empty();
}

}  // namespace weft::checker
