// Fuzzing: many seeded runs under random or PCT scheduling, stopping at the first failure, which
// is shrunk before it is reported. Run i (from 1) uses seed options.setup.seed + i - 1, for its
// schedule and for the scenario's random generator alike, so every run can be named by its seed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "checker/explore.hpp"
#include "checker/shrink.hpp"

namespace weft::checker {

// Runs per scenario when neither a count nor a time budget is given.
inline constexpr std::uint64_t kDefaultFuzzRuns = 1000;

// How runs are scheduled.
enum class Fuzzer : std::uint8_t {
  Random,  // uniform among the enabled threads (checker/random.hpp)
  Pct,     // probabilistic concurrency testing (checker/pct.hpp)
  Pos,     // partial order sampling (checker/pos.hpp)
};
const char* fuzzer_name(Fuzzer f);

// The first failing run, shrunk.
struct FuzzFailure {
  std::uint64_t run = 0;   // its number, from 1
  std::uint64_t seed = 0;  // the seed it ran with
  Shrunk shrunk;
};

struct FuzzReport {
  Fuzzer fuzzer = Fuzzer::Pct;
  std::uint32_t depth = 0;       // PCT's d
  std::uint64_t runs = 0;        // runs made, the failing one included
  std::uint64_t first_seed = 0;  // run i used seed first_seed + i - 1
  std::uint64_t limited = 0;     // runs the step or virtual-time limit cut: undecided
  std::size_t threads = 0;       // n: the most threads one run started
  std::uint64_t steps = 0;       // k: the most scheduling choices one run made (PCT)
  std::optional<FuzzFailure> failure;
  std::string cut_by;            // "time-budget" when it stopped before max_executions runs
  // fuzz_portfolio: the runs were rounds of one run of each fuzzer; `fuzzer` is the one that
  // failed (when one did), `runs` counts every run, rounds the rounds begun.
  bool portfolio = false;
  std::uint64_t rounds = 0;
  double seconds = 0;            // wall-clock time, shrinking included
};

// Up to options.max_executions runs of `body` (or until options.time_budget), under
// options.setup with each run's seed; stops at the first failure (options.failures) and shrinks
// it. options.pct_depth is PCT's d. With jobs > 1 the runs are shared among that many OS threads,
// for the same report (checker/fuzz_jobs.hpp).
FuzzReport fuzz(const std::function<void()>& body, const Options& options, Fuzzer fuzzer,
                unsigned jobs = 1);

// Random, PCT and POS side by side: round i (from 1) makes one run of each, in that order, all with
// seed options.setup.seed + i - 1, until the first failure or options.max_executions rounds (or
// options.time_budget). Each fuzzer makes the runs it makes alone, in the same order: the
// portfolio fails at the first round where one of them would.
FuzzReport fuzz_portfolio(const std::function<void()>& body, const Options& options);

// PCT's guarantee for one run of `r`: 1/(n·k^(d-1)).
double pct_probability(const FuzzReport& r);

}  // namespace weft::checker
