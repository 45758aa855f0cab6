// Random, PCT and POS side by side (checker/fuzz.hpp, fuzz_portfolio): each finds bugs the
// others find late. Random scheduling favours the orders many interleavings share; PCT
// (checker/pct.hpp) bugs of small depth, with a guarantee per run; POS (checker/pos.hpp) samples
// the partial orders more evenly. One run of each in turn, so that the first failure is found
// after about three times the runs the best of them would need alone.
#include <algorithm>
#include <chrono>

#include "checker/fuzz.hpp"
#include "checker/in_flight.hpp"
#include "checker/pct.hpp"
#include "checker/pos.hpp"
#include "checker/progress.hpp"
#include "checker/random.hpp"

namespace weft::checker {

namespace {

using Clock = std::chrono::steady_clock;

// One run of `strategy` with `setup`: true when it failed (then `report` has the failure).
template <class S>
bool run_one(const std::function<void()>& body, const Options& options, S& strategy,
             Fuzzer fuzzer, sim::Runtime& rt, const sim::ExecutionSetup& setup,
             FuzzReport& report) {
  ++report.runs;
  strategy.reseed(setup.seed);
  note_execution(strategy.schedule(), setup);
  const sim::Outcome& o = rt.execute(body, strategy, setup);
  report.threads = std::max(report.threads, rt.thread_count());
  if (o.status == sim::Status::Limit) ++report.limited;
  if (!is_failure(o, options.failures)) return false;
  report.fuzzer = fuzzer;
  report.failure = FuzzFailure{report.runs, setup.seed,
                               shrink(body, setup, strategy.schedule(), options.failures)};
  return true;
}

}  // namespace

FuzzReport fuzz_portfolio(const std::function<void()>& body, const Options& options) {
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  FuzzReport report;
  report.portfolio = true;
  report.fuzzer = Fuzzer::Pct;
  report.first_seed = options.setup.seed;
  const InFlightScope scope;
  sim::Runtime rt;
  RandomStrategy random;
  PctStrategy pct(options.pct_depth);
  PosStrategy pos;
  report.depth = pct.depth();
  sim::ExecutionSetup setup = options.setup;
  Pacer pacer(started);
  while (report.rounds < options.max_executions) {
    if (const char* cut = cut_before_next(options.time_budget, report.rounds, elapsed())) {
      report.cut_by = cut;
      break;
    }
    if (options.on_progress && pacer.due())
      options.on_progress(Progress{report.runs, 0, 0, pacer.seconds(), -1});
    setup.seed = report.first_seed + report.rounds;
    ++report.rounds;
    if (run_one(body, options, random, Fuzzer::Random, rt, setup, report) ||
        run_one(body, options, pct, Fuzzer::Pct, rt, setup, report) ||
        run_one(body, options, pos, Fuzzer::Pos, rt, setup, report))
      break;
  }
  report.steps = pct.steps_seen();
  report.seconds = elapsed();
  return report;
}

}  // namespace weft::checker
