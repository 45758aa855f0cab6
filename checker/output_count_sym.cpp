// Counting the distinct outputs of a state graph recorded with symmetry (checker/output_graph.hpp):
// the subset construction of output_count_dp.cpp over pairs (state, renaming), each pair one
// member of the state's orbit, and each set memoised under a canonical renaming of the whole set
// (docs/state-caching.md, "Counting outputs with symmetry").
#include <algorithm>
#include <chrono>
#include <limits>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "checker/output_graph.hpp"
#include "checker/output_names.hpp"
#include "checker/output_tokens.hpp"

namespace weft::checker {

namespace {

constexpr Count kCounting = ~Count{0};  // a set whose count is under way: met again, a cycle

using Member = std::uint64_t;  // a node (high half) and a renaming (Renamings, low half)

struct SetHash {
  std::size_t operator()(const std::vector<Member>& s) const {
    std::uint64_t h = s.size();
    for (Member x : s) h = (h ^ x) * 0x9e3779b97f4a7c15ULL, h ^= h >> 29;
    return static_cast<std::size_t>(h);
  }
};

// Count(S) for a set S of members closed under silent steps that all printed the same text, as
// in output_count_dp.cpp, a member (x, M) printing the line its step prints with each canonical
// label k named renamed to M[k]. Memoised on S renamed canonically (Names::canonical): renaming
// every member of a set by one ρ renames every output of the set by one bijection, so their
// number is the same.
class Counter {
 public:
  Counter(Tokenized& t, Renamings& r, const Names& names, const OutputGraph& g,
          const CountLimits& limits)
      : t_(t), r_(r), names_(names), ties_(g.ties), limits_(limits) {}

  Count count(const std::vector<Member>& s) {
    // A set may hold many members (states reached by one output, each renamed many ways): the
    // count keeps to the search's budget.
    if (std::chrono::steady_clock::now() >= limits_.deadline) {
      why_not_ = "time-budget";
      return 0;
    }
    if (const auto it = memo_.find(s); it != memo_.end()) {
      if (it->second == kCounting) why_not_ = "an output can grow without bound";
      return it->second == kCounting ? 0 : it->second;
    }
    if (memo_.size() >= limits_.max_sets) {
      why_not_ = "more sets of states than the count may keep";
      return 0;
    }
    // A set's members, its memo entry, the renamings and folds: past its share of the memory
    // limit the count stops (a set of thousands of members costs what a thousand sets do).
    bytes_ += s.size() * sizeof(Member) * 2 + 128;
    if (bytes_ + r_.bytes() + folded_.size() * 64 > limits_.max_bytes) {
      why_not_ = "max-memory";
      return 0;
    }
    memo_.emplace(s, kCounting);
    std::vector<std::uint32_t> ends;
    std::vector<std::pair<std::u16string, Member>> steps;  // (line printed, member reached)
    for (Member m : s) {
      const auto x = static_cast<std::uint32_t>(m >> 32);
      const std::u16string perm = r_.at(static_cast<std::uint32_t>(m));  // r_ may grow
      ends.insert(ends.end(), t_.ends(x).begin(), t_.ends(x).end());
      for (const Tokenized::Step& step : t_.next(x)) {
        if (step.tmpl == kSilent) continue;
        std::u16string line{static_cast<char16_t>(step.tmpl >> 16),
                            static_cast<char16_t>(step.tmpl & 0xffff)};
        for (Id k : step.refs) line.push_back(perm[k]);
        steps.emplace_back(std::move(line), fold(member(step.to, r_.compose(m, step.rename))));
      }
      if ((steps.size() & 4095) == 0 && !within(steps.size())) return 0;
    }
    std::sort(ends.begin(), ends.end());
    Count n = static_cast<Count>(std::unique(ends.begin(), ends.end()) - ends.begin());
    std::sort(steps.begin(), steps.end());
    for (std::size_t i = 0; i < steps.size() && why_not_.empty();) {
      std::vector<Member> to;
      const std::u16string& line = steps[i].first;
      for (; i < steps.size() && steps[i].first == line; ++i) to.push_back(steps[i].second);
      n += count(canonical(closure(std::move(to))));
    }
    memo_[s] = n;
    return n;
  }
  // The members reachable from `from` by silent steps.
  std::vector<Member> closure(std::vector<Member> from) {
    std::vector<Member> out;
    seen_.clear();
    while (!from.empty()) {
      const Member m = from.back();
      from.pop_back();
      if (!seen_.insert(m).second) continue;
      out.push_back(m);
      // One set may hold millions of members (every arrangement of threads that print nothing
      // more): the limits hold within it too.
      if ((out.size() & 4095) == 0 && !within(out.size() + from.size())) return {};
      for (const Tokenized::Step& step : t_.next(static_cast<std::uint32_t>(m >> 32)))
        if (step.tmpl == kSilent)
          from.push_back(fold(member(step.to, r_.compose(m, step.rename))));
    }
    return out;
  }
  // The set renamed canonically (Names::canonical), each member folded again.
  std::vector<Member> canonical(std::vector<Member> s) {
    s = names_.canonical(std::move(s), r_, ties_);
    for (Member& m : s) m = fold(m);
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  }
  // The one member of (x, M ∘ τ) for every permutation τ within the ties of x's labels: M's
  // threads sorted within each tie. They are one actual state (τ leaves x as it is), so one
  // member stands for them all; without it a set holds every arrangement of tied threads
  // (docs/state-caching.md, "Counting outputs with symmetry").
  Member fold(Member m) {
    const auto x = static_cast<std::uint32_t>(m >> 32);
    if (x >= ties_.size() || ties_[x].empty()) return m;
    if (const auto it = folded_.find(m); it != folded_.end()) return it->second;
    const std::vector<sim::ThreadId>& tie = ties_[x];
    std::u16string p = r_.at(static_cast<std::uint32_t>(m));
    for (std::size_t k = 0; k < tie.size(); ++k) {
      if (tie[k] != k) continue;
      labels_.clear();
      for (std::size_t j = k; j < tie.size(); ++j)
        if (tie[j] == k) labels_.push_back(j);
      if (labels_.size() < 2) continue;
      ids_.clear();
      for (std::size_t j : labels_) ids_.push_back(p[j]);
      std::sort(ids_.begin(), ids_.end());
      for (std::size_t i = 0; i < labels_.size(); ++i) p[labels_[i]] = ids_[i];
    }
    const Member out = member(x, r_.intern(p));
    folded_.emplace(m, out);
    return out;
  }
  const std::string& why_not() const { return why_not_; }
  std::uint64_t sets() const { return memo_.size(); }

