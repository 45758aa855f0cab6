// The elementary cycles of the lock-order graph, each once, from its least lock: a depth-first
// walk from each lock through greater ones only. Graphs of lock orders are small; the listing
// stops at kMaxCycles.
#include <algorithm>
#include <map>

#include "checker/lock_order.hpp"

namespace weft::checker {

namespace {

struct Walk {
  const std::vector<LockEdge>& edges;
  std::map<std::string, std::vector<const LockEdge*>> out;  // by `from`
  std::vector<const LockEdge*> path;
  std::vector<LockCycle> cycles;
  bool more = false;

  bool on_path(const std::string& lock) const {
    return std::any_of(path.begin(), path.end(),
                       [&](const LockEdge* e) { return e->from == lock; });
  }

  void from(const std::string& start, const std::string& at) {
    for (const LockEdge* e : out[at]) {
      if (more) return;
      if (e->to == start) {
        path.push_back(e);
        close();
        path.pop_back();
      } else if (e->to > start && !on_path(e->to)) {
        path.push_back(e);
        from(start, e->to);
        path.pop_back();
      }
    }
  }

  // The path is a cycle: its locks, and the gates every edge on it shares.
  void close() {
    if (cycles.size() == kMaxCycles) {
      more = true;
      return;
    }
    LockCycle c;
    c.gates = path.front()->gates;
    for (const LockEdge* e : path) {
      c.locks.push_back(e->from);
      std::set<std::string> both;
      std::set_intersection(c.gates.begin(), c.gates.end(), e->gates.begin(), e->gates.end(),
                            std::inserter(both, both.end()));
      c.gates = std::move(both);
    }
    cycles.push_back(std::move(c));
  }
};

}  // namespace

std::vector<LockCycle> find_cycles(const std::vector<LockEdge>& edges, bool& more) {
  Walk w{edges, {}, {}, {}, false};
  std::set<std::string> locks;
  for (const LockEdge& e : edges) {
    w.out[e.from].push_back(&e);
    locks.insert(e.from);
  }
  for (const std::string& start : locks) w.from(start, start);
  std::sort(w.cycles.begin(), w.cycles.end(),
            [](const LockCycle& a, const LockCycle& b) { return a.locks < b.locks; });
  more = w.more;
  return std::move(w.cycles);
}

}  // namespace weft::checker
