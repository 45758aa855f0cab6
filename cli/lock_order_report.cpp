#include "cli/lock_order_report.hpp"

#include <algorithm>
#include <set>

#include "checker/trace.hpp"
#include "cli/interrupt.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

namespace {

// Where cycle K's own deadlock trace goes (from 1).
std::string cycle_trace_path(const std::string& scenario, std::size_t k) {
  return "weft-lock-cycle-" + scenario + "-" + std::to_string(k) + ".json";
}

CycleVerdict judge(const checker::LockCycle& c, const checker::LockOrder& lo, std::size_t k,
                   const Prepared& p, const checker::Options& opt,
                   const std::set<std::string>& found, const std::string& found_trace) {
  CycleVerdict v{c.locks, CycleVerdict::Is::Undecided, {}, {}};
  if (!found.empty() && found == std::set<std::string>(c.locks.begin(), c.locks.end())) {
    v.is = CycleVerdict::Is::Reachable;
    v.trace = found_trace;
  } else if (c.deadlocked) {
    v.is = CycleVerdict::Is::Reachable;
    v.trace = cycle_trace_path(p.scenario->name, k);
    try {
      checker::write_trace(v.trace, make_trace(p, opt, c.deadlock, "dfs"));
    } catch (const checker::TraceError& e) {
      throw UsageError(e.what());
    }
  } else if (lo.complete && !c.gates.empty()) {
    v.is = CycleVerdict::Is::Guarded;
    v.gate = *c.gates.begin();
  } else if (lo.complete) {
    v.is = CycleVerdict::Is::Unreachable;
  }
  return v;
}

// "Thread-1, Thread-2", or the first few and how many more.
std::string threads_text(const std::set<std::string>& threads) {
  constexpr std::size_t kShown = 3;
  std::string text;
  std::size_t n = 0;
  for (const std::string& t : threads) {
    if (n == kShown) return text + " and " + std::to_string(threads.size() - kShown) + " more";
    text += (n++ ? ", " : "") + t;
  }
  return text;
}

std::string cycle_text(const std::vector<std::string>& locks) {
  std::string text;
  for (const std::string& l : locks) text += l + " -> ";
  return text + locks.front();
}

}  // namespace

LockOrderVerdict judge_lock_order(const Prepared& p, const checker::Options& opt,
                                  const sim::Outcome* deadlock, const std::string& deadlock_trace) {
  checker::Options o = opt;
  o.max_executions = kLockOrderExecutions;
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const checker::LockOrder lo = checker::lock_order([&s, &params] { s.body(params); }, o);
  LockOrderVerdict v{true, lo.edges, {}, lo.more_cycles, lo.complete, lo.cut_by, lo.executions};
  const std::set<std::string> found =
      deadlock && deadlock->status == sim::Status::Deadlock ? checker::deadlock_locks(*deadlock)
                                                            : std::set<std::string>{};
  for (std::size_t k = 0; k < lo.cycles.size(); ++k)
    v.cycles.push_back(judge(lo.cycles[k], lo, k + 1, p, o, found, deadlock_trace));
  return v;
}

void print_lock_order(std::ostream& os, const LockOrderVerdict& v) {
  if (!v.checked) return;
  os << "lock order: ";
  if (v.edges.empty())
    os << "no thread takes a lock while it holds another";
  else
    os << v.edges.size() << (v.edges.size() == 1 ? " order" : " orders") << " between locks, "
       << (v.cycles.empty()       ? std::string("no cycle")
           : v.cycles.size() == 1 ? std::string("1 cycle")
                                  : std::to_string(v.cycles.size()) + " cycles");
  os << " (" << v.executions << (v.executions == 1 ? " execution" : " executions") << ", "
     << (v.complete ? "complete" : "INCOMPLETE, " + cut_text(v.cut_by)) << ")\n";
  for (const checker::LockEdge& e : v.edges) {
    os << "  " << e.from << " -> " << e.to << "  (" << threads_text(e.threads) << ")\n";
  }
  for (const CycleVerdict& c : v.cycles) {
    os << "cycle " << cycle_text(c.locks) << ": ";
    switch (c.is) {
      case CycleVerdict::Is::Reachable:
        os << "reachable: " << c.trace << "  (weft replay " << c.trace << ")\n";
        break;
      case CycleVerdict::Is::Guarded:
        os << "not reachable: guarded by " << c.gate << "\n";
        break;
      case CycleVerdict::Is::Unreachable:
        os << "not reachable in any schedule explored (complete)\n";
        break;
      case CycleVerdict::Is::Undecided:
        os << "undecided: no deadlock on it in the executions explored (INCOMPLETE)\n";
        break;
    }
  }
  if (v.more_cycles) os << "(more cycles not listed)\n";
}

}  // namespace weft::cli
