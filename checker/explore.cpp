#include "checker/explore.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>

#include "checker/dfs.hpp"
#include "checker/dpor.hpp"
#include "checker/memory.hpp"
#include "checker/in_flight.hpp"
#include "checker/outcomes.hpp"
#include "checker/split.hpp"
#include "checker/output_count.hpp"
#include "checker/stateful.hpp"

namespace weft::checker {

namespace {

// The runtime a search runs its executions on. Each OS thread keeps one that its searches borrow
// one after another: building a runtime costs allocations (thread records, slots, buffers) that
// a short search (daemon: 15 executions) would otherwise spend a good part of its time on. A
// search started while it is lent out (from inside an execution) builds its own.
class BorrowedRuntime {
 public:
  BorrowedRuntime() {
    thread_local Cache cache;
    if (cache.lent) {
      rt_ = &own_.emplace();
      return;
    }
    cache_ = &cache;
    cache.lent = true;
    rt_ = cache.rt ? &*cache.rt : &cache.rt.emplace();
  }
  ~BorrowedRuntime() {
    if (cache_ == nullptr) return;
    // A search cut short by an exception may leave it mid-execution: the next one starts afresh.
    if (std::uncaught_exceptions() > exceptions_) cache_->rt.reset();
    cache_->lent = false;
  }
  BorrowedRuntime(const BorrowedRuntime&) = delete;
  BorrowedRuntime& operator=(const BorrowedRuntime&) = delete;
  sim::Runtime& get() { return *rt_; }

 private:
  struct Cache {
    std::optional<sim::Runtime> rt;
    bool lent = false;
  };
  Cache* cache_ = nullptr;
  std::optional<sim::Runtime> own_;
  sim::Runtime* rt_ = nullptr;
  int exceptions_ = std::uncaught_exceptions();
};

// Whether the process has held more memory than the search may: after the first execution (a
// limit the program alone exceeds ends the search at once), then at most every 50 ms.
class MemoryWatch {
 public:
  explicit MemoryWatch(std::uint64_t limit) : limit_(limit) {}
  bool exceeded(std::uint64_t executions, double now) {
    if (executions > 1 && now < next_) return false;
    next_ = now + 0.05;
    return peak_resident_bytes() > limit_;
  }

 private:
  std::uint64_t limit_;
  double next_ = 0;
};

// What the search has done so far: a strategy that measures itself (checker/progress.hpp) says
// how much of its tree it explored and how many states it caches. Asked a few times a second.
Progress progress_of(const Report& report, const OutcomeTable& table,
                     const sim::Strategy& strategy, double seconds) {
  Progress p{report.executions, table.distinct(), 0, seconds, -1};
  if (const auto* m = dynamic_cast<const Measured*>(&strategy)) {
    p.explored = m->explored();
    p.states = m->states_cached();
  }
  return p;
}

// A search tried first for a while (explore_portfolio): every `every` executions it goes on only
// while its own estimate of its whole size (Measured::explored) stays within `bound` executions.
struct Trial {
  std::uint64_t every = 0;  // 0: not a trial
  std::uint64_t bound = 0;
};

bool likely_within(const sim::Strategy& strategy, std::uint64_t executions, std::uint64_t bound) {
  const auto* m = dynamic_cast<const Measured*>(&strategy);
  const double explored = m != nullptr ? m->explored() : -1;
  return explored > 0 && static_cast<double>(executions) <= explored * static_cast<double>(bound);
}

// Runs executions until the strategy has no schedule left or a budget is spent.
// `split`: a split search's strategy, whose executions of other prefixes are not counted;
// `among_jobs`: one of several searches on OS threads at once (checker/split.hpp).
// `ended`: told of every execution's outcome, redundant ones too.
Report run_search(const std::function<void()>& body, const Options& options,
                  sim::Strategy& strategy, Trial trial = {}, const DporStrategy* split = nullptr,
                  bool among_jobs = false, StatefulStrategy* ended = nullptr) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };

  BorrowedRuntime borrowed;
  sim::Runtime& rt = borrowed.get();
  Report report;
  report.max_memory = options.max_memory != 0 ? options.max_memory : default_max_memory();
  OutcomeTable table(options, report.max_memory / 4);
  MemoryWatch memory(report.max_memory);
  std::optional<InFlightScope> scope;
  if (!among_jobs) scope.emplace();
  Pacer pacer(started);
  sim::Plan plan;
  report.complete = !strategy.next_execution(plan);
  while (!report.complete) {
    if (among_jobs) [[unlikely]] {
      in_flight().executions.fetch_add(1, std::memory_order_relaxed);
    } else {
      note_execution(strategy.schedule(), options.setup);
    }
    const sim::Outcome& o = rt.execute(body, strategy, options.setup, plan);
    if (ended != nullptr) ended->ended(o);
    if (split != nullptr && split->foreign()) [[unlikely]] {
      // Another prefix's execution (checker/split.hpp): counted where that prefix is searched.
    } else if (++report.executions; o.redundant) {
      ++report.redundant;
    } else {
      const bool stop = options.stop_at_failure && is_failure(o, options.failures);
      const OutcomeGroup* g = table.add(o, strategy.schedule(), stop);
      if (g != nullptr && options.on_outcome) [[unlikely]]
        options.on_outcome(table.index_of(*g), *g);
      if (stop) {
        report.failure = table.index_of(*g);
        report.failure_execution = report.executions;
        report.cut_by = "failure";
        break;
      }
    }
    plan = sim::Plan{};
    if (!strategy.next_execution(plan)) {
      report.complete = true;
      break;
    }
    if (report.executions >= options.max_executions ||
        (trial.every != 0 && report.executions % trial.every == 0 &&
         !likely_within(strategy, report.executions, trial.bound))) [[unlikely]] {
      report.cut_by = "max-executions";
      break;
    }
    if (stop_requested()) [[unlikely]] {
      report.cut_by = kInterrupted;
      note_stopped();
      break;
    }
    if (options.on_progress && pacer.due()) [[unlikely]]
      options.on_progress(progress_of(report, table, strategy, pacer.seconds()));
    // Reading the clock costs about as much as a fiber switch: after the first execution, then
    // every 16.
    if (report.executions == 1 || (report.executions & 15) == 0) {
      const double now = elapsed();
      if (options.time_budget > 0 && now >= options.time_budget) {
        report.cut_by = "time-budget";
        break;
      }
      if (memory.exceeded(report.executions, now)) {
        report.cut_by = "max-memory";
        break;
      }
    }
  }
  report.nondeterministic = strategy.nondeterministic();
  table.finish(report);
  report.seconds = elapsed();
  return report;
}

}  // namespace

PrefixRun explore_prefix(const std::function<void()>& body, const Options& options,
                         std::uint32_t depth, std::size_t prefix) {
  return explore_prefix(body, options, depth, prefix, false);
}

PrefixRun explore_prefix(const std::function<void()>& body, const Options& options,
                         std::uint32_t depth, std::size_t prefix, bool among_jobs) {
  DporStrategy dpor;
  dpor.split(depth, prefix);
  PrefixRun run{run_search(body, options, dpor, {}, &dpor, among_jobs), dpor.prefixes(),
                dpor.reached_split(), dpor.awake_prefixes()};
  run.report.reduction = true;
  if (run.report.complete && run.report.distinct_with(sim::Status::Limit) > 0) {
    run.report.complete = false;
    run.report.cut_by = "per-execution limit (--max-steps, --max-time)";
  }
  return run;
}

Report explore_all(const std::function<void()>& body, const Options& options) {
  DfsStrategy dfs(options.max_preemptions);
  Report r = run_search(body, options, dfs);
  r.max_preemptions = options.max_preemptions;
  return r;
}