 private:
  // The deadline, and the bytes of a set of `members` under way beside what is kept.
  bool within(std::size_t members) {
    if (!why_not_.empty()) return false;
    if (std::chrono::steady_clock::now() >= limits_.deadline) {
      why_not_ = "time-budget";
    } else if (bytes_ + r_.bytes() + folded_.size() * 64 + seen_.size() * 48 + members * 64 >
               limits_.max_bytes) {
      why_not_ = "max-memory";
    }
    return why_not_.empty();
  }
  static Member member(std::uint32_t node, std::uint32_t perm) {
    return static_cast<Member>(node) << 32 | perm;
  }

  Tokenized& t_;
  Renamings& r_;
  const Names& names_;
  const std::vector<std::vector<sim::ThreadId>>& ties_;
  std::unordered_map<Member, Member> folded_;
  std::vector<std::size_t> labels_;  // fold()'s
  std::u16string ids_;
  CountLimits limits_;
  std::uint64_t bytes_ = 0;
  std::unordered_map<std::vector<Member>, Count, SetHash> memo_;
  std::unordered_set<Member> seen_;
  std::string why_not_;
};

}  // namespace

bool count_paths_symmetric(const OutputGraph& g, const CountLimits& limits, Count& count,
                           std::uint64_t& sets, std::string& why_not, bool& unsound) {
  unsound = true;
  Names names(g);
  why_not = names.why_not();
  if (!why_not.empty()) return false;
  Renamings r(g.names.size());
  Tokenized t(g, names, r, why_not);
  if (!why_not.empty()) return false;
  why_not = names.check_templates();
  if (!why_not.empty()) return false;
  unsound = false;
  if (g.orbits) return count_orbits(g, t, r, limits, count, sets, why_not);
  Counter counter(t, r, names, g, limits);
  count = counter.count(counter.canonical(counter.closure({Member{OutputGraph::kRoot} << 32})));
  sets = counter.sets();
  why_not = counter.why_not();
  return why_not.empty();
}

}  // namespace weft::checker
