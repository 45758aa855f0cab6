#include "cli/check_report.hpp"

#include <cmath>
#include <sstream>

#include "checker/failure.hpp"
#include "checker/trace.hpp"
#include "cli/interrupt.hpp"
#include "cli/report.hpp"
#include "cli/traces.hpp"

namespace weft::cli {

std::string caching_summary(const checker::Report& r) {
  std::string s = r.symmetry ? "state caching + symmetry: " : "state caching: ";
  s += std::to_string(r.states) + (r.states == 1 ? " state" : " states");
  if (r.states_full) s += ", some explored again once the visited set was full";
  return s;
}

std::string search_counts(const checker::Report& r) {
  std::string s = std::to_string(r.executions) + (r.executions == 1 ? " execution" : " executions");
  const std::uint64_t explored = r.executions - r.redundant;
  if (r.state_caching) {
    s += ", " + caching_summary(r);
  } else if (r.reduction && r.max_preemptions == checker::kUnbounded) {
    s += ", " + std::to_string(explored) + (explored == 1 ? " class" : " classes");
  } else if (r.max_preemptions != checker::kUnbounded) {
    s += ", " + std::to_string(explored) + (explored == 1 ? " schedule" : " schedules");
  }
  return s;
}

namespace {

// "deadlock threads=10"
std::string label(const Prepared& p) {
  std::string s = p.scenario->name;
  for (const auto& [k, v] : p.params.values()) s += " " + k + "=" + v;
  return s;
}

std::string seconds(double s) {
  std::ostringstream os;
  os.precision(3);
  os << std::fixed << s << " s";
  return os.str();
}

std::string number(double x) {
  std::ostringstream os;
  os.precision(2);
  os << x;
  return os.str();
}

// A failure, its trace written to `path` (under the run's seed) and the story around it.
Verdict failure_verdict(const Prepared& p, checker::Options opt, const sim::Outcome& o,
                        const checker::Schedule& schedule, const std::string& strategy,
                        const std::string& how, const std::string& shrunk,
                        const std::string& path) {
  Verdict v;
  v.exit_code = 1;
  v.failure_type = checker::failure_name(checker::failure_kind(o, opt.failures));
  v.headline = label(p) + ": FAILURE (" + v.failure_type + ") " + how;
  try {
    checker::write_trace(path, make_trace(p, opt, schedule, strategy));
    v.trace = path;
  } catch (const checker::TraceError& e) {
    throw UsageError(e.what());  // a write that fails is bad usage: exit 2
  }
  std::ostringstream os;
  os << v.headline << "\n";
  if (!shrunk.empty()) os << shrunk << "\n";
  print_run(os, o);
  os << "trace: " << v.trace << "\nreplay it: " << replay_command(v.trace) << "\n";
  v.details = os.str();
  return v;
}

// What bounds 0, 1, 2, ... proved: "no failure within 2 preemptions; bound 3 cut by the
// max-executions after 1,234 executions".
std::string iterated_guarantee(const checker::Report& r) {
  const std::string k = std::to_string(r.max_preemptions);
  if (r.complete && r.reduction && !r.bound_cut)
    return "exhaustive: " + search_counts(r) + ", complete (the bound of " + k +
           " preemptions cut no branch)";
  std::string s = r.proved_bound < 0 ? "INCOMPLETE: no bound completed"
                                     : "no failure within " + std::to_string(r.proved_bound) +
                                           " preemptions";
  return s + "; bound " + k + incomplete_why(r.cut_by) + " after " +
         std::to_string(r.last_bound_executions) + " executions (" + search_counts(r) + " in all)";
}

// What a complete (or cut) search without failure guarantees, with what it ran.
std::string search_guarantee(const checker::Report& r) {
  if (r.iterated) return iterated_guarantee(r);
  if (r.complete && r.reduction && r.max_preemptions != checker::kUnbounded && !r.bound_cut)
    return "exhaustive: " + search_counts(r) + ", complete (the bound of " +
           std::to_string(r.max_preemptions) + " preemptions cut no branch)";
  if (!r.complete)
    return "INCOMPLETE" + incomplete_why(r.cut_by) + " after " + search_counts(r) +
           ": a failure may remain";
  if (r.max_preemptions != checker::kUnbounded)
    return "complete up to " + std::to_string(r.max_preemptions) + " preemptions (" +
           search_counts(r) + "; schedules with more preemptions were not explored)";
  return "exhaustive: " + search_counts(r) + ", complete";
}

// How fuzzing ended before its runs were done: its budget is a normal end, an interrupt is not.
std::string fuzz_cut(const std::string& cut_by) {
  if (cut_by.empty()) return "";
  if (cut_by == checker::kInterrupted) return "; INCOMPLETE (interrupted)";
  return "; stopped by the " + cut_by;
}

std::uint64_t limited_outcomes(const checker::Report& r) {
  return r.distinct_with(sim::Status::Limit);
}

// "seeds 0..999 (run i used seed i-1)"
std::string seeds(const checker::FuzzReport& r) {
  const std::uint64_t n = r.portfolio ? r.rounds : r.runs;
  const std::uint64_t last = r.first_seed + n - 1;
  if (n == 1) return "seed " + std::to_string(r.first_seed);
  const std::string rule =
      r.first_seed == 0 ? "i-1" : std::to_string(r.first_seed) + "+i-1";
  return "seeds " + std::to_string(r.first_seed) + ".." + std::to_string(last) + " (" +
         (r.portfolio ? "round" : "run") + " i used seed " + rule + ")";
}

std::string pct_guarantee(const checker::FuzzReport& r);

// What the runs were, when none failed.
std::string fuzz_summary(const checker::FuzzReport& r) {
  if (r.portfolio)
    return std::to_string(r.rounds) + " rounds of random, pct (depth " + std::to_string(r.depth) +
           ") and pos runs (" + std::to_string(r.runs) + " runs), no failure";
  switch (r.fuzzer) {
    case checker::Fuzzer::Pct: return "no failure in " + pct_guarantee(r);
    case checker::Fuzzer::Pos:
      return std::to_string(r.runs) + " runs, no failure (partial order sampling)";
    case checker::Fuzzer::Random: break;
  }
  return std::to_string(r.runs) + " runs, no failure (random schedules)";
}

// PCT's guarantee, with the n and k it was computed from.
std::string pct_guarantee(const checker::FuzzReport& r) {
  if (r.steps == 0)
    return std::to_string(r.runs) +
           " runs; no run had two threads to choose between: there is one interleaving";
  const double p = checker::pct_probability(r);
  const unsigned d = r.depth;
  // With d > 1 the first run has no change points: it measures k.
  const std::uint64_t guaranteed = d > 1 ? r.runs - 1 : r.runs;
  const double miss = std::exp(static_cast<double>(guaranteed) * std::log1p(-p));
  const std::uint64_t k = r.steps < 1 ? 1 : r.steps;
  const std::size_t n = r.threads < 1 ? 1 : r.threads;
  return std::to_string(r.runs) + " runs; each" + (d > 1 ? " after the first" : "") +
         " finds a given depth-" + std::to_string(d) +
         " bug with probability at least 1/(n·k^(d-1)) = 1/(" + std::to_string(n) + "·" +
         std::to_string(k) + "^" + std::to_string(d - 1) + ") = " + number(p) + " (n = " +
         std::to_string(n) + " threads, k = " + std::to_string(r.steps) +
         " steps seen); together they miss it with probability at most " + number(miss);
}

}  // namespace

std::string default_trace_path(const std::string& scenario) {
  return "weft-trace-" + scenario + ".json";
}

namespace {
// What a bounded search proved, for the JSON verdict (docs/json.md, `bound`).
BoundVerdict bound_of(const checker::Report& r) {
  BoundVerdict b;
  if (r.max_preemptions == checker::kUnbounded) return b;
  b.bounded = true;
  b.iterated = r.iterated;
  b.bound = r.max_preemptions;
  b.complete_without_bound = r.complete && r.reduction && !r.bound_cut;
  b.last_bound_executions = r.iterated ? r.last_bound_executions : r.executions;
  if (r.iterated) {
    b.proved = r.proved_bound;
  } else if (r.complete && !r.failure) {
    b.proved = r.max_preemptions;
  }
  if (!r.complete) b.last_bound_cut_by = r.cut_by;
  if (r.failure) b.failure_at = r.max_preemptions;
  return b;
}

Verdict search_verdict(const Prepared& p, const checker::Options& opt, const checker::Report& r,
                       const std::string& trace_path) {
  if (r.failure) {
    const checker::OutcomeGroup& g = r.outcomes[*r.failure];
    std::string how = "found by dfs ";
    if (r.iterated) {
      how += "iterating the bound, at " + std::to_string(r.max_preemptions) + " preemptions";
    } else if (r.max_preemptions != checker::kUnbounded) {
      how += "bounded to " + std::to_string(r.max_preemptions) + " preemptions";
    } else {
      how += r.state_caching ? "with " + caching_summary(r)
             : r.reduction   ? "with reduction"
                             : "without reduction";
    }
    how += " at execution " + std::to_string(r.failure_execution) + ", seed " +
           std::to_string(opt.setup.seed) + ", in " + seconds(r.seconds);
    return failure_verdict(p, opt, g.outcome, g.witness, "dfs", how, "", trace_path);
  }
  Verdict v;
  v.headline = label(p) + ": no failure; " + search_guarantee(r) + ", " + seconds(r.seconds);
  if (!r.complete) v.exit_code = 4;
  if (const std::uint64_t n = limited_outcomes(r); n > 0) {
    v.headline += "; " + std::to_string(n) + " outcomes cut by the step or time limit: undecided";
    v.exit_code = 4;
  }
  if (r.nondeterministic)
    v.headline += "\nwarning: the scenario behaved differently under the same schedule; it "
                  "depends on something weft does not control";
  return v;
}
}  // namespace

Verdict conclude_search(const Prepared& p, const checker::Options& opt, const checker::Report& r,
                        const std::string& trace_path) {
  Verdict v = search_verdict(p, opt, r, trace_path);
  v.bound = bound_of(r);
  return v;
}

Verdict conclude_fuzz(const Prepared& p, const checker::Options& opt,
                      const checker::FuzzReport& r, const std::string& trace_path) {
  const std::string name = checker::fuzzer_name(r.fuzzer);
  const std::string by =
      r.fuzzer == checker::Fuzzer::Pct ? name + " (depth " + std::to_string(r.depth) + ")" : name;
  if (r.failure) {
    const checker::FuzzFailure& f = *r.failure;
    const checker::Shrunk& s = f.shrunk;
    const std::string where = r.portfolio ? " in the portfolio at round " + std::to_string(r.rounds) +
                                             " (run " + std::to_string(f.run) + ")"
                                       : " at run " + std::to_string(f.run);
    const std::string how = "found by " + by + where + ", seed " + std::to_string(f.seed) + ", in " +
                            seconds(r.seconds);
    const std::string shrunk =
        "shrunk from " + std::to_string(s.preemptions_before) + " to " +
        std::to_string(s.preemptions_after) + " preemptions, " + std::to_string(s.steps_before) +
        " to " + std::to_string(s.steps_after) + " steps";
    checker::Options at = opt;
    at.setup.seed = f.seed;
    return failure_verdict(p, at, s.outcome, s.schedule, name, how, shrunk, trace_path);
  }
  Verdict v;
  v.headline = label(p) + ": " + fuzz_summary(r) +
               "; " + seeds(r) + fuzz_cut(r.cut_by) + ", " + seconds(r.seconds);
  if (r.cut_by == checker::kInterrupted) v.exit_code = 4;
  if (r.limited > 0) {
    v.headline += "; " + std::to_string(r.limited) +
                  " runs cut by the step or time limit: undecided";
    v.exit_code = 4;
  }
  return v;
}

void print_verdict(std::ostream& os, const Verdict& v) {
  os << (v.details.empty() ? v.headline + "\n" : v.details);
}

}  // namespace weft::cli
