// weft stress: many runs on real threads, each in its own process; the outcomes seen, and with
// --against-model whether the models contain them.
#include <chrono>
#include <iostream>
#include <thread>

#include "checker/possible.hpp"
#include "cli/commands.hpp"
#include "cli/scratch.hpp"
#include "cli/stress_report.hpp"
#include "real/batch.hpp"

namespace weft::cli {

namespace {

// Wall-clock seconds a search for one hung run's output in the model may take.
constexpr double kHungSearchBudget = 60;

void check_args(const StressArgs& sa, const RealArgs& ta) {
  if (sa.runs == 0) throw UsageError("--runs must be at least 1");
  if (sa.jobs > 1024) throw UsageError("--jobs must be at most 1024");
  if (!(ta.time_scale > 0)) throw UsageError("--time-scale must be positive");
  if (!(ta.timeout >= 0)) throw UsageError("--timeout must not be negative");
}

checker::Options model_options(const Prepared& p, std::uint64_t seed, sim::Timing timing) {
  checker::Options opt;
  opt.setup.stdin_lines = p.stdin_lines;
  opt.setup.seed = seed;
  opt.setup.timing = timing;
  // As weft outputs searches: the reduction first, then state caching where it does not finish,
  // so that the outcomes compared against are the whole set (docs/state-caching.md).
  opt.state_caching = true;
  opt.reduction_first = checker::kReductionFirst;
  return opt;
}

// The real runs, `jobs` child processes at a time, grouped by outcome.
void run_all(const Prepared& p, std::uint64_t seed, const StressArgs& sa, const RealArgs& ta,
             ScratchDirs& dirs, StressResult& r) {
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const auto started = std::chrono::steady_clock::now();
  real::run_batch(
      sa.runs, r.jobs, [&s, &params] { s.body(params); },
      [&](std::size_t i) {
        real::RealOptions o;
        o.time_scale = ta.time_scale;
        o.timeout = ta.timeout;
        o.stdin_lines = p.stdin_lines;
        o.seed = seed;  // the model's seed: randint and choose() draw what it drew
        o.perturb = sa.perturb;
        o.perturb_seed = seed * 0x100000001b3ULL + i;  // the same decisions for run i each time
        o.files_dir = dirs.make(i);
        return o;
      },
      [&](std::size_t i, const sim::Outcome& o) {
        add_run(r.outcomes, o);
        dirs.done(i);
      });
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

// Looks each hung outcome up in the untimed model.
void check_hung(const Prepared& p, std::uint64_t seed, StressResult& r) {
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const sim::Outcome& o = r.outcomes[i].outcome;
    if (o.status != sim::Status::Hung) continue;
    HungCheck h = look_up_hung(p, seed, o);
    h.outcome = i;
    r.hung.push_back(std::move(h));
  }
}

}  // namespace

// By its exact output: listing every model outcome can take far longer than finding one.
HungCheck look_up_hung(const Prepared& p, std::uint64_t seed, const sim::Outcome& o) {
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  checker::Options opt = model_options(p, seed, sim::Timing::Untimed);
  opt.time_budget = kHungSearchBudget;
  const checker::Target target{o.out, o.files, true};
  const auto found = checker::find_output([&s, &params] { s.body(params); }, target, opt);
  HungCheck h;
  h.undecided = found.answer == checker::PossibleResult::Answer::Undecided;
  h.found = found.answer == checker::PossibleResult::Answer::Possible &&
            real_matches_model(o, found.outcome);
  if (h.found) h.model = found.outcome;
  h.cpu_seconds = o.cpu_seconds;
  return h;
}

int cmd_stress(const RunArgs& ra, const RealArgs& ta, const StressArgs& sa) {
  check_args(sa, ta);
  const Prepared p = prepare(ra);
  ScratchDirs dirs(sa.keep_files);
  StressResult r;
  r.runs = sa.runs;
  r.jobs = sa.jobs != 0 ? sa.jobs : std::max(1u, std::thread::hardware_concurrency());
  r.time_scale = ta.time_scale;
  r.timeout = ta.timeout;
  r.perturb = sa.perturb;
  r.seed = ra.seed;
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  // The models first: they run on this thread alone, and children are forked only from a
  // process with no other threads.
  if (sa.against_model) {
    r.untimed = checker::explore(body, model_options(p, ra.seed, sim::Timing::Untimed));
    r.exact = checker::explore(body, model_options(p, ra.seed, sim::Timing::Exact));
  }
  run_all(p, ra.seed, sa, ta, dirs, r);
  if (sa.against_model) {
    r.conformance = compare(r.outcomes, *r.untimed, *r.exact);
  } else {
    check_hung(p, ra.seed, r);
  }
  const ReportContext ctx{s.name, params.values()};
  if (sa.json) {
    print_stress_json(std::cout, ctx, r);
  } else {
    print_stress_text(std::cout, ctx, r);
  }
  return stress_exit_code(r);
}

}  // namespace weft::cli
