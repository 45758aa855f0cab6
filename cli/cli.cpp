#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "checker/explore.hpp"
#include "cli/report.hpp"
#include "real/run.hpp"
#include "scenarios/registry.hpp"

namespace weft::cli {

namespace {

// What the user said wrong: reported on one line, exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Scenario& find_scenario(const std::string& name) {
  if (const Scenario* s = Registry::instance().find(name)) return *s;
  std::string msg = "unknown scenario '" + name + "'";
  const auto near = Registry::instance().closest(name);
  if (!near.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < near.size(); ++i)
      msg += (i ? (i + 1 == near.size() ? " or " : ", ") : "") + ("'" + near[i] + "'");
    msg += "?";
  } else {
    msg += " (weft list shows them all)";
  }
  throw UsageError(msg);
}

std::map<std::string, std::string> parse_params(const std::vector<std::string>& raw) {
  std::map<std::string, std::string> out;
  for (const std::string& kv : raw) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("parameter '" + kv + "' is not of the form key=value");
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

std::vector<std::string> read_stdin_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read stdin file '" + path + "'");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  if (in.bad()) throw UsageError("cannot read stdin file '" + path + "'");
  return lines;
}

// Options every command that runs a scenario shares.
struct RunArgs {
  std::string scenario;
  std::vector<std::string> params;
  std::string stdin_file;
  std::uint64_t seed = 0;
};

void add_run_args(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("scenario", a.scenario, "scenario name (weft list)")->required();
  cmd->add_option("-p,--param", a.params, "scenario parameter key=value (repeatable)");
  cmd->add_option("--stdin", a.stdin_file, "file whose lines are the program's standard input");
  cmd->add_option("--seed", a.seed, "seed of the scenario's random generator");
}

struct Prepared {
  const Scenario* scenario;
  Params params;
  std::vector<std::string> stdin_lines;
};

Prepared prepare(const RunArgs& a) {
  const Scenario& s = find_scenario(a.scenario);
  Params params;
  try {
    params = s.resolve(parse_params(a.params));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return {&s, std::move(params),
          a.stdin_file.empty() ? s.stdin_lines : read_stdin_file(a.stdin_file)};
}

int cmd_list() {
  std::size_t width = 0;
  for (const Scenario* s : Registry::instance().all()) width = std::max(width, s->name.size());
  for (const Scenario* s : Registry::instance().all())
    std::cout << s->name << std::string(width + 2 - s->name.size(), ' ') << s->summary << "\n";
  return 0;
}

int cmd_describe(const std::string& name) {
  const Scenario& s = find_scenario(name);
  std::cout << s.name << " — " << s.summary << "\n\n" << s.description << "\n";
  if (!s.params.empty()) {
    std::cout << "\nparameters:\n";
    for (const ParamSpec& p : s.params)
      std::cout << "  " << p.name << " (" << type_name(p.type) << ", default " << p.default_value
                << ")  " << p.help << "\n";
  }
  if (!s.stdin_lines.empty()) {
    std::cout << "\nscripted stdin:\n";
    for (const std::string& l : s.stdin_lines) std::cout << "  " << l << "\n";
  }
  return 0;
}

struct SearchArgs {
  std::uint64_t max_executions = checker::Options{}.max_executions;
  double time_budget = 0;
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  bool json = false;
  bool no_reduction = false;
};

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

int cmd_outputs(const RunArgs& ra, const SearchArgs& sa) {
  Prepared p = prepare(ra);
  checker::Options opt;
  opt.max_executions = sa.max_executions;
  opt.time_budget = sa.time_budget;
  opt.setup.max_steps = sa.max_steps;
  opt.setup.max_time = sim::from_seconds(sa.max_time);
  opt.setup.stdin_lines = p.stdin_lines;
  opt.setup.seed = ra.seed;
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  opt.reduction = !sa.no_reduction;
  const checker::Report report = checker::explore(body, opt);
  ReportContext ctx{s.name, params.values()};
  if (sa.json) {
    print_json(std::cout, ctx, report);
  } else {
    print_text(std::cout, ctx, report);
  }
  return exit_code(report);
}

// Options of `weft run` besides the scenario's.
struct RealArgs {
  double time_scale = real::RealOptions{}.time_scale;
  double timeout = real::RealOptions{}.timeout;
};

void add_real_args(CLI::App* cmd, RealArgs& a) {
  cmd->add_option("--time-scale", a.time_scale, "real seconds per virtual second")
      ->capture_default_str();
  cmd->add_option("--timeout", a.timeout, "real seconds before the run is reported hung (0: none)")
      ->capture_default_str();
}

// "failure: x was written twice", "hung after 5 s".
std::string run_summary(const sim::Outcome& o) {
  std::string s = sim::status_name(o.status);
  if (!o.message.empty()) s += (o.status == sim::Status::Hung ? " " : ": ") + o.message;
  return s;
}

int cmd_run(const RunArgs& ra, const RealArgs& ta) {
  if (!(ta.time_scale > 0)) throw UsageError("--time-scale must be positive");
  if (!(ta.timeout >= 0)) throw UsageError("--timeout must not be negative");
  // Shared with the body: a thread that never comes back may still use the parameters.
  auto p = std::make_shared<const Prepared>(prepare(ra));
  real::RealOptions opt;
  opt.time_scale = ta.time_scale;
  opt.timeout = ta.timeout;
  opt.stdin_lines = p->stdin_lines;
  opt.seed = ra.seed;
  opt.echo = true;  // the program's output appears as it is written
  const sim::Outcome o = real::run_real([p] { p->scenario->body(p->params); }, opt);
  if (o.status == sim::Status::Ok) return 0;
  std::cerr << "weft: run ended: " << run_summary(o) << "\n";
  return 1;
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
