// What the commands take from the command line, as plain structs: CLI11 binds onto them in
// cli.cpp, and the commands (one file each) never see CLI11.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/estimate.hpp"
#include "checker/explore.hpp"
#include "scenarios/registry.hpp"

namespace weft::cli {

// What the user said wrong: reported on one line, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};


// Options every command that runs a scenario shares.
struct RunArgs {
  std::string scenario;
  std::vector<std::string> params;
  std::string stdin_file;
  std::uint64_t seed = 0;
  std::string timing = "exact";  // the timing model: exact or untimed (simulator commands)
  // Pieces the simulated network may cut each socket send into (simulator commands).
  std::uint32_t max_segments = sim::ExecutionSetup{}.max_segments;
};

// One shard of an exhaustive search (cli/shard_run.hpp, docs/scale.md).
struct ShardArgs {
  std::string shard;       // --shard I/N; empty: not sharded
  std::string result;      // --result FILE: the shard's result; empty: none
  std::string checkpoint;  // --checkpoint FILE: read if it exists, rewritten after each prefix
};

// Budgets and output format of a search.
struct SearchArgs {
  std::uint64_t max_executions = checker::Options{}.max_executions;
  double time_budget = 0;
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  bool json = false;
  bool no_reduction = false;
  bool no_state_caching = false;  // weft outputs: the reduction, not state caching
  std::string max_memory;   // --max-memory SIZE; empty: checker's default
  std::string list = "20";  // weft outputs --max-list: outcomes listed in full, a count or "all"
  std::size_t sample = 0;   // weft outputs --sample: outcomes drawn among the unlisted ones
  double runaway_after = 10;  // seconds without a visible operation: a runaway execution
  bool quiet = false;  // no status line on the terminal (cli/progress.hpp)
  ShardArgs sharding;  // weft outputs --shard, --result, --checkpoint
  unsigned jobs = 1;   // weft outputs --jobs: OS threads the search runs on
};

// Where a search writes one witness trace per outcome (--traces DIR); empty for none.
struct TraceArgs {
  std::string dir;
};

// Pictures of an execution written to files; empty: none (cli/pictures.hpp).
struct PictureFiles {
  std::string perfetto;  // --perfetto FILE: Chrome trace-event JSON (cli/perfetto.hpp)
  std::string html;      // --html FILE: a page with the lanes drawn (cli/html_view.hpp)

