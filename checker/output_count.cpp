#include "checker/output_count.hpp"

#include <chrono>
#include <optional>

#include "checker/memory.hpp"
#include "checker/output_describe.hpp"
#include "checker/output_graph.hpp"
#include "checker/output_orbits.hpp"
#include "checker/stateful.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

namespace {

// Runs the state caching search for statuses (stdout out of the state) and records its graph:
// each execution, from the last state it looked up on the way the previous one had taken, adds
// the ways on it takes that no execution took before — to the next state it looks up (new or
// not: a state seen before stops the execution), or to its end.
class GraphRecorder final : public sim::Strategy, public StateListener {
 public:
  GraphRecorder(OutputGraph& g, const OutputCountOptions& options, bool symmetry)
      : g_(g), max_states_(options.max_states), symmetry_(symmetry) {
    StatefulOptions so;
    so.outputs = false;
    so.symmetry = symmetry;
    so.max_bytes = (options.max_memory != 0 ? options.max_memory : default_max_memory()) / 4;
    so.listener = this;
    search_.emplace(so);
  }

  bool next_execution(sim::Plan& plan) override {
    if (!search_->next_execution(plan)) return false;
    // The states looked up before the decision that changed (the last of the schedule now) are
    // on this execution's way too; the later ones are not.
    const std::size_t kept = search_->schedule().size();
    while (!path_.empty() && path_.back().depth >= kept) path_.pop_back();
    if (symmetry_) creation_.begin();
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    return search_->pick(rt, r);
  }
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (symmetry_) {
      if (what == sim::Observed::Published) {
        creation_.published(rt);
      } else {
        creation_.executed(rt, t);
      }
    }
    search_->observe(rt, t, what);
  }
  void declared(const sim::Runtime& rt, sim::ThreadId t, std::uint64_t a,
                std::uint64_t b) override {
    search_->declared(rt, t, a, b);
  }
  const sim::Schedule& schedule() const override { return search_->schedule(); }

  void looked_up(const sim::Runtime& rt, std::uint64_t key, bool first,
                 std::span<const sim::ThreadId> labels,
                 std::span<const sim::ThreadId> ties) override {
    const std::uint32_t to = g_.state(key);
    if (first && !ties.empty()) g_.tie(to, ties);
    const std::uint32_t frame = g_.frame(labels);
    const std::string& out = rt.world().out;
    g_.add(from().state, std::string_view(out).substr(from().printed), to, false, from().frame,
           frame);
    path_.push_back(Visit{search_->schedule().size(), to, out.size(), frame});
    if (g_.states() > max_states_) too_many_ = true;
    if (symmetry_) see_threads(rt);
  }
  // The execution ended (not stopped at a state seen before).
  void ended(const sim::Outcome& o) {
    g_.add(from().state, std::string_view(o.out).substr(from().printed), g_.end(o), true,
           from().frame);
  }
  // Each thread's name and class, which renaming a printed line relies on: the same in every
  // state.
  void see_threads(const sim::Runtime& rt) {
    const std::size_t n = rt.thread_count();
    for (sim::ThreadId t = 0; t < n; ++t) {
      const std::uint64_t cls = Symmetry::class_of(rt, t);
      if (t == g_.names.size()) {
        g_.names.push_back(rt.thread_name(t));
        g_.classes.push_back(cls);
      } else if (g_.names[t] != rt.thread_name(t) || g_.classes[t] != cls) {
        g_.names_differ = true;
      }
      if (cls != 0) {
        const auto [it, added] = daemons_.try_emplace(cls, rt.is_daemon(t));
        if (!added && it->second != rt.is_daemon(t)) daemons_differ_ = true;
      }
    }
  }
  // Whether the whole output set is invariant under renaming each class's threads
  // (checker/output_orbits.hpp): set on the graph once the search is over.
  void see_orbits() {
    std::size_t class_threads = 0;
    for (const std::uint64_t c : g_.classes) class_threads += c != 0;
    g_.orbits_why_not = daemons_differ_ ? "threads of one class differ in their daemon flag"
                                        : creation_.why_not(class_threads);
    g_.orbits = g_.orbits_why_not.empty();
  }

  bool unsupported() const { return search_->unsupported(); }
  bool joins_unsound() const { return search_->joins_unsound(); }
  bool full() const { return search_->full(); }
  bool too_many() const { return too_many_; }
  bool nondeterministic_search() const { return search_->nondeterministic(); }

 private:
  struct Visit {
    std::size_t depth;     // decisions made before it
    std::uint32_t state;   // in the graph
    std::size_t printed;   // length of stdout then
    std::uint32_t frame;   // its threads' canonical labels (OutputGraph::frame)
  };
  Visit from() const {
    return path_.empty() ? Visit{0, OutputGraph::kRoot, 0, OutputGraph::kIdentity} : path_.back();
  }

