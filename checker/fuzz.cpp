#include "checker/fuzz.hpp"

#include <algorithm>
#include <chrono>

#include "checker/fuzz_jobs.hpp"
#include "checker/in_flight.hpp"
#include "checker/pct.hpp"
#include "checker/pos.hpp"
#include "checker/progress.hpp"
#include "checker/random.hpp"

namespace weft::checker {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The loop both fuzzers share. S has reseed(seed) and schedule().
template <class S>
void run_fuzz(const std::function<void()>& body, const Options& options, S& strategy,
              FuzzReport& report) {
  const auto started = Clock::now();
  const InFlightScope scope;
  sim::Runtime rt;
  sim::ExecutionSetup setup = options.setup;
  report.first_seed = options.setup.seed;
  Pacer pacer(started);
  while (report.runs < options.max_executions) {
    if (const char* cut =
            cut_before_next(options.time_budget, report.runs, seconds_since(started))) {
      report.cut_by = cut;
      break;
    }
    if (options.on_progress && pacer.due())
      options.on_progress(Progress{report.runs, 0, 0, pacer.seconds(), -1});
    setup.seed = report.first_seed + report.runs;
    ++report.runs;
    strategy.reseed(setup.seed);
    note_execution(strategy.schedule(), setup);
    const sim::Outcome& o = rt.execute(body, strategy, setup);
    report.threads = std::max(report.threads, rt.thread_count());
    if (o.status == sim::Status::Limit) ++report.limited;
    if (is_failure(o, options.failures)) {
      report.failure = FuzzFailure{report.runs, setup.seed,
                                   shrink(body, setup, strategy.schedule(), options.failures)};
      break;
    }
  }
  report.seconds = seconds_since(started);
}

}  // namespace

const char* fuzzer_name(Fuzzer f) {
  switch (f) {
    case Fuzzer::Random: return "random";
    case Fuzzer::Pct: return "pct";
    case Fuzzer::Pos: break;
  }
  return "pos";
}

FuzzReport fuzz(const std::function<void()>& body, const Options& options, Fuzzer fuzzer,
                unsigned jobs) {
  FuzzReport report;
  report.fuzzer = fuzzer;
  if (jobs > 1) {
    if (fuzzer == Fuzzer::Pct) report.depth = PctStrategy(options.pct_depth).depth();
    fuzz_on_jobs(body, options, jobs, report);
    return report;
  }
  if (fuzzer == Fuzzer::Random) {
    RandomStrategy random;
    run_fuzz(body, options, random, report);
  } else if (fuzzer == Fuzzer::Pos) {
    PosStrategy pos;
    run_fuzz(body, options, pos, report);
  } else {
    PctStrategy pct(options.pct_depth);
    report.depth = pct.depth();
    run_fuzz(body, options, pct, report);
    report.steps = pct.steps_seen();
  }
  return report;
}

double pct_probability(const FuzzReport& r) {
  return pct_probability(r.threads, r.steps, r.depth);
}

}  // namespace weft::checker
