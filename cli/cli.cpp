// Binds the command line onto the commands' argument structs. The only file that sees CLI11.
#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

#include "checker/fuzz.hpp"
#include "checker/version.hpp"
#include "cli/commands.hpp"
#include "cli/option_checks.hpp"

namespace weft::cli {

namespace {

// The checks of cli/option_checks.hpp, run on an option's text before CLI11 converts it.
CLI::Validator whole(std::uint64_t lo, std::uint64_t hi) {
  return {[lo, hi](std::string& s) { return whole_number_error(s, lo, hi); }, ""};
}
CLI::Validator seconds(double lo, double hi) {
  return {[lo, hi](std::string& s) { return seconds_error(s, lo, hi); }, ""};
}
CLI::Validator writable() {
  return {[](std::string& path) { return output_file_error(path); }, ""};
}

// The scenario and what it runs with. `fuzz` takes no name with --all.
void add_run_args(CLI::App* cmd, RunArgs& a, bool name_required = true) {
  auto* name = cmd->add_option("scenario", a.scenario, "scenario name (weft list)");
  if (name_required) name->required();
  cmd->add_option("-p,--param", a.params, "scenario parameter key=value (repeatable)");
  cmd->add_option("--stdin", a.stdin_file, "file whose lines are the program's standard input");
  cmd->add_option("--seed", a.seed, "seed of the scenario's random generator")
      ->check(whole(0, kMaxU64));
}

// The timing model, for the commands that run the simulator.
void add_timing(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("--timing", a.timing,
                  "exact (zero-time steps, the textbook answer) or untimed (a sleep or timeout "
                  "may end at any point after it began: every machine's behaviour)")
      ->capture_default_str();
  cmd->add_option("--max-segments", a.max_segments,
                  "pieces the simulated network may cut each socket send into (1: never cut)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
}

// The budgets of every search.
void add_budgets(CLI::App* cmd, double& time_budget, std::uint64_t& max_steps, double& max_time) {
  cmd->add_option("--time-budget", time_budget, "stop after this many wall-clock seconds (0: none)")
      ->capture_default_str()
      ->check(seconds(0, kMaxWallSeconds));
  cmd->add_option("--max-steps", max_steps, "visible operations per execution before 'limit'")
      ->capture_default_str()
      ->check(whole(1, kMaxU64));
  // The virtual clock counts nanoseconds in 64 bits: about 292 years.
  cmd->add_option("--max-time", max_time, "virtual seconds per execution before 'limit'")
      ->capture_default_str()
      ->check(seconds(1e-9, 9e9));
}

// User code that makes no visible operation for this long is a finding.
void add_runaway(CLI::App* cmd, double& runaway_after) {
  cmd->add_option("--runaway-after", runaway_after,
                  "seconds an execution may run without a visible operation before it is "
                  "reported runaway")
      ->capture_default_str()
      ->check(seconds(0.001, kMaxWallSeconds));
}

void add_quiet(CLI::App* cmd, bool& quiet) {
  cmd->add_flag("--quiet", quiet,
                "no status line on the terminal while the search runs, nor the warning that it "
                "looks too large");
}

void add_no_reduction(CLI::App* cmd, bool& no_reduction) {
  cmd->add_flag("--no-reduction", no_reduction,
                "explore every schedule, not one per class of equivalent ones");
}

constexpr const char* kMaxMemoryHelp =
    "end the search (INCOMPLETE, exit 4) once weft has held this much memory, e.g. 512M, 2G "
    "(default: a quarter of physical memory, at most 2G)";

void add_search_args(CLI::App* cmd, SearchArgs& a) {
  cmd->add_option("--max-executions", a.max_executions, "stop after this many executions")
      ->capture_default_str()
      ->check(whole(1, kMaxU64));
  add_budgets(cmd, a.time_budget, a.max_steps, a.max_time);
  cmd->add_flag("--json", a.json, "print one JSON document (docs/json.md)");
  add_no_reduction(cmd, a.no_reduction);
  add_runaway(cmd, a.runaway_after);
  add_quiet(cmd, a.quiet);
}

void add_real_args(CLI::App* cmd, RealArgs& a) {
  cmd->add_option("--time-scale", a.time_scale, "real seconds per virtual second")
      ->capture_default_str()
      ->check(seconds(1e-6, 1e6));
  cmd->add_option("--timeout", a.timeout, "real seconds before the run is reported hung (0: none)")
      ->capture_default_str()
      ->check(seconds(0, kMaxWallSeconds));
}

// The options `weft check` and `weft fuzz` share.
void add_check_args(CLI::App* cmd, CheckArgs& a) {
  cmd->add_option("--strategy", a.strategy, "dfs (exhaustive; check's default), random or pct");
  cmd->add_option("--runs", a.runs,
                  "runs (random, pct; default " + std::to_string(checker::kDefaultFuzzRuns) +
                      ") or executions (dfs; default " +
                      std::to_string(checker::Options{}.max_executions) + ")")
      ->check(whole(1, kMaxU64));
  cmd->add_option("--depth", a.depth,
                  "pct: the bug depth d it aims at (default " +
                      std::to_string(checker::Options{}.pct_depth) + ")")
      ->check(whole(1, std::numeric_limits<std::uint32_t>::max()));
  cmd->add_flag("--fail-on-exception", a.fail_on_exception,
                "an uncaught exception in a thread is a failure too");
  cmd->add_option("--trace-out", a.trace_out, "the failure's trace (default weft-trace-NAME.json)")
      ->check(writable());
  add_budgets(cmd, a.time_budget, a.max_steps, a.max_time);
  add_runaway(cmd, a.runaway_after);
  cmd->add_option("--max-memory", a.max_memory, kMaxMemoryHelp);
  cmd->add_flag("--json", a.json, "print one JSON document (docs/json.md)");
  add_quiet(cmd, a.quiet);
  cmd->add_option("--jobs", a.jobs,
                  "OS threads the search shares, for the same result (default 1; docs/scale.md)")
      ->check(whole(1, 256));
  cmd->add_option("--shard", a.shard,
                  "random: make only part I of N (from 0) of the runs, e.g. --shard 2/8; dfs: "
                  "search part I of N of the prefixes (--result, weft merge)");
  cmd->add_option("--result", a.result, "dfs with --shard: write the shard's result (weft merge)");
  cmd->add_option("--checkpoint", a.checkpoint,
                  "dfs with --shard: go on from this file if it exists; rewritten as prefixes "
                  "finish");
}

// --shard I/N, --result FILE, --checkpoint FILE of an exhaustive search (docs/scale.md).
void add_shard_args(CLI::App* cmd, ShardArgs& a) {
  cmd->add_option("--shard", a.shard,
                  "search only part I of N (from 0) of the prefixes of the search, e.g. 2/8");
  cmd->add_option("--result", a.result, "with --shard: write the shard's result (weft merge)");
  cmd->add_option("--checkpoint", a.checkpoint,
                  "with --shard: go on from this file if it exists; rewritten as prefixes finish");
}

// --perfetto FILE and --html FILE (docs/views.md); `what` says which execution they draw.
void add_picture_files(CLI::App* cmd, PictureFiles& f, const std::string& what,
                       const std::string& html_too = "") {
  cmd->add_option("--perfetto", f.perfetto,
                  "write a Chrome trace-event JSON file (ui.perfetto.dev, chrome://tracing): " + what)
      ->check(writable());
  cmd->add_option("--html", f.html,
                  "write one self-contained HTML page with a lane per thread: " + what + html_too)
      ->check(writable());
}

// A command: its CLI11 subcommand, and what runs once the command line is parsed into the
// argument structs the closure owns.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};

Command list(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("list", "scenarios with one-line descriptions");
  cmd->add_flag("--json", *json, "print one JSON document (docs/json.md)");
  return {cmd, [json] { return cmd_list(*json); }};
}

Command describe(CLI::App& app) {
  struct Args { std::string name; bool json = false; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("describe", "what a scenario does, its parameters");
  cmd->add_option("scenario", a->name, "scenario name")->required();
  cmd->add_flag("--json", a->json, "print one JSON document (docs/json.md)");
  return {cmd, [a] { return cmd_describe(a->name, a->json); }};
}

Command outputs(CLI::App& app) {
  struct Args { RunArgs run; SearchArgs search; TraceArgs traces; ViewArgs view; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("outputs", "every possible outcome (exhaustive)");
  add_run_args(cmd, a->run);
  add_search_args(cmd, a->search);
  add_timing(cmd, a->run);
  cmd->add_option("--traces", a->traces.dir,
                  "write one witness trace per listed outcome into this directory");
  cmd->add_option("--max-list", a->search.list,
                  "outcomes listed in full, a count or 'all' (the first of each status too)")
      ->capture_default_str();
  // The option's earlier name, kept for scripts that use it.
  cmd->add_option("--list", a->search.list)->group("");
  cmd->get_option("--seed")->description("seed of the scenario's random generator and of --sample");
  cmd->add_option("--sample", a->search.sample,
                  "also show this many of the outcomes not listed, drawn at random (--seed)")
      ->check(whole(0, 1000000));
  cmd->add_option("--max-memory", a->search.max_memory, kMaxMemoryHelp);
  cmd->add_flag("--no-state-caching", a->search.no_state_caching,
                "search with the reduction instead of caching visited states");
  std::ostringstream untimed;
  untimed << "After a complete search under --timing exact, the untimed model is searched too, "
             "for at most "
          << kUntimedSeconds << " s and " << kUntimedExecutions
          << " executions (within --time-budget), to say whether it has further outcomes.";
  cmd->footer(untimed.str());
  auto* lanes = cmd->add_flag("--lanes", a->view.lanes,
                              "draw one outcome's witness as swimlanes, a column per thread");
  cmd->add_option("--outcome", a->view.outcome,
                  "with --lanes, --perfetto or --html: the listed outcome to draw (default: the "
                  "first failure, else 1)")
      ->check(whole(1, 1000000000));
  add_picture_files(cmd, a->view.files, "the chosen outcome's witness (--outcome K)",
                    "; the page can switch to every listed outcome");
  cmd->add_flag("--times", a->view.times, "give each stdout line the virtual time it was printed");
  add_shard_args(cmd, a->search.sharding);
  cmd->add_option("--jobs", a->search.jobs,
                  "OS threads the search shares, for the same outcomes (default 1; docs/scale.md)")
      ->check(whole(1, 256));
  lanes->excludes(cmd->get_option("--json"));
  return {cmd, [a] {
            if (a->view.outcome != 0 && !a->view.lanes && !a->view.files.any())
              throw UsageError("--outcome requires --lanes, --perfetto or --html");
            return cmd_outputs(a->run, a->search, a->traces, a->view);
          }};
}

// One side of weft diff, given as one argument: a scenario and the options every command that
// runs one takes ("deadlock -p threads=2 --timing untimed"), split as a shell would split it.
RunArgs parse_side(const std::string& text, const char* which) {
  CLI::App side{"one side of weft diff", which};
  RunArgs a;
  add_run_args(&side, a);
  add_timing(&side, a);
  try {
    side.parse(text, false);
  } catch (const CLI::ParseError& e) {
    throw UsageError(std::string("side ") + which + " '" + text + "': " + e.what());
  }
  return a;
}

Command diff(CLI::App& app) {
  struct Args { std::string a, b; SearchArgs search; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("diff", "outcomes only in A, only in B, in both");
  cmd->add_option("A", a->a,
                  "one side, as one argument: a scenario and its -p, --timing, --stdin, --seed "
                  "(\"deadlock -p threads=2\")")
      ->required();
  cmd->add_option("B", a->b, "the other side, the same way (\"rlock -p threads=2\")")->required();
  add_search_args(cmd, a->search);
  cmd->get_option("--max-executions")->description("stop each side's search after this many");
  cmd->get_option("--time-budget")->description("stop each side's search after this many seconds");
  cmd->add_option("--max-memory", a->search.max_memory, kMaxMemoryHelp);
  cmd->add_flag("--no-state-caching", a->search.no_state_caching,
                "search with the reduction instead of caching visited states");
  cmd->footer(
      "Both sides are searched in full, as weft outputs does. Exit 0 when they have the same "
      "outcomes, 1 when they differ, 4 when a side's search was incomplete.\nExamples:\n"
      "  weft diff \"deadlock -p threads=2\" \"rlock -p threads=2\"\n"
      "  weft diff sayhi \"sayhi --timing untimed\"");
  return {cmd, [a] {
            return cmd_diff(parse_side(a->a, "A"), parse_side(a->b, "B"), a->search);
          }};
}

Command replay(CLI::App& app) {
  auto a = std::make_shared<ReplayArgs>();
  auto* cmd = app.add_subcommand("replay", "re-run one execution from a trace, show its story");
  cmd->add_option("trace", a->trace, "trace file (weft-trace JSON)")->required();
  cmd->add_flag("--quiet", a->quiet, "print only the verdict line");
  auto* json = cmd->add_flag("--json", a->json, "print one JSON document (docs/json.md)");
  cmd->add_flag("--lanes", a->lanes, "draw the execution as swimlanes, a column per thread")
      ->excludes(json);
  add_picture_files(cmd, a->files, "the execution as replayed");
  add_runaway(cmd, a->runaway_after);
  return {cmd, [a] { return cmd_replay(*a); }};
}

Command step(CLI::App& app) {
  struct Args { RunArgs run; StepArgs step; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("step", "you are the scheduler: pick, undo, save a trace");
  add_run_args(cmd, a->run);
  add_timing(cmd, a->run);
  add_budgets(cmd, a->step.time_budget, a->step.max_steps, a->step.max_time);
  cmd->get_option("--time-budget")
      ->description("wall-clock seconds the deadlock command may search (0: none)");
  cmd->add_option("--max-executions", a->step.max_executions,
                  "executions the deadlock command may try from the choices taken")
      ->capture_default_str()
      ->check(whole(1, kMaxU64));
  add_runaway(cmd, a->step.runaway_after);
  cmd->footer(
      "Reads commands from stdin, one a line: a choice's number or a thread's name, undo, redo, "
      "deadlock, save FILE, show, help, quit. Example:\n  weft step deadlock -p threads=2");
  return {cmd, [a] { return cmd_step(a->run, a->step); }};
}

Command possible(CLI::App& app) {
  struct Args { RunArgs run; SearchArgs search; PossibleArgs possible; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("possible", "can the program print exactly that?");
  add_run_args(cmd, a->run);
  add_search_args(cmd, a->search);
  add_timing(cmd, a->run);
  cmd->add_option("--stdout", a->possible.stdout_file, "file holding the output to look for")
      ->required();
  cmd->add_option("--file", a->possible.files,
                  "NAME=PATH: the program's file NAME must end as PATH holds (repeatable)");
  cmd->add_flag("--exact-bytes", a->possible.exact_bytes,
                "compare ANSI escape sequences too (by default they are ignored)");
  cmd->add_option("--trace-out", a->possible.trace_out,
                  "where to write the witness trace (default weft-witness-NAME.json), or when no "
                  "execution prints that, the closest one's (default weft-closest-NAME.json)")
      ->check(writable());
  return {cmd, [a] { return cmd_possible(a->run, a->search, a->possible); }};
}

Command run(CLI::App& app) {
  struct Args { RunArgs run; RealArgs real; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("run", "run once on real threads, output as it happens");
  add_run_args(cmd, a->run);
  add_real_args(cmd, a->real);
  return {cmd, [a] { return cmd_run(a->run, a->real); }};
}

Command stress(CLI::App& app) {
  struct Args { RunArgs run; RealArgs real; StressArgs stress; };
  auto a = std::make_shared<Args>();
  a->real.timeout = 10;  // many runs: a deadlock must not stop them all
  auto* cmd = app.add_subcommand("stress", "many runs on real threads: the outcomes seen");
  add_run_args(cmd, a->run);
  add_real_args(cmd, a->real);
  cmd->get_option("--seed")->description(
      "seed of the scenario's random generator and of --perturb");
  cmd->add_option("--runs", a->stress.runs, "runs on real threads")
      ->capture_default_str()
      ->check(whole(1, kMaxU64));
  cmd->add_option("--jobs", a->stress.jobs, "runs at a time, each its own process "
                                            "(default: one per core)")
      ->check(whole(1, 1024));
  cmd->add_flag("--perturb", a->stress.perturb,
                "random yields and short sleeps at visible operations (seeded)");
  cmd->add_option("--keep-files", a->stress.keep_files,
                  "keep each run's files in DIR/run-N (DIR must be empty)");
  cmd->add_flag("--against-model", a->stress.against_model,
                "fail unless every real outcome is one the untimed model lists");
  cmd->add_flag("--json", a->stress.json, "print one JSON document (docs/json.md)");
  return {cmd, [a] { return cmd_stress(a->run, a->real, a->stress); }};
}

Command check(CLI::App& app) {
  struct Args { RunArgs run; CheckArgs check; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("check", "look for deadlocks, livelocks and failed checks");
  add_run_args(cmd, a->run);
  add_check_args(cmd, a->check);
  add_timing(cmd, a->run);
  cmd->get_option("--seed")->description(
      "dfs: seed of the scenario's random generator; random, pct: of the first run");
  cmd->add_option("--max-preemptions", a->check.max_preemptions,
                  "dfs: explore only schedules with at most this many preemptions (default: "
                  "no bound)")
      ->check(whole(0, checker::kUnbounded - 1));
  cmd->add_flag("--iterate-bound", a->check.iterate_bound,
                "dfs: search within 0 preemptions, then 1, 2, ... until a budget runs out");
  add_no_reduction(cmd, a->check.no_reduction);
  cmd->get_option("--no-reduction")
      ->description("dfs: explore every schedule, not one per class of equivalent ones");
  cmd->add_flag("--no-state-caching", a->check.no_state_caching,
                "dfs: search with the reduction instead of caching visited states");
  cmd->add_flag("--no-symmetry", a->check.no_symmetry,
                "dfs: cache states without identifying interchangeable threads");
  return {cmd, [a] { return cmd_check(a->run, a->check); }};
}

Command estimate(CLI::App& app) {
  struct Args { RunArgs run; EstimateArgs estimate; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("estimate", "how long the exhaustive search will take");
  add_run_args(cmd, a->run);
  add_timing(cmd, a->run);
  EstimateArgs& e = a->estimate;
  add_no_reduction(cmd, e.no_reduction);
  cmd->add_option("--max-preemptions", e.max_preemptions,
                  "the search within this many preemptions (default: no bound)")
      ->check(whole(0, checker::kUnbounded - 1));
  cmd->add_option("--probes", e.probes, "random probes of the search's tree")
      ->capture_default_str()
      ->check(whole(1, kMaxU64));
  add_budgets(cmd, e.time_budget, e.max_steps, e.max_time);
  cmd->get_option("--time-budget")
      ->description("stop probing after this many wall-clock seconds (0: none)")
      ->capture_default_str();
  cmd->add_option("--probe-seed", e.probe_seed, "seed of the probes' random choices");
  add_runaway(cmd, e.runaway_after);
  cmd->add_flag("--json", e.json, "print one JSON document (docs/json.md)");
  return {cmd, [a] { return cmd_estimate(a->run, a->estimate); }};
}

Command fuzz(CLI::App& app) {
  struct Args { RunArgs run; CheckArgs check; FuzzArgs fuzz; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("fuzz", "seeded random or PCT schedules, traces of failures");
  add_run_args(cmd, a->run, false);
  cmd->get_option("scenario")->description("scenario name (or --all)");
  cmd->get_option("--seed")->description("seed of the first run (run i: seed+i-1)");
  cmd->add_flag("--all", a->fuzz.all,
                "every scenario, with its default parameters; passes when each shows exactly the "
                "findings it declares");
  add_check_args(cmd, a->check);
  add_timing(cmd, a->run);
  cmd->get_option("--strategy")->description("pct (the default), random or pos");
  cmd->get_option("--runs")->description(
      "runs per scenario (default " + std::to_string(checker::kDefaultFuzzRuns) +
      "; with --time-budget and no --runs, as many as the budget allows)");
  cmd->add_option("--junit", a->fuzz.junit, "write a JUnit XML report to this file")
      ->check(writable());
  cmd->add_flag("--portfolio", a->fuzz.portfolio,
                "random, pct and pos side by side: a run of each per round (--runs counts "
                "rounds), until the first failure");
  return {cmd, [a] { return cmd_fuzz(a->run, a->check, a->fuzz); }};
}

Command merge(CLI::App& app) {
  struct Args { std::vector<std::string> files; bool json = false; };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("merge", "unite the shards' results (--result) of one search");
  cmd->add_option("files", a->files, "the shards' result files")->required();
  cmd->add_flag("--json", a->json, "print one JSON document (docs/json.md)");
  return {cmd, [a] { return cmd_merge(a->files, a->json); }};
}

// CLI11 says only "A subcommand is required" for a word it does not know.
void refuse_unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return;
  const std::string word = argv[1];
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return;
  const std::string nearest = *std::min_element(
      names.begin(), names.end(), [&word](const std::string& a, const std::string& b) {
        return edit_distance(word, a) < edit_distance(word, b);
      });
  throw UsageError("'" + word + "' is not a weft command; the nearest is '" + nearest +
                   "' (weft --help lists them)");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"weft: every way a threaded program can behave"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");
  app.set_version_flag("--version", std::string("weft ") + kVersion);
  const Command commands[] = {list(app), describe(app), outputs(app),
                              replay(app), possible(app), run(app),
                              stress(app), check(app), fuzz(app), diff(app),
                              step(app),   estimate(app), merge(app)};
  if (argc > 0) set_program_name(argv[0]);
  try {
    refuse_unknown_command(app, argc, argv);
    app.parse(argc, argv);
    for (const Command& c : commands)
      if (c.app->parsed()) return c.run();
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ValidationError& e) {
    std::cerr << "weft: " << e.what() << "\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    std::cerr << "weft: " << e.what() << " (weft --help for usage)\n";
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "weft: " << e.what() << "\n";
    return 2;
  }
  return 2;
}

}  // namespace weft::cli