// --- state caching (checker/stateful.hpp) ---
namespace {
// The search with state caching, or nothing when some object cannot say its state (then the
// caller searches without it). With symmetry where outputs matter, a search that finds a name of
// an interchangeable thread printed is run again without symmetry, with what is left of the
// budgets (docs/state-caching.md, "Listing outputs with symmetry").
std::optional<Report> explore_stateful(const std::function<void()>& body, const Options& options) {
  StatefulOptions so;
  so.outputs = options.outputs_matter;
  so.symmetry = options.symmetry;
  so.max_bytes = (options.max_memory != 0 ? options.max_memory : default_max_memory()) / 4;
  StatefulStrategy search(so);
  Report r = run_search(body, options, search, {}, nullptr, false, &search);
  if (search.unsupported()) return std::nullopt;
  if (search.names_printed() || search.joins_unsound()) {
    Options plain = options;
    plain.symmetry = false;
    plain.max_executions = options.max_executions - std::min(options.max_executions, r.executions);
    if (options.time_budget > 0)
      plain.time_budget = std::max(options.time_budget - r.seconds, 1e-3);
    std::optional<Report> again = explore_stateful(body, plain);
    if (again) {
      again->executions += r.executions;
      again->seconds += r.seconds;
    }
    return again;
  }
  r.state_caching = true;
  r.symmetry = so.symmetry && search.symmetry_stats().interchangeable > 0;
  r.states = search.states();
  r.states_full = search.full();
  r.statuses_only = !so.outputs;
  return r;
}
}  // namespace