  bool any() const { return !perfetto.empty() || !html.empty(); }
};

// How `weft outputs` shows what it found besides the listing.
struct ViewArgs {
  bool lanes = false;       // --lanes: one outcome's witness as swimlanes (cli/lanes.hpp)
  std::size_t outcome = 0;  // --outcome K: which listed outcome; 0: the first failure, else 1
  bool times = false;       // --times: each stdout line with the virtual time it was printed
  PictureFiles files;       // --perfetto, --html: the chosen outcome's witness (--html: all listed)
};

// Options of `weft possible`.
struct PossibleArgs {
  std::string stdout_file;         // the output to look for
  std::vector<std::string> files;  // NAME=PATH: file contents to look for too
  bool exact_bytes = false;        // compare ANSI escape sequences too
  std::string trace_out;           // where the witness trace goes
};

// Options of `weft replay`.
struct ReplayArgs {
  std::string trace;   // the trace file
  bool quiet = false;  // print only the verdict line
  bool json = false;   // print one JSON document
  bool lanes = false;  // draw the execution as swimlanes instead of telling its story
  PictureFiles files;  // --perfetto, --html: the execution drawn into files
  double runaway_after = 10;  // seconds without a visible operation: a runaway execution
};

// Options of `weft step` besides the scenario's.
struct StepArgs {
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  // The budget of the search the `deadlock` command runs from the choices taken: a question asked
  // at a prompt, answered within seconds.
  std::uint64_t max_executions = 100000;
  double time_budget = 10;  // and its wall-clock seconds (0: none)
  // Seconds a screen's execution may go without a visible operation (cli/supervisor.hpp).
  double runaway_after = 10;
};

// Options of `weft check` and `weft fuzz` besides the scenario's. Sentinels mark what was not
// given, so that an option the chosen strategy ignores is refused rather than silently dropped;
// the command line refuses the sentinels themselves (--runs 0, --depth 0, --max-preemptions -1).
struct CheckArgs {
  std::string strategy;               // dfs, random or pct; empty: the command's default
  std::uint64_t runs = 0;             // executions (dfs) or runs; 0: the strategy's default
  double time_budget = 0;             // wall-clock seconds, 0 for none
  std::uint32_t depth = 0;            // pct's bug depth d; 0: its default
  std::int64_t max_preemptions = -1;  // dfs: preemptions per schedule; -1: unbounded
  bool iterate_bound = false;         // dfs: bounds 0, 1, 2, ... until a budget runs out
  bool fail_on_exception = false;     // an uncaught exception is a failure too
  bool no_reduction = false;          // dfs: every schedule, not one per class
  bool no_state_caching = false;      // dfs: the reduction, not state caching
  bool no_symmetry = false;           // dfs: state caching without symmetry
  std::string trace_out;              // the failure's trace; empty: weft-trace-NAME.json
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  std::string max_memory;             // --max-memory SIZE; empty: checker's default
  double runaway_after = 10;  // seconds without a visible operation: a runaway execution
  bool json = false;          // the verdicts as one JSON document (cli/verdict_json.hpp)
  bool quiet = false;  // no status line on the terminal (cli/progress.hpp)
  unsigned jobs = 1;   // OS threads the search runs on
  std::string shard;   // --shard I/N: this process's part of the runs; empty: all of them
  std::string result, checkpoint;  // dfs with --shard: cli/shard_run.hpp
};

// Options of `weft estimate` (checker/estimate.hpp).
struct EstimateArgs {
  bool no_reduction = false;
  std::int64_t max_preemptions = -1;  // -1: unbounded
  std::uint64_t probes = checker::EstimateOptions{}.probes;
  double time_budget = checker::EstimateOptions{}.time_budget;  // seconds of probing
  std::uint64_t probe_seed = 0;
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  double runaway_after = 10;
  bool json = false;
};

// What `weft fuzz` adds to CheckArgs.
struct FuzzArgs {
  bool all = false;   // every registered scenario, with its default parameters
  std::string junit;  // JUnit XML report; empty: none
  bool portfolio = false;  // random, pct and pos runs in turn (checker::fuzz_portfolio)
};

// Options of `weft run` besides the scenario's.
struct RealArgs {
  double time_scale = 1.0;
  double timeout = 0;
};

// Options of `weft stress` besides the scenario's and RealArgs.
struct StressArgs {
  std::uint64_t runs = 100;
  std::uint64_t jobs = 0;      // child processes at a time; 0: one per core
  bool perturb = false;        // random yields and short sleeps at visible operations
  std::string keep_files;      // keep each run's files under this directory; empty: remove them
  bool against_model = false;  // compare with the untimed and exact models
  bool json = false;
};

// A scenario resolved from RunArgs: its parameters checked, its stdin read.
struct Prepared {
  const Scenario* scenario;
  Params params;
  std::vector<std::string> stdin_lines;
};

// The name this program was run as, without its directory: "weft", or a project's own binary
// built on weft::cli, which alone knows the project's scenarios. What a command says to run next
// ("replay it: bank_weft replay FILE") names it. "weft" until set_program_name is called.
const std::string& program_name();
void set_program_name(const std::string& argv0);
// "bank_weft replay FILE": the command that replays the trace at `path`.
std::string replay_command(const std::string& path);

// The contents of an input file the user names (`what`: "stdin", "--file"); a UsageError for a
// directory or an unreadable file.
std::string read_input_file(const std::string& path, const std::string& what);
// The registered scenario, or a UsageError naming the closest names.
const Scenario& find_scenario(const std::string& name);
// Resolves RunArgs; a UsageError for an unknown scenario or parameter, a bad value, a value too
// large to run in memory (cli/capacity.hpp), an unreadable stdin file.
Prepared prepare(const RunArgs& a);
// The timing model RunArgs name; a UsageError for any other.
sim::Timing timing_of(const RunArgs& a);
// Bytes of a size with its unit ("512M", "2G": K, M, G, T are powers of 1024); 0 for "".
std::uint64_t parse_memory(const std::string& size);
// checker::Options from the arguments of a search.
checker::Options search_options(const RunArgs& ra, const SearchArgs& sa, const Prepared& p);
// The strategy CheckArgs ask for ("" gives `fallback`), checked against the options given with
// it; a UsageError for an unknown strategy or an option it does not take.
std::string check_strategy(const CheckArgs& ca, const std::string& fallback);
// Part I (from 0) of N of a search, from --shard I/N.
struct Shard {
  std::uint64_t index = 0, count = 1;
};
// The shard "I/N" names; a UsageError unless 0 <= I < N.
Shard parse_shard(const std::string& text);

// checker::Options for `weft check` / `weft fuzz` with `strategy` (from check_strategy).
checker::Options check_options(const RunArgs& ra, const CheckArgs& ca, const Prepared& p,
                               const std::string& strategy);

}  // namespace weft::cli