  OutputGraph& g_;
  std::uint64_t max_states_;
  bool symmetry_;
  std::optional<StatefulStrategy> search_;
  std::vector<Visit> path_;
  bool too_many_ = false;
  CreationWatch creation_;
  std::unordered_map<std::uint64_t, bool> daemons_;  // by class: the daemon flag of its first
  bool daemons_differ_ = false;
};

}  // namespace

namespace {

// The description and samples of the outputs of a graph counted exactly.
void describe(const OutputGraph& g, const OutputCountOptions& options, const CountLimits& limits,
               OutputCount& r) {
  const GraphCounter recount = [&](const OutputGraph& h) -> std::optional<Count> {
    Count n = 0;
    std::uint64_t sets = 0;
    std::string why_not;
    bool unsound = false;
    const bool ok = r.symmetry ? count_paths_symmetric(h, limits, n, sets, why_not, unsound)
                               : count_paths(h, limits, n, sets, why_not);
    return ok ? std::optional<Count>(n) : std::nullopt;
  };
  if (options.describe_lines != 0) {
    Description d;
    if (describe_graph(g, r.symmetry, r.distinct, recount, options.describe_lines, d,
                       r.description_why_not))
      r.description = std::move(d);
  }
  if (options.sample != 0) {
    const auto keep_all = [](const sim::Outcome&) { return false; };
    r.samples = sample_graph(g, r.symmetry, options.sample, options.sample_seed,
                             options.skip ? options.skip : keep_all);
  }
}

// Records the graph (with symmetry or without) and counts its paths' distinct outcomes. With
// symmetry, `unsound` when the renaming could not be carried to what was printed.
OutputCount count_once(const std::function<void()>& body, const OutputCountOptions& options,
                       bool symmetry, bool& unsound) {
  OutputCount r;
  unsound = false;
  OutputGraph g;
  GraphRecorder recorder(g, options, symmetry);
  sim::Runtime rt;
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  sim::Plan plan;
  bool more = recorder.next_execution(plan);
  while (more) {
    if (r.executions >= options.max_executions) {
      r.why_not = "max-executions";
      return r;
    }
    if (options.time_budget > 0 && (r.executions & 15) == 0 && elapsed() >= options.time_budget) {
      r.why_not = "time-budget";
      return r;
    }
    if (options.max_memory != 0 && (r.executions & 1023) == 0 &&
        peak_resident_bytes() > options.max_memory) {
      r.why_not = "max-memory";
      return r;
    }
    const sim::Outcome& o = rt.execute(body, recorder, options.setup, plan);
    ++r.executions;
    if (recorder.unsupported()) {
      r.why_not = "some object cannot say its state";
      return r;
    }
    if (recorder.too_many()) {
      r.why_not = "more states than the count may keep";
      return r;
    }
    if (!o.redundant) recorder.ended(o);
    plan = sim::Plan{};
    more = recorder.next_execution(plan);
  }
  r.states = g.states();
  if (recorder.joins_unsound()) {
    r.why_not = "a thread of a class was joined otherwise than in one run by its starter";
    unsound = true;
    return r;
  }
  if (recorder.nondeterministic_search()) {
    r.why_not = "nondeterministic: the program did something else on the same schedule";
    return r;
  }
  // With the visited set full, states were explored again: their ways on recorded twice, which
  // changes no count (the count takes sets).
  r.symmetry = symmetry && g.frames.size() > 1;
  CountLimits limits;
  limits.max_sets = options.max_sets;
  limits.max_bytes = options.max_count_bytes;
  if (options.time_budget > 0)
    limits.deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(options.time_budget));
  if (symmetry && options.orbits) recorder.see_orbits();
  r.orbits_why_not = g.orbits_why_not;
  r.exact = r.symmetry
                ? count_paths_symmetric(g, limits, r.distinct, r.sets, r.why_not, unsound)
                : count_paths(g, limits, r.distinct, r.sets, r.why_not);
  r.orbits = r.exact && r.symmetry && g.orbits;
  if (r.exact) describe(g, options, limits, r);
  return r;
}

}  // namespace

OutputCount count_outputs(const std::function<void()>& body, const OutputCountOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  bool unsound = false;
  OutputCount r = count_once(body, options, options.symmetry, unsound);
  if (!unsound) return r;
  // The plain count, within what is left of the budget.
  OutputCountOptions plain = options;
  if (plain.time_budget > 0) {
    plain.time_budget -=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (plain.time_budget <= 0) plain.time_budget = 1e-9;
  }
  OutputCount p = count_once(body, plain, false, unsound);
  p.executions += r.executions;
  p.symmetry_why_not = r.why_not;
  return p;
}

}  // namespace weft::checker