namespace {
Report explore_reduced(const std::function<void()>& body, const Options& options,
                       Trial trial = {});

// The reduction run first goes on past Options::reduction_first executions while, at each further
// multiple of them, its own estimate of its size (Knuth's, checker/dpor_progress.cpp) stays
// within kLikelyTotal times them, and up to kTrialCap times them at most. The estimate runs ahead
// of the search (later races add branches), hence the margin; the cap bounds what an estimate
// too hopeful costs. event_overtime with 3 workers: 31,710 estimated at 10,000 executions,
// 17,678 in all, where state caching is cut at a million.
constexpr std::uint64_t kLikelyTotal = 5;
constexpr std::uint64_t kTrialCap = 10;

// The distinct outcomes counted over the state graph (checker/output_count.hpp), described and
// sampled there, within kCountSeconds and what is left of the command's budget; nothing when
// the count does not finish.
std::optional<CountedOutputs> count_unlisted(const std::function<void()>& body,
                                             const Options& options, const Report& first,
                                             std::string& why_not, double& seconds) {
  OutputCountOptions co;
  co.setup = options.setup;
  co.max_memory = options.max_memory;
  co.max_executions = UINT64_MAX;
  // A state of the graph and a set of the count take a few hundred bytes each: together within
  // a quarter of the memory limit, like the search's own tables.
  const std::uint64_t bytes =
      (options.max_memory != 0 ? options.max_memory : default_max_memory()) / 4;
  co.max_states = bytes / 512;
  co.max_sets = bytes / 512;
  co.max_count_bytes = bytes;
  co.time_budget = kCountSeconds;
  if (options.time_budget > 0)
    co.time_budget = std::min(co.time_budget, options.time_budget - first.seconds);
  if (co.time_budget <= 0) {
    why_not = "time-budget";
    return std::nullopt;
  }
  co.describe_lines = options.describe_lines;
  co.sample = options.sample;
  co.sample_seed = options.sample_seed;
  co.skip = [&first](const sim::Outcome& o) {
    return std::any_of(first.outcomes.begin(), first.outcomes.end(),
                       [&](const OutcomeGroup& g) { return g.outcome.same_as(o); });
  };
  const auto started = std::chrono::steady_clock::now();
  OutputCount c = count_outputs(body, co);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!c.exact) {
    why_not = c.why_not;
    return std::nullopt;
  }
  CountedOutputs r;
  r.distinct = c.distinct;
  r.executions = c.executions;
  r.states = c.states;
  r.symmetry = c.symmetry;
  r.description = std::move(c.description);
  r.description_why_not = std::move(c.description_why_not);
  r.samples = std::move(c.samples);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

// The reduction first, as above. It answers unless it stopped short of the command's budget
// without completing (or met a per-execution limit); then state caching runs with what is left
// of the execution and time budgets, and its report counts the executions and seconds spent here
// too. Both announce their outcomes (Options::on_outcome): a supervising process keeps what the
// first found if the second never reports.
Report explore_portfolio(const std::function<void()>& body, const Options& options) {
  Options probe = options;
  probe.max_executions = std::min(options.max_executions, options.reduction_first * kTrialCap);
  Report first = explore_reduced(body, probe,
                                 Trial{options.reduction_first, options.reduction_first * kLikelyTotal});
  const bool spent =
      first.cut_by == "max-executions" && first.executions < options.max_executions;
  const bool limited = !first.complete && first.distinct_with(sim::Status::Limit) > 0 &&
                       first.cut_by != kInterrupted && !first.failure;
  if (!spent && !limited) return first;
  double counting = 0;  // seconds spent counting before the listing goes on
  std::string count_cut_by;
  // The count answers instead of the listing when the listing cannot finish within the
  // executions left, or need not: more outcomes than are kept in full, all of them described over
  // the graph. Without that description (a line printed twice in one outcome: event_overtime's
  // workers), a listing that can finish is the better answer: complete, described exactly.
  std::optional<CountedOutputs> counted;
  if (options.count_unlisted && spent) {
    std::optional<CountedOutputs> c = count_unlisted(body, options, first, count_cut_by, counting);
    if (c && (c->distinct > options.max_executions - first.executions ||
              c->distinct > options.keep_outcomes)) {
      first.cut_by = kCountedInstead;
      if (c->description || c->distinct > options.max_executions - first.executions) {
        first.seconds += c->seconds;
        first.counted = std::move(c);
        return first;
      }
      counted = std::move(c);
    }
  }
  Options rest = options;
  // The budgets are the command's: what the reduction spent is spent.
  rest.max_executions = options.max_executions - first.executions;
  if (options.time_budget > 0)
    rest.time_budget = std::max(options.time_budget - first.seconds - counting, 1e-3);
  std::optional<Report> r = explore_stateful(body, rest);
  // A listing tried after the count that did not finish: the count is the better answer.
  if (counted && (!r || !r->complete)) {
    if (r) first.executions += r->executions, first.seconds += r->seconds;
    first.seconds += counted->seconds;
    first.counted = std::move(counted);
    return first;
  }
  if (!r) r = explore_reduced(body, options);
  else r->executions += first.executions, r->seconds += first.seconds + counting;
  r->count_cut_by = std::move(count_cut_by);
  r->count_seconds = counting;
  return *std::move(r);
}
}  // namespace

Report explore(const std::function<void()>& body, const Options& options) {
  if (options.state_caching && options.max_preemptions == kUnbounded) {
    if (options.reduction_first != 0 && options.reduction) return explore_portfolio(body, options);
    if (std::optional<Report> r = explore_stateful(body, options)) return *std::move(r);
  }
  if (!options.reduction) return explore_all(body, options);
  return explore_reduced(body, options);
}

namespace {
Report explore_reduced(const std::function<void()>& body, const Options& options, Trial trial) {
  // A bound keeps the reduction (bounded partial-order reduction, checker/dpor_bound.cpp).
  DporStrategy dpor(options.max_preemptions);
  Report r = run_search(body, options, dpor, trial);
  r.reduction = true;
  r.max_preemptions = options.max_preemptions;
  r.bound_cut = dpor.bound_cut();
  // An execution cut by a limit hides the races after the cut, which the reduction needs to
  // find the other orders before it: its search is not complete.
  if (r.complete && r.distinct_with(sim::Status::Limit) > 0) {
    r.complete = false;
    r.cut_by = "per-execution limit (--max-steps, --max-time)";
  }
  return r;
}
}  // namespace

}  // namespace weft::checker
