#include "testing/search.hpp"

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "checker/explore.hpp"
#include "checker/fuzz.hpp"
#include "checker/trace.hpp"
#include "cli/args.hpp"
#include "cli/check_report.hpp"
#include "cli/report.hpp"
#include "cli/story.hpp"
#include "cli/traces.hpp"

namespace weft::testing {

namespace {

// "counter lock=false"
std::string label(const cli::Prepared& p) {
  std::string s = p.scenario->name;
  for (const auto& [k, v] : p.params.values()) s += " " + k + "=" + v;
  return s;
}

Outcome plain(const sim::Outcome& o, std::uint64_t count) {
  return {sim::status_name(o.status), o.message, o.out, o.err, o.files, count};
}

checker::Options options_for(const cli::Prepared& p, const SearchOptions& so) {
  checker::Options opt;
  opt.reduction = so.reduction;
  if (so.runs != 0) {
    opt.max_executions = so.runs;
  } else if (so.strategy != Strategy::Exhaustive) {
    opt.max_executions = so.time_budget > 0 ? UINT64_MAX : checker::kDefaultFuzzRuns;
  }
  opt.time_budget = so.time_budget;
  opt.pct_depth = so.pct_depth;
  opt.failures.fail_on_exception = so.fail_on_exception;
  opt.failures.expected_exceptions = p.scenario->expected_exceptions;
  opt.setup.stdin_lines = p.stdin_lines;
  opt.setup.seed = so.seed;
  return opt;
}

// The failure found along `schedule`: its trace written under so.trace_dir, its story told.
Failure failure_along(const cli::Prepared& p, const checker::Options& opt, const sim::Outcome& o,
                      const checker::Schedule& schedule, const SearchOptions& so,
                      std::string& trouble) {
  Failure f;
  f.kind = checker::failure_name(checker::failure_kind(o, opt.failures));
  f.outcome = plain(o, 1);
  const checker::Trace trace = cli::make_trace(p, opt, schedule, strategy_name(so.strategy));
  std::ostringstream story;
  cli::print_story(story, trace.events);
  f.interleaving = story.str();
  // Absolute, so that the replay command works from wherever it is pasted.
  const std::string path = std::filesystem::absolute(std::filesystem::path(so.trace_dir) /
                                                     cli::default_trace_path(p.scenario->name))
                               .lexically_normal()
                               .string();
  try {
    checker::write_trace(path, trace);
    f.trace = path;
    f.replay = so.replay_with + " replay " + path;
  } catch (const checker::TraceError& e) {
    trouble = e.what();
  }
  return f;
}

void explore(const cli::Prepared& p, const checker::Options& opt, const SearchOptions& so,
             SearchResult& result, std::string& trouble) {
  const std::function<void()> body = [&p] { p.scenario->body(p.params); };
  const checker::Report r = checker::explore(body, opt);
  result.complete = r.complete;
  result.executions = r.executions;
  for (const checker::OutcomeGroup& g : r.outcomes) {
    result.outcomes.push_back(plain(g.outcome, g.count));
    if (!result.failure && checker::is_failure(g.outcome, opt.failures))
      result.failure = failure_along(p, opt, g.outcome, g.witness, so, trouble);
  }
}

void fuzz(const cli::Prepared& p, const checker::Options& opt, const SearchOptions& so,
          SearchResult& result, std::string& trouble) {
  const std::function<void()> body = [&p] { p.scenario->body(p.params); };
  const auto fuzzer =
      so.strategy == Strategy::Pct ? checker::Fuzzer::Pct : checker::Fuzzer::Random;
  const checker::FuzzReport r = checker::fuzz(body, opt, fuzzer);
  result.executions = r.runs;
  if (!r.failure) return;
  checker::Options at = opt;
  at.setup.seed = r.failure->seed;  // the failing run's seed, which its trace must record
  result.failure = failure_along(p, at, r.failure->shrunk.outcome, r.failure->shrunk.schedule,
                                 so, trouble);
}

// What `result` says, for people: the failure with its story, trace and replay command, or what
// was searched and the outcomes found.
std::string report_of(const SearchResult& r, const std::string& trouble) {
  std::ostringstream os;
  const std::string by = strategy_name(r.strategy);
  const std::string runs = std::to_string(r.executions) +
                           (r.strategy == Strategy::Exhaustive ? " executions" : " runs");
  if (r.failure) {
    const Failure& f = *r.failure;
    os << r.name << ": FAILURE (" << f.kind << ") found by " << by << " in " << runs << "\n";
    os << "status: " << f.outcome.status << "\n";
    if (!f.outcome.message.empty()) os << "  message: " << f.outcome.message << "\n";
    if (!f.outcome.out.empty()) os << "  stdout:\n" << f.outcome.out;
    if (!f.outcome.err.empty()) os << "  stderr:\n" << f.outcome.err;
    os << "interleaving:\n" << f.interleaving;
    if (f.trace.empty()) {
      os << "no trace: " << trouble << "\n";
    } else {
      os << "trace: " << f.trace << "\nreplay it: " << f.replay << "\n";
    }
    return os.str();
  }
  os << r.name << ": no failure in " << runs << " (" << by << ", "
     << (r.complete ? "complete" : "not complete") << ")";
  if (r.strategy != Strategy::Exhaustive) return os.str() + "\n";
  os << "; " << r.outcomes.size() << " distinct outcome" << (r.outcomes.size() == 1 ? "" : "s")
     << ":\n";
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const Outcome& o = r.outcomes[i];
    os << "outcome " << i + 1 << " (" << o.count << " executions): " << o.status << "\n";
    if (!o.message.empty()) os << "  message: " << o.message << "\n";
    os << "  stdout:\n" << o.out;
    if (!o.out.empty() && o.out.back() != '\n') os << "\n";
  }
  return os.str();
}

SearchResult run(const cli::Prepared& p, const SearchOptions& so) {
  const checker::Options opt = options_for(p, so);
  SearchResult result;
  result.name = label(p);
  result.strategy = so.strategy;
  std::string trouble;
  if (so.strategy == Strategy::Exhaustive) {
    explore(p, opt, so, result, trouble);
  } else {
    fuzz(p, opt, so, result, trouble);
  }
  result.report = report_of(result, trouble);
  return result;
}

}  // namespace

const char* strategy_name(Strategy s) {
  switch (s) {
    case Strategy::Exhaustive: return "dfs";
    case Strategy::Random: return "random";
    case Strategy::Pct: return "pct";
  }
  return "?";
}

std::set<std::string> SearchResult::outputs() const {
  std::set<std::string> outs;
  for (const Outcome& o : outcomes) outs.insert(o.out);
  return outs;
}

SearchResult search(const std::string& scenario, const SearchOptions& options) {
  cli::RunArgs args;
  args.scenario = scenario;
  for (const auto& [k, v] : options.params) args.params.push_back(k + "=" + v);
  cli::Prepared p;
  try {
    p = cli::prepare(args);
  } catch (const cli::UsageError& e) {
    throw std::invalid_argument(e.what());
  }
  if (!options.stdin_lines.empty()) p.stdin_lines = options.stdin_lines;
  return run(p, options);
}

SearchResult search(const std::string& name, const std::function<void()>& body,
                    const SearchOptions& options) {
  if (!options.params.empty())
    throw std::invalid_argument("parameters apply to registered scenarios only; '" + name +
                                "' is a function");
  Scenario s;
  s.name = name;
  s.body = [&body](const Params&) { body(); };
  const cli::Prepared p{&s, Params{}, options.stdin_lines};
  return run(p, options);
}

}  // namespace weft::testing
