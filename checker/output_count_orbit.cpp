// Counting the distinct outputs of a state graph recorded with symmetry per orbit of a set: where
// the program's whole output set is invariant under renaming the threads of each class
// (checker/output_orbits.hpp), the set of members that printed a text P is counted as the set of
// all its renamings that fix the threads P named. A member then keeps the threads P named and
// writes every other thread of a class as "one of the class's unnamed threads"; a line naming
// such a thread for the first time is counted once, for the least unnamed thread, times the
// number of unnamed threads it could have named. Why this is exact: docs/state-caching.md,
// "Counting per orbit".
#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <unordered_set>

#include "checker/memory.hpp"
#include "checker/output_tokens.hpp"

namespace weft::checker {

namespace {

constexpr Count kCounting = ~Count{0};  // a set whose count is under way: met again, a cycle
constexpr Id kNoClass = 0xffff;
constexpr std::uint64_t kSetBytes = 128;  // a memo entry beside its members: node, hash, count

using Member = std::uint64_t;  // a node (high half) and a renaming (Renamings, low half)

struct SetHash {
  std::size_t operator()(const std::vector<Member>& s) const {
    std::uint64_t h = s.size();
    for (Member x : s) h = (h ^ x) * 0x9e3779b97f4a7c15ULL, h ^= h >> 29;
    return static_cast<std::size_t>(h);
  }
};

// n (n-1) ... (n-d+1): the ways to name d distinct threads of n.
Count falling(std::size_t n, std::size_t d) {
  Count c = 1;
  for (std::size_t i = 0; i < d; ++i) c *= static_cast<Count>(n - i);
  return c;
}

class OrbitCounter {
 public:
  OrbitCounter(const Tokenized& t, Renamings& r, const OutputGraph& g, const CountLimits& limits)
      : t_(t), r_(r), ties_(g.ties), limits_(limits), class_of_(r.width(), kNoClass) {
    std::unordered_map<std::uint64_t, Id> index;
    for (std::size_t id = 0; id < g.classes.size(); ++id) {
      if (g.classes[id] == 0) continue;
      const auto [it, added] = index.try_emplace(g.classes[id], static_cast<Id>(ids_.size()));
      if (added) ids_.emplace_back();
      ids_[it->second].push_back(static_cast<Id>(id));
      class_of_[id] = it->second;
    }
  }

  // The start, with every thread of a class unnamed.
  std::vector<Member> start() {
    std::u16string p = r_.at(0);
    for (char16_t& v : p)
      if (class_of_[v] != kNoClass) v = anon(class_of_[v]);
    return canonical(closure({member(OutputGraph::kRoot, r_.intern(p))}));
  }

  Count count(const std::vector<Member>& s) {
    if (s.empty() || !within_limits(s)) return 0;  // (empty: a closure cut by a limit)
    if (const auto it = memo_.find(s); it != memo_.end()) {
      if (it->second == kCounting) why_not_ = "an output can grow without bound";
      return it->second == kCounting ? 0 : it->second;
    }
    memo_.emplace(s, kCounting);
    bytes_ += s.size() * sizeof(Member) * 2 + kSetBytes;
    unnamed(s.front());
    std::vector<std::uint32_t> ends;
    std::vector<std::pair<std::u16string, Member>> steps;  // (line printed, member reached)
    for (Member m : s) {
      const auto x = static_cast<std::uint32_t>(m >> 32);
      ends.insert(ends.end(), t_.ends(x).begin(), t_.ends(x).end());
      for (const Tokenized::Step& step : t_.next(x))
        if (step.tmpl != kSilent) steps.push_back(take(m, step));
      if ((steps.size() & 4095) == 0 && !within(steps.size())) return 0;
    }
    std::sort(ends.begin(), ends.end());
    Count n = static_cast<Count>(std::unique(ends.begin(), ends.end()) - ends.begin());
    std::sort(steps.begin(), steps.end());
    // Each line's ways first: the counts below use named_ and unnamed_ for their own sets.
    std::vector<std::pair<Count, std::vector<Member>>> next;
    for (std::size_t i = 0; i < steps.size();) {
      const std::u16string& line = steps[i].first;
      next.emplace_back(ways(line), std::vector<Member>{});
      for (; i < steps.size() && steps[i].first == line; ++i) next.back().second.push_back(steps[i].second);
    }
    for (auto& [w, to] : next) {
      if (!why_not_.empty()) break;
      n += w * count(canonical(closure(std::move(to))));
    }
    memo_[s] = n;
    return n;
  }
  const std::string& why_not() const { return why_not_; }
  std::uint64_t sets() const { return memo_.size(); }

