// Binds the command line onto the commands' argument structs. The only file that sees CLI11.
#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"

namespace weft::cli {

namespace {

void add_run_args(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("scenario", a.scenario, "scenario name (weft list)")->required();
  cmd->add_option("-p,--param", a.params, "scenario parameter key=value (repeatable)");
  cmd->add_option("--stdin", a.stdin_file, "file whose lines are the program's standard input");
  cmd->add_option("--seed", a.seed, "seed of the scenario's random generator");
}

// The timing model, for the commands that run the simulator.
void add_timing(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("--timing", a.timing,
                  "exact (zero-time steps, the textbook answer) or untimed (a sleep or timeout "
                  "may end at any point after it began: every machine's behaviour)")
      ->capture_default_str();
}

constexpr const char* kMaxMemoryHelp =
    "end the search (INCOMPLETE, exit 4) once weft has held this much memory, e.g. 512M, 2G "
    "(default: a quarter of physical memory, at most 2G)";

void add_search_args(CLI::App* cmd, SearchArgs& a) {
  cmd->add_option("--max-executions", a.max_executions, "stop after this many executions")
      ->capture_default_str();
  cmd->add_option("--time-budget", a.time_budget, "stop after this many wall-clock seconds");
  cmd->add_option("--max-steps", a.max_steps, "visible operations per execution before 'limit'")
      ->capture_default_str();
  cmd->add_option("--max-time", a.max_time, "virtual seconds per execution before 'limit'")
      ->capture_default_str();
  cmd->add_flag("--json", a.json, "print one JSON document");
  cmd->add_flag("--no-reduction", a.no_reduction,
                "explore every schedule, not one per class of equivalent ones");
}

void add_real_args(CLI::App* cmd, RealArgs& a) {
  cmd->add_option("--time-scale", a.time_scale, "real seconds per virtual second")
      ->capture_default_str();
  cmd->add_option("--timeout", a.timeout, "real seconds before the run is reported hung (0: none)")
      ->capture_default_str();
}

// The options `weft check` and `weft fuzz` share.
void add_check_args(CLI::App* cmd, CheckArgs& a) {
  cmd->add_option("--strategy", a.strategy, "dfs (exhaustive; check's default), random or pct");
  cmd->add_option("--runs", a.runs, "runs (random, pct; default 1000) or executions (dfs)");
  cmd->add_option("--time-budget", a.time_budget, "stop after this many wall-clock seconds");
  cmd->add_option("--depth", a.depth, "pct: the bug depth d it aims at (default 3)");
  cmd->add_flag("--fail-on-exception", a.fail_on_exception,
                "an uncaught exception in a thread is a failure too");
  cmd->add_option("--trace-out", a.trace_out, "the failure's trace (default weft-trace-NAME.json)");
  cmd->add_option("--max-steps", a.max_steps, "visible operations per execution before 'limit'")
      ->capture_default_str();
  cmd->add_option("--max-time", a.max_time, "virtual seconds per execution before 'limit'")
      ->capture_default_str();
  cmd->add_option("--max-memory", a.max_memory, kMaxMemoryHelp);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"weft: every way a threaded program can behave"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "help for every command");

  app.add_subcommand("list", "scenarios with one-line descriptions");
  std::string describe_name;
  auto* describe = app.add_subcommand("describe", "what a scenario does, its parameters");
  describe->add_option("scenario", describe_name, "scenario name")->required();

  RunArgs outputs_run;
  SearchArgs outputs_search;
  auto* outputs = app.add_subcommand("outputs", "every possible outcome (exhaustive)");
  add_run_args(outputs, outputs_run);
  add_search_args(outputs, outputs_search);
  add_timing(outputs, outputs_run);
  TraceArgs outputs_traces;
  outputs->add_option("--traces", outputs_traces.dir,
                      "write one witness trace per listed outcome into this directory");
  outputs->add_option("--list", outputs_search.list,
                      "outcomes listed in full, a count or 'all' (the first of each status too)")
      ->capture_default_str();
  outputs->add_option("--max-memory", outputs_search.max_memory, kMaxMemoryHelp);

  ReplayArgs replay_args;
  auto* replay = app.add_subcommand("replay", "re-run one execution from a trace, show its story");
  replay->add_option("trace", replay_args.trace, "trace file (weft-trace JSON)")->required();
  replay->add_flag("--quiet", replay_args.quiet, "print only the verdict line");
  replay->add_flag("--json", replay_args.json, "print one JSON document");

