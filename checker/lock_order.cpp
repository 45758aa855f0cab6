// The lock-order graph of checker/lock_order.hpp: a watch on the reduced search's executions
// (every step observed, as weft possible's pruned search does), then the graph's cycles.
#include "checker/lock_order.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include "checker/dpor.hpp"
#include "checker/in_flight.hpp"
#include "checker/progress.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

namespace {

// What the acquisitions of one pair (from, to) had in common so far.
struct EdgeSeen {
  std::set<std::string> threads;
  std::optional<std::set<std::string>> gates;  // none until the first acquisition
};
using Edges = std::map<std::pair<std::string, std::string>, EdgeSeen>;

// Passes the search what its own plan asks for (every step when it observes any, lone picks
// only then) while it watches every step for the locks each thread holds.
class LockWatch final : public sim::Strategy {
 public:
  LockWatch(DporStrategy& search, Edges& edges) : search_(search), edges_(edges) {}
  bool next_execution(sim::Plan& plan) override {
    inner_ = sim::Plan{};
    if (!search_.next_execution(inner_)) return false;
    held_.clear();
    plan.observe_from = 0;
    plan.ask_alone = true;
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    if (r.kind != sim::Decision::Value && r.options == 1 && !search_observes()) return 0;
    return search_.pick(rt, r);
  }
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (search_observes()) search_.observe(rt, t, what);
    if (what != sim::Observed::Executed) return;
    const sim::Op& op = rt.pending(t);
    if (op.object == nullptr || !op.object->is_lock()) return;
    if (held_.size() <= t) held_.resize(t + 1);
    if (op.kind == sim::OpKind::Acquire && (op.ready == nullptr || op.ready(op.object, t)))
      acquired(rt, t, op.object);
    else if (op.kind == sim::OpKind::Release)
      released(t, op.object);
  }
  const Schedule& schedule() const override { return search_.schedule(); }

 private:
  bool search_observes() const { return inner_.observe_from != sim::Plan::kNever; }

  // Thread t takes `lock` (it was free, or t's own RLock): an edge from every other lock t
  // holds, the rest of what it holds being that acquisition's gates.
  void acquired(const sim::Runtime& rt, sim::ThreadId t, const sim::Object* lock) {
    auto& mine = held_[t];
    const auto it = std::find_if(mine.begin(), mine.end(),
                                 [lock](const auto& h) { return h.first == lock; });
    if (it != mine.end()) {
      ++it->second;  // re-entered: it waited for nobody
      return;
    }
    const std::string to = lock->describe();
    for (const auto& [from, depth] : mine) {
      EdgeSeen& e = edges_[{from->describe(), to}];
      e.threads.insert(rt.thread_name(t));
      std::set<std::string> gates;
      for (const auto& [other, d] : mine)
        if (other != from) gates.insert(other->describe());
      if (!e.gates) {
        e.gates = std::move(gates);
      } else {
        std::set<std::string> both;
        std::set_intersection(e.gates->begin(), e.gates->end(), gates.begin(), gates.end(),
                              std::inserter(both, both.end()));
        e.gates = std::move(both);
      }
    }
    mine.emplace_back(lock, 1);
  }

  // Condition.wait gives its lock up with one release and takes it back with one acquisition,
  // so counting each keeps the depth right; in between its thread takes nothing.
  void released(sim::ThreadId t, const sim::Object* lock) {
    auto& mine = held_[t];
    const auto it = std::find_if(mine.begin(), mine.end(),
                                 [lock](const auto& h) { return h.first == lock; });
    if (it != mine.end() && --it->second == 0) mine.erase(it);
  }

  DporStrategy& search_;
  Edges& edges_;
  sim::Plan inner_;
  // Per thread: the locks it holds and how many times (this execution's objects).
  std::vector<std::vector<std::pair<const sim::Object*, int>>> held_;
};

}  // namespace

std::set<std::string> deadlock_locks(const sim::Outcome& o) {
  std::map<std::string, const sim::BlockedThread*> by_name;
  for (const sim::BlockedThread& b : o.blocked)
    if (b.op != "exit") by_name[b.thread] = &b;
  for (const sim::BlockedThread& start : o.blocked) {
    // Each thread waits for at most one holder here: walk until a thread repeats.
    std::vector<const sim::BlockedThread*> path;
    const sim::BlockedThread* at = &start;
    while (at != nullptr && at->held_by.size() == 1 &&
           std::find(path.begin(), path.end(), at) == path.end()) {
      path.push_back(at);
      const auto next = by_name.find(at->held_by[0]);
      at = next == by_name.end() ? nullptr : next->second;
    }
    if (at == nullptr || at->held_by.size() != 1) continue;
    std::set<std::string> locks;
    for (auto it = std::find(path.begin(), path.end(), at); it != path.end(); ++it)
      locks.insert((*it)->object);
    return locks;
  }
  return {};
}

LockOrder lock_order(const std::function<void()>& body, const Options& options) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const InFlightScope scope;
  sim::Runtime rt;
  DporStrategy search;
  Edges seen;
  LockWatch watch(search, seen);
  std::map<std::set<std::string>, Schedule> deadlocks;  // by the locks of their cycle
  LockOrder result;
  sim::Plan plan;
  bool limited = false;  // an execution was cut by a per-execution limit: what came next is unknown
  while (true) {
    if (!watch.next_execution(plan)) {
      result.complete = !limited;
      if (limited) result.cut_by = "per-execution limit (--max-steps, --max-time)";
      break;
    }
    note_execution(watch.schedule(), options.setup);
    const sim::Outcome& o = rt.execute(body, watch, options.setup, plan);
    ++result.executions;
    if (o.status == sim::Status::Deadlock) deadlocks.emplace(deadlock_locks(o), watch.schedule());
    limited = limited || o.status == sim::Status::Limit;
    plan = sim::Plan{};
    if (result.executions >= options.max_executions) {
      result.cut_by = "max-executions";
      break;
    }
    const std::chrono::duration<double> took = Clock::now() - started;
    if (options.time_budget > 0 && took.count() >= options.time_budget) {
      result.cut_by = "time-budget";
      break;
    }
    if (stop_requested()) {
      result.cut_by = kInterrupted;
      break;
    }
  }
  for (auto& [pair, e] : seen)
    result.edges.push_back(
        {pair.first, pair.second, e.threads, e.gates.value_or(std::set<std::string>{})});
  result.cycles = find_cycles(result.edges, result.more_cycles);
  for (LockCycle& c : result.cycles) {
    const auto d = deadlocks.find(std::set<std::string>(c.locks.begin(), c.locks.end()));
    if (d == deadlocks.end()) continue;
    c.deadlocked = true;
    c.deadlock = d->second;
  }
  return result;
}

}  // namespace weft::checker