 private:
  static Member member(std::uint32_t node, std::uint32_t perm) {
    return static_cast<Member>(node) << 32 | perm;
  }
  // "One of class c's unnamed threads", as a renaming writes it.
  static char16_t anon(Id c) { return static_cast<char16_t>(0xfffe - c); }
  Id anon_class(char16_t v) const {
    return v >= r_.width() ? static_cast<Id>(0xfffe - v) : kNoClass;
  }

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
  bool within_limits(const std::vector<Member>& s) {
    if (std::chrono::steady_clock::now() >= limits_.deadline) {
      why_not_ = "time-budget";
      return false;
    }
    if (memo_.size() >= limits_.max_sets) {
      why_not_ = "more sets of states than the count may keep";
      return false;
    }
    if (bytes_ + r_.bytes() + folded_.size() * 64 + s.size() * sizeof(Member) > limits_.max_bytes) {
      why_not_ = "max-memory";
      return false;
    }
    return true;
  }

  // The unnamed threads of each class in the set of `m` (the same in every member), ascending.
  void unnamed(Member m) {
    const std::u16string& p = r_.at(static_cast<std::uint32_t>(m));
    named_.assign(r_.width(), false);
    for (char16_t v : p)
      if (v < r_.width()) named_[v] = true;
    unnamed_.assign(ids_.size(), {});
    for (std::size_t c = 0; c < ids_.size(); ++c)
      for (Id id : ids_[c])
        if (!named_[id]) unnamed_[c].push_back(id);
  }

  // The line member m prints by `step`, each thread it names for the first time written as the
  // least unnamed threads of its class, and the member reached with those threads named.
  std::pair<std::u16string, Member> take(Member m, const Tokenized::Step& step) {
    std::u16string p = r_.at(static_cast<std::uint32_t>(m));  // r_ may grow
    std::u16string line{static_cast<char16_t>(step.tmpl >> 16),
                        static_cast<char16_t>(step.tmpl & 0xffff)};
    taken_.assign(ids_.size(), 0);
    for (Id k : step.refs) {
      const Id c = anon_class(p[k]);
      if (c != kNoClass) p[k] = static_cast<char16_t>(unnamed_[c][taken_[c]++]);
      line.push_back(p[k]);
    }
    const Member named = member(0, r_.intern(p));
    return {std::move(line), fold(member(step.to, r_.compose(named, step.rename)))};
  }
  // How many lines the line stands for: each thread it names that the set had not named could
  // be any unnamed thread of its class, each giving another line (Names::check_templates).
  Count ways(const std::u16string& line) const {
    std::vector<std::size_t> fresh(ids_.size(), 0);
    for (std::size_t i = 2; i < line.size(); ++i) {
      const Id id = line[i];
      if (id < named_.size() && class_of_[id] != kNoClass && !named_[id] &&
          std::find(line.begin() + 2, line.begin() + static_cast<std::ptrdiff_t>(i), line[i]) ==
              line.begin() + static_cast<std::ptrdiff_t>(i))
        ++fresh[class_of_[id]];
    }
    Count w = 1;
    for (std::size_t c = 0; c < ids_.size(); ++c) w *= falling(unnamed_[c].size(), fresh[c]);
    return w;
  }

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
          from.push_back(fold(member(static_cast<std::uint32_t>(step.to),
                                     r_.compose(m, step.rename))));
    }
    return out;
  }