  RunArgs possible_run;
  SearchArgs possible_search;
  PossibleArgs possible_args;
  auto* possible = app.add_subcommand("possible", "can the program print exactly that?");
  add_run_args(possible, possible_run);
  add_search_args(possible, possible_search);
  add_timing(possible, possible_run);
  possible->add_option("--stdout", possible_args.stdout_file, "file holding the output to look for")
      ->required();
  possible->add_option("--file", possible_args.files,
                       "NAME=PATH: the program's file NAME must end as PATH holds (repeatable)");
  possible->add_flag("--exact-bytes", possible_args.exact_bytes,
                     "compare ANSI escape sequences too (by default they are ignored)");
  possible->add_option("--trace-out", possible_args.trace_out,
                       "where to write the witness trace (default weft-witness-NAME.json)");

  RunArgs run_run;
  RealArgs run_real_args;
  auto* run = app.add_subcommand("run", "run once on real threads, output as it happens");
  add_run_args(run, run_run);
  add_real_args(run, run_real_args);

  RunArgs stress_run;
  RealArgs stress_real;
  stress_real.timeout = 10;  // many runs: a deadlock must not stop them all
  StressArgs stress_args;
  auto* stress = app.add_subcommand("stress", "many runs on real threads: the outcomes seen");
  add_run_args(stress, stress_run);
  add_real_args(stress, stress_real);
  stress->get_option("--seed")->description(
      "seed of the scenario's random generator and of --perturb");
  stress->add_option("--runs", stress_args.runs, "runs on real threads")->capture_default_str();
  stress->add_option("--jobs", stress_args.jobs, "runs at a time, each its own process "
                                                 "(default: one per core)");
  stress->add_flag("--perturb", stress_args.perturb,
                   "random yields and short sleeps at visible operations (seeded)");
  stress->add_option("--keep-files", stress_args.keep_files,
                     "keep each run's files in DIR/run-N (DIR must be empty)");
  stress->add_flag("--against-model", stress_args.against_model,
                   "fail unless every real outcome is one the untimed model lists");
  stress->add_flag("--json", stress_args.json, "print one JSON document");

  RunArgs check_run;
  CheckArgs check_args;
  auto* check = app.add_subcommand("check", "look for deadlocks, livelocks and failed checks");
  add_run_args(check, check_run);
  add_check_args(check, check_args);
  add_timing(check, check_run);
  check->get_option("--seed")->description(
      "dfs: seed of the scenario's random generator; random, pct: of the first run");
  check->add_option("--max-preemptions", check_args.max_preemptions,
                    "dfs: explore only schedules with at most this many preemptions");
  check->add_flag("--no-reduction", check_args.no_reduction,
                  "dfs: explore every schedule, not one per class of equivalent ones");

  RunArgs fuzz_run;
  CheckArgs fuzz_args;
  FuzzArgs fuzz_extra;
  auto* fuzz = app.add_subcommand("fuzz", "seeded random or PCT schedules, traces of failures");
  fuzz->add_option("scenario", fuzz_run.scenario, "scenario name (or --all)");
  fuzz->add_flag("--all", fuzz_extra.all, "every scenario, with its default parameters");
  fuzz->add_option("-p,--param", fuzz_run.params, "scenario parameter key=value (repeatable)");
  fuzz->add_option("--stdin", fuzz_run.stdin_file, "file whose lines are the program's stdin");
  fuzz->add_option("--seed", fuzz_run.seed, "seed of the first run (run i: seed+i-1)");
  add_check_args(fuzz, fuzz_args);
  add_timing(fuzz, fuzz_run);
  fuzz->get_option("--strategy")->description("pct (the default) or random");
  fuzz->get_option("--runs")->description("runs per scenario (default 1000)");
  fuzz->add_option("--junit", fuzz_extra.junit, "write a JUnit XML report to this file");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "weft: " << e.what() << " (weft --help for usage)\n";
    return 2;
  }

  try {
    if (app.got_subcommand("list")) return cmd_list();
    if (app.got_subcommand(describe)) return cmd_describe(describe_name);
    if (app.got_subcommand(outputs))
      return cmd_outputs(outputs_run, outputs_search, outputs_traces);
    if (app.got_subcommand(replay)) return cmd_replay(replay_args);
    if (app.got_subcommand(possible))
      return cmd_possible(possible_run, possible_search, possible_args);
    if (app.got_subcommand(run)) return cmd_run(run_run, run_real_args);
    if (app.got_subcommand(stress)) return cmd_stress(stress_run, stress_real, stress_args);
    if (app.got_subcommand(check)) return cmd_check(check_run, check_args);
    if (app.got_subcommand(fuzz)) return cmd_fuzz(fuzz_run, fuzz_args, fuzz_extra);
  } catch (const UsageError& e) {
    std::cerr << "weft: " << e.what() << "\n";
    return 2;
  }
  return 2;
}

}  // namespace weft::cli
