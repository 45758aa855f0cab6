// What the commands take from the command line, as plain structs: CLI11 binds onto them in
// cli.cpp, and the commands (one file each) never see CLI11.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

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
};

// Budgets and output format of a search.
struct SearchArgs {
  std::uint64_t max_executions = checker::Options{}.max_executions;
  double time_budget = 0;
  std::uint64_t max_steps = sim::ExecutionSetup{}.max_steps;
  double max_time = sim::to_seconds(sim::ExecutionSetup{}.max_time);
  bool json = false;
  bool no_reduction = false;
};

// Options of `weft run` besides the scenario's.
struct RealArgs {
  double time_scale = 1.0;
  double timeout = 0;
};

// A scenario resolved from RunArgs: its parameters checked, its stdin read.
struct Prepared {
  const Scenario* scenario;
  Params params;
  std::vector<std::string> stdin_lines;
};

// The registered scenario, or a UsageError naming the closest names.
const Scenario& find_scenario(const std::string& name);
// Resolves RunArgs; a UsageError for an unknown scenario or parameter, a bad value, an
// unreadable stdin file.
Prepared prepare(const RunArgs& a);
// checker::Options from the arguments of a search.
checker::Options search_options(const RunArgs& ra, const SearchArgs& sa, const Prepared& p);

}  // namespace weft::cli
