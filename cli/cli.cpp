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

  RunArgs run_run;
  RealArgs run_real_args;
  auto* run = app.add_subcommand("run", "run once on real threads, output as it happens");
  add_run_args(run, run_run);
  add_real_args(run, run_real_args);

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
    if (app.got_subcommand(outputs)) return cmd_outputs(outputs_run, outputs_search);
    if (app.got_subcommand(run)) return cmd_run(run_run, run_real_args);
  } catch (const UsageError& e) {
    std::cerr << "weft: " << e.what() << "\n";
    return 2;
  }
  return 2;
}

}  // namespace weft::cli
