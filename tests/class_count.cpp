#include "class_count.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <string>
#include <vector>

#include "checker/dfs.hpp"
#include "checker/dpor_relation.hpp"
#include "sim/runtime.hpp"
#include "sim/strategy.hpp"

namespace weft::test {

namespace {

using checker::dpor::Footprint;

// One executed step: who, what it touched, and the values it was given.
struct Step {
  std::string thread;  // by name: ids follow the order threads were made in
  Footprint footprint;
  std::vector<std::size_t> values;
  std::uint32_t process = 0;  // sim::Runtime::process_of() its thread
};

// Whether a and b do not commute: one object, at least one writing (and the rules across
// objects of the reduction's relation, a process's terminate against its threads' steps among
// them; the end of the last non-daemon thread against the daemons is left out: count_classes
// refuses programs with daemon threads).
bool dependent(const Step& a, const Step& b) {
  return checker::dpor::conflict(a.footprint, b.footprint) ||
         checker::dpor::kills(a.footprint, b.footprint, b.process) ||
         checker::dpor::kills(b.footprint, a.footprint, a.process);
}

// The canonical form of one execution (see count_classes).
std::string canonical(const std::vector<Step>& steps) {
  std::map<std::string, std::vector<std::size_t>> by_thread;  // thread -> its steps, in order
  std::vector<std::size_t> nth(steps.size());                 // a step's place in its thread
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto& mine = by_thread[steps[i].thread];
    nth[i] = mine.size();
    mine.push_back(i);
  }
  std::ostringstream key;
  for (const auto& [thread, own] : by_thread) {
    key << thread << ':';
    for (std::size_t i : own) {
      const Footprint& f = steps[i].footprint;
      key << ' ' << static_cast<int>(f.kind) << '/' << f.object;
      for (std::size_t v : steps[i].values) key << '=' << v;
    }
    key << '\n';
  }
  // Each dependent pair of steps of different threads, in the order they ran.
  std::set<std::tuple<std::string, std::size_t, std::string, std::size_t>> order;
  for (std::size_t i = 0; i < steps.size(); ++i)
    for (std::size_t j = i + 1; j < steps.size(); ++j)
      if (steps[i].thread != steps[j].thread && dependent(steps[i], steps[j]))
        order.emplace(steps[i].thread, nth[i], steps[j].thread, nth[j]);
  for (const auto& [a, i, b, j] : order) key << a << '#' << i << '<' << b << '#' << j << '\n';
  return key.str();
}

// The naive search (a depth-first search with a bound no schedule reaches, so that it asks at
// every pick instead of letting the runtime repeat them), observing every step.
class Canonicalising final : public sim::Strategy {
 public:
  bool next_execution(sim::Plan& plan) override {
    if (started_) forms_.insert(canonical(steps_));
    started_ = true;
    steps_.clear();
    if (!dfs_.next_execution(plan)) return false;
    plan.observe_from = 0;
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    if (r.options < 2) return 0;  // a lone pick, asked only because steps are observed
    const std::size_t i = dfs_.pick(rt, r);
    if (r.kind == sim::Decision::Value) steps_.back().values.push_back(i);
    return i;
  }
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (what == sim::Observed::Published) {
      daemons_ = daemons_ || rt.is_daemon(t);
      if (next_.size() <= t) next_.resize(t + 1);
      checker::dpor::footprint(rt.pending(t), false, rt.world().threads_object.id(), next_[t]);
      if (rt.process_of(t) != 0) next_[t].flags |= checker::dpor::kInProcess;
      return;
    }
    steps_.push_back(Step{rt.thread_name(t), next_[t], {}, rt.process_of(t)});
  }
  const sim::Schedule& schedule() const override { return dfs_.schedule(); }

  std::size_t classes() const { return forms_.size(); }
  bool daemons() const { return daemons_; }

 private:
  checker::DfsStrategy dfs_{1U << 30};
  std::vector<Footprint> next_;  // each thread's published operation
  std::vector<Step> steps_;      // of the execution running
  std::set<std::string> forms_;
  bool started_ = false;
  bool daemons_ = false;
};

}  // namespace

ClassCount count_classes(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                         std::uint64_t max_executions) {
  Canonicalising search;
  ClassCount count;
  {
    sim::Runtime rt;
    sim::Plan plan;
    while (search.next_execution(plan)) {
      if (count.executions == max_executions) return count;
      rt.execute(body, search, setup, plan);
      ++count.executions;
    }
  }
  if (search.daemons()) throw std::logic_error("count_classes: the program has daemon threads");
  count.complete = true;
  count.classes = search.classes();
  return count;
}

}  // namespace weft::test
