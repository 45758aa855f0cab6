#include "cli/args.hpp"

#include <cerrno>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "checker/fuzz.hpp"
#include "checker/fuzz_jobs.hpp"
#include "cli/capacity.hpp"

namespace weft::cli {

namespace {

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
  std::istringstream in(read_input_file(path, "stdin"));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace

std::string read_input_file(const std::string& path, const std::string& what) {
  const std::string cannot = "cannot read " + what + " file '" + path + "'";
  std::error_code ec;
  // A directory opens as a stream that reads as empty: an empty output is not what was meant.
  if (std::filesystem::is_directory(path, ec)) throw UsageError(cannot + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(cannot + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw UsageError(cannot);
  return text.str();
}

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

Prepared prepare(const RunArgs& a) {
  const Scenario& s = find_scenario(a.scenario);
  Params params;
  try {
    params = s.resolve(parse_params(a.params));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  check_capacity(s, params);
  return {&s, std::move(params),
          a.stdin_file.empty() ? s.stdin_lines : read_stdin_file(a.stdin_file)};
}

namespace {
std::string& stored_program_name() {
  static std::string name = "weft";
  return name;
}
}  // namespace

const std::string& program_name() { return stored_program_name(); }

void set_program_name(const std::string& argv0) {
  const std::string base = argv0.substr(argv0.find_last_of('/') + 1);
  if (!base.empty()) stored_program_name() = base;
}

std::string replay_command(const std::string& path) { return program_name() + " replay " + path; }

sim::Timing timing_of(const RunArgs& a) {
  if (a.timing == "exact") return sim::Timing::Exact;
  if (a.timing == "untimed") return sim::Timing::Untimed;
  if (a.timing.rfind("jitter", 0) == 0)
    throw UsageError("--timing jitter is not available: only exact and untimed are sound models "
                     "so far");
  throw UsageError("unknown timing model '" + a.timing + "' (exact or untimed)");
}

std::uint64_t parse_memory(const std::string& size) {
  if (size.empty()) return 0;
  const std::string usage = "--max-memory takes a size with its unit (512M, 2G), not '" + size + "'";
  std::size_t digits = 0;
  while (digits < size.size() && size[digits] >= '0' && size[digits] <= '9') ++digits;
  if (digits == 0 || digits > 15 || digits + 1 != size.size()) throw UsageError(usage);
  const std::string units = "KMGT";
  const std::size_t unit = units.find(static_cast<char>(std::toupper(size.back())));
  if (unit == std::string::npos) throw UsageError(usage);
  const std::uint64_t n = std::stoull(size.substr(0, digits));
  const unsigned shift = 10 * static_cast<unsigned>(unit + 1);
  if (n == 0 || n > (UINT64_MAX >> shift)) throw UsageError(usage);
  return n << shift;
}

namespace {

std::size_t parse_list(const std::string& list) {
  if (list == "all") return checker::kKeepAll;
  std::size_t digits = 0;
  while (digits < list.size() && list[digits] >= '0' && list[digits] <= '9') ++digits;
  if (digits == 0 || digits != list.size() || digits > 15)
    throw UsageError("--max-list takes a count or 'all', not '" + list + "'");
  return static_cast<std::size_t>(std::stoull(list));
}

}  // namespace

checker::Options search_options(const RunArgs& ra, const SearchArgs& sa, const Prepared& p) {
  checker::Options opt;
  opt.reduction = !sa.no_reduction;
  opt.max_executions = sa.max_executions;
  opt.time_budget = sa.time_budget;
  opt.max_memory = parse_memory(sa.max_memory);
  opt.keep_outcomes = parse_list(sa.list);
  opt.sample = sa.sample;
  opt.sample_seed = ra.seed;
  opt.setup.max_steps = sa.max_steps;
  opt.setup.max_time = sim::from_seconds(sa.max_time);
  opt.setup.stdin_lines = p.stdin_lines;
  opt.setup.seed = ra.seed;
  opt.setup.timing = timing_of(ra);
  opt.setup.max_segments = ra.max_segments;
  return opt;
}

std::string check_strategy(const CheckArgs& ca, const std::string& fallback) {
  const std::string s = ca.strategy.empty() ? fallback : ca.strategy;
  if (s != "dfs" && s != "random" && s != "pct" && s != "pos")
    throw UsageError("unknown strategy '" + s + "' (dfs, random, pct or pos)");
  if (s != "pct" && ca.depth != 0) throw UsageError("--depth applies to --strategy pct only");
  if (s != "dfs" && ca.max_preemptions >= 0)
    throw UsageError("--max-preemptions applies to --strategy dfs only");
  if (s != "dfs" && ca.iterate_bound)
    throw UsageError("--iterate-bound applies to --strategy dfs only");
  if (ca.iterate_bound && ca.max_preemptions >= 0)
    throw UsageError("--iterate-bound chooses the bound: not with --max-preemptions");
  if (s != "dfs" && ca.no_reduction)
    throw UsageError("--no-reduction applies to --strategy dfs only");
  if (s != "dfs" && (ca.no_state_caching || ca.no_symmetry))
    throw UsageError("--no-state-caching and --no-symmetry apply to --strategy dfs only");
  if (s != "dfs" && !ca.max_memory.empty())
    throw UsageError("--max-memory applies to --strategy dfs only");
  if (s == "pos" && ca.jobs > 1)
    throw UsageError("--jobs applies to --strategy random or pct");
  if (s != "dfs" && (!ca.result.empty() || !ca.checkpoint.empty()))
    throw UsageError("--result and --checkpoint apply to --strategy dfs only");
  if (s == "pct" && !ca.shard.empty())
    throw UsageError("--shard needs --strategy random: a pct run depends on every run before it");
  if (s != "dfs" && !ca.shard.empty() && ca.runs == 0 && ca.time_budget > 0)
    throw UsageError("--shard splits a number of runs: give --runs");
  return s;
}

Shard parse_shard(const std::string& text) {
  const UsageError bad("--shard takes I/N, 0 <= I < N, not '" + text + "'");
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) throw bad;
  const auto number = [&bad](const std::string& digits) {
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
      throw bad;
    return std::stoull(digits);
  };
  const Shard s{number(text.substr(0, slash)), number(text.substr(slash + 1))};
  if (s.index >= s.count) throw bad;
  return s;
}

checker::Options check_options(const RunArgs& ra, const CheckArgs& ca, const Prepared& p,
                               const std::string& strategy) {
  checker::Options opt;
  opt.reduction = !ca.no_reduction;
  if (ca.max_preemptions >= 0) opt.max_preemptions = static_cast<std::uint32_t>(ca.max_preemptions);
  opt.iterate_bound = ca.iterate_bound;
  opt.time_budget = ca.time_budget;
  opt.max_memory = parse_memory(ca.max_memory);
  // A check reports its failure, not a listing: only the first outcome of each status is kept.
  opt.keep_outcomes = 0;
  // Fuzzing with a time budget and no count runs until the budget is spent.
  if (ca.runs != 0) {
    opt.max_executions = ca.runs;
  } else if (strategy != "dfs") {
    opt.max_executions = ca.time_budget > 0 ? UINT64_MAX : checker::kDefaultFuzzRuns;
  }
  if (ca.depth != 0) opt.pct_depth = ca.depth;
  opt.stop_at_failure = true;
  opt.failures.fail_on_exception = ca.fail_on_exception;
  // A check asks for statuses: states need not differ by their output, and symmetry applies.
  opt.state_caching = !ca.no_reduction && !ca.no_state_caching;
  opt.reduction_first = checker::kReductionFirst;
  opt.symmetry = !ca.no_symmetry;
  opt.outputs_matter = false;
  opt.failures.expected_exceptions = p.scenario->expected_exceptions;
  opt.setup.max_steps = ca.max_steps;
  opt.setup.max_time = sim::from_seconds(ca.max_time);
  opt.setup.stdin_lines = p.stdin_lines;
  opt.setup.seed = ra.seed;
  opt.setup.timing = timing_of(ra);
  opt.setup.max_segments = ra.max_segments;
  if (!ca.shard.empty() && strategy != "dfs") {
    // Shard I of N makes runs [I·M/N, (I+1)·M/N) of the M (seed + I·M/N first).
    const Shard s = parse_shard(ca.shard);
    const std::uint64_t m = opt.max_executions;
    opt.setup.seed = ra.seed + checker::shard_begin(m, s.index, s.count);
    opt.max_executions =
        checker::shard_begin(m, s.index + 1, s.count) - checker::shard_begin(m, s.index, s.count);
  }
  return opt;
}

}  // namespace weft::cli