  // The set renamed by one renaming of the named threads of each class, onto the class's least
  // ids, in the order of where they stand in the members (as Names::canonical, within classes;
  // every member names the same threads), each member folded.
  std::vector<Member> canonical(std::vector<Member> s) {
    for (Member& m : s) m = fold(m);
    const std::size_t width = r_.width();
    where_.assign(width, {});
    for (Member m : s) {
      const std::u16string& p = r_.at(static_cast<std::uint32_t>(m));
      const auto node = static_cast<std::uint32_t>(m >> 32);
      const std::vector<sim::ThreadId>* t = node < ties_.size() ? &ties_[node] : nullptr;
      for (std::size_t k = 0; k < width; ++k) {
        const std::size_t place = t != nullptr && k < t->size() ? (*t)[k] : k;
        if (p[k] < width && class_of_[p[k]] != kNoClass)
          where_[p[k]].push_back(std::uint64_t{node} << 16 | place);
      }
    }
    rho_.resize(width);
    for (std::size_t id = 0; id < width; ++id) rho_[id] = static_cast<char16_t>(id);
    for (const std::vector<Id>& ids : ids_) {
      std::vector<Id> named;
      for (Id id : ids)
        if (!where_[id].empty()) named.push_back(id), std::sort(where_[id].begin(), where_[id].end());
      std::stable_sort(named.begin(), named.end(),
                       [&](Id x, Id y) { return where_[x] < where_[y]; });
      for (std::size_t i = 0; i < named.size(); ++i) rho_[named[i]] = static_cast<char16_t>(ids[i]);
    }
    for (Member& m : s) {
      std::u16string p = r_.at(static_cast<std::uint32_t>(m));
      for (char16_t& v : p)
        if (v < width) v = rho_[v];
      m = fold(member(static_cast<std::uint32_t>(m >> 32), r_.intern(p)));
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
  }

  // One member for the members that are one actual state, as Counter::fold
  // (checker/output_count_sym.cpp): the threads within each tie of x's labels sorted.
  Member fold(Member m) {
    const auto x = static_cast<std::uint32_t>(m >> 32);
    if (x >= ties_.size() || ties_[x].empty()) return m;
    if (const auto it = folded_.find(m); it != folded_.end()) return it->second;
    const std::vector<sim::ThreadId>& tie = ties_[x];
    std::u16string p = r_.at(static_cast<std::uint32_t>(m));
    for (std::size_t k = 0; k < tie.size(); ++k) {
      if (tie[k] != k) continue;
      std::u16string ids;
      std::vector<std::size_t> labels;
      for (std::size_t j = k; j < tie.size(); ++j)
        if (tie[j] == k) labels.push_back(j), ids.push_back(p[j]);
      if (labels.size() < 2) continue;
      std::sort(ids.begin(), ids.end());
      for (std::size_t i = 0; i < labels.size(); ++i) p[labels[i]] = ids[i];
    }
    const Member out = member(x, r_.intern(p));
    folded_.emplace(m, out);
    return out;
  }

  const Tokenized& t_;
  Renamings& r_;
  const std::vector<std::vector<sim::ThreadId>>& ties_;
  CountLimits limits_;
  std::vector<Id> class_of_;         // by thread id: its class's number, or kNoClass
  std::vector<std::vector<Id>> ids_;  // by class: its threads, ascending
  std::vector<bool> named_;                 // count()'s: threads the set named
  std::vector<std::vector<Id>> unnamed_;    // count()'s: by class, those it did not
  std::vector<std::size_t> taken_;          // take()'s
  std::vector<std::vector<std::uint64_t>> where_;  // canonical()'s
  std::u16string rho_;
  std::unordered_map<Member, Member> folded_;
  std::unordered_map<std::vector<Member>, Count, SetHash> memo_;
  std::unordered_set<Member> seen_;
  std::uint64_t bytes_ = 0;
  std::string why_not_;
};

}  // namespace

bool count_orbits(const OutputGraph& g, const Tokenized& t, Renamings& r,
                  const CountLimits& limits, Count& count, std::uint64_t& sets,
                  std::string& why_not) {
  if (r.width() + 2 * g.names.size() >= 0xfffe) {
    why_not = "too many threads to rename";
    return false;
  }
  OrbitCounter counter(t, r, g, limits);
  count = counter.count(counter.start());
  sets = counter.sets();
  why_not = counter.why_not();
  return why_not.empty();
}

}  // namespace weft::checker
