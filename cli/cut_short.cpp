#include "cli/cut_short.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

#include "checker/trace.hpp"
#include "cli/interrupt.hpp"
#include "cli/narration.hpp"
#include "cli/notes.hpp"

namespace weft::cli {

namespace {

std::string label(const Prepared& p) {
  std::string s = p.scenario->name;
  for (const auto& [k, v] : p.params.values()) s += " " + k + "=" + v;
  return s;
}

// Why the search stopped, for "cut by ..." and "INCOMPLETE ...".
std::string cause(const ChildEnd& end, const Supervision& s) {
  switch (end.how) {
    case ChildEnd::How::Crashed: return "a crash";
    case ChildEnd::How::Runaway: return "a runaway execution";
    case ChildEnd::How::OutOfTime: {
      std::ostringstream os;
      os << "time-budget (" << s.time_budget
         << " s; user code was running without a visible operation when it ran out)";
      return os.str();
    }
    case ChildEnd::How::Interrupted: return checker::kInterrupted;
    case ChildEnd::How::Finished: break;
  }
  return "?";
}

void print_trace_lines(std::ostream& os, const Finding& f) {
  if (f.trace.empty()) {
    os << "trace: not written: " << f.trace_error << "\n";
  } else {
    os << "trace: " << f.trace << "\nreplay it: " << replay_command(f.trace) << "\n";
  }
}

std::string outcome_trace_path(const std::string& dir, std::size_t index) {
  return (std::filesystem::path(dir) / ("outcome-" + std::to_string(index + 1) + ".json")).string();
}

// The witness traces of the outcomes found before the search was cut, each recorded in a
// supervised child (user code does not run here), as weft outputs --traces writes them.
std::vector<std::string> write_found_traces(const std::string& dir, const Prepared& p,
                                            const checker::Options& opt, const checker::Report& r,
                                            const Supervision& s) {
  std::vector<std::string> written;
  if (dir.empty()) return written;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const Narration n = narrate(p, opt.setup, r.outcomes[i].witness, s, "dfs");
    try {
      checker::write_trace(outcome_trace_path(dir, i), n.trace);
      written.push_back(outcome_trace_path(dir, i));
    } catch (const checker::TraceError& e) {
      std::cerr << "weft: " << e.what() << "\n";
    }
  }
  return written;
}

}  // namespace

std::optional<Finding> finding_of(const ChildEnd& end, const Prepared& p,
                                  const checker::Options& opt, const std::string& strategy,
                                  const std::string& trace_path, const Supervision& s) {
  if (end.how != ChildEnd::How::Crashed && end.how != ChildEnd::How::Runaway) return std::nullopt;
  Finding f;
  f.outcome.status = status_of(end);
  f.outcome.message = end.message;
  if (!end.under_way) {
    f.trace_error = "the process did not say which execution was under way";
    return f;
  }
  const UnderWay& u = *end.under_way;
  f.outcome.out = u.out;
  f.outcome.err = u.err;
  f.schedule = u.schedule;
  f.seed = u.seed;
  sim::ExecutionSetup setup = opt.setup;
  setup.seed = u.seed;
  setup.timing = u.timing;
  Supervision again = s;
  if (end.how == ChildEnd::How::Runaway) again.runaway_at_step = u.steps;
  Narration n = narrate(p, setup, u.schedule, again, strategy);
  // The same schedule should end the same way; if it does not, the trace says what was seen
  // first, and its replay will say that it diverged.
  if (!f.outcome.same_as(n.trace.outcome)) n.trace.outcome = f.outcome;
  f.outcome.end_time = n.trace.outcome.end_time;
  try {
    checker::write_trace(trace_path, n.trace);
    f.trace = trace_path;
  } catch (const checker::TraceError& e) {
    f.trace_error = e.what();
  }
  return f;
}

Verdict cut_short_verdict(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                          const std::string& strategy, const std::string& trace_path,
                          const Supervision& s) {
  Verdict v;
  const std::optional<Finding> f = finding_of(end, p, opt, strategy, trace_path, s);
  if (!f) {
    v.exit_code = 4;
    v.headline = label(p) + ": no failure until then; INCOMPLETE" + incomplete_why(cause(end, s)) +
                 " after " + std::to_string(end.executions) + " executions: a failure may remain";
    return v;
  }
  v.exit_code = 1;
  v.failure_type = checker::failure_name(checker::failure_kind(f->outcome, opt.failures));
  v.trace = f->trace;
  v.headline = label(p) + ": FAILURE (" + f->outcome.message + ") found by " + strategy +
               " at execution " + std::to_string(end.executions) + ", seed " +
               std::to_string(f->seed);
  std::ostringstream os;
  os << v.headline << "\n";
  print_run(os, f->outcome);
  print_trace_lines(os, *f);
  v.details = os.str();
  return v;
}

int report_cut_outputs(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                       const std::string& traces_dir, const Supervision& s, bool json) {
  checker::Report r;
  for (const std::string& note : end.notes) {
    auto g = notes::read_group(note);
    if (!g) continue;
    if (r.outcomes.size() <= g->first) r.outcomes.resize(g->first + 1);
    if (g->first < end.counts.size()) g->second.count = end.counts[g->first];
    r.outcomes[g->first] = std::move(g->second);
  }
  r.executions = end.executions;
  // The parent knows how many executions the child began, not how many of them were new classes
  // or states: the report counts executions only.
  r.reduction = false;
  r.max_preemptions = opt.max_preemptions;
  r.cut_by = cause(end, s);
  r.seconds = end.seconds;
  const std::vector<std::string> traces = write_found_traces(traces_dir, p, opt, r, s);
  const std::string trace_path =
      traces_dir.empty() ? "weft-trace-" + p.scenario->name + ".json"
                         : outcome_trace_path(traces_dir, r.outcomes.size());
  const std::optional<Finding> f = finding_of(end, p, opt, "dfs", trace_path, s);
  if (f) r.outcomes.push_back(checker::OutcomeGroup{f->outcome, 1, f->schedule, 0});
  // The groups the parent was sent are the ones the child kept in full, in the order found.
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    r.outcomes[i].number = i + 1;
    ++r.distinct_by_status[static_cast<std::size_t>(r.outcomes[i].outcome.status)];
  }
  r.distinct = r.outcomes.size();
  checker::Describer described(opt.describe_lines > 0 ? opt.describe_lines : 1);
  for (const checker::OutcomeGroup& g : r.outcomes) described.add(g.outcome);
  r.description = described.finish();
  const ReportContext ctx{p.scenario->name, p.params.values(), opt.setup.timing, {}};
  if (json) {
    print_json(std::cout, ctx, r);
  } else {
    print_text(std::cout, ctx, r);
    if (end.counted > kCountSlots)
      std::cout << end.counted - kCountSlots << " further outcomes were found before it; only the "
                << "first " << kCountSlots << " are kept\n";
    if (!traces.empty())
      std::cout << "traces: " << traces.front()
                << (traces.size() > 1 ? " ... " + traces.back() : std::string())
                << " (" << replay_command("FILE") << " tells how one came about)\n";
    if (f) print_trace_lines(std::cout, *f);
  }
  return exit_code(r);
}

int report_cut_possible(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                        const std::string& trace_path, const Supervision& s, bool json) {
  const std::optional<Finding> f = finding_of(end, p, opt, "possible", trace_path, s);
  checker::PossibleResult r;
  r.executions = end.executions;
  r.cut_by = cause(end, s);
  if (json) {
    print_possible_json(std::cout, ReportContext{p.scenario->name, p.params.values()}, r,
                        f ? f->trace : std::string());
    return f ? 1 : 4;
  }
  if (!f) {
    std::cout << "undecided: the search was " << cut_text(r.cut_by) << " after " << r.executions
              << " executions; no execution printed exactly that so far\n";
    return 4;
  }
  std::cout << "FAILURE (" << f->outcome.message << ") at execution " << r.executions
            << "; no execution printed exactly that before it\n";
  print_run(std::cout, f->outcome);
  print_trace_lines(std::cout, *f);
  return 1;
}

int report_cut_step(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                    const std::string& trace_path, const Supervision& s) {
  const std::optional<Finding> f = finding_of(end, p, opt, "step", trace_path, s);
  if (!f) {
    std::cout << "\nthe session was " << cut_text(cause(end, s)) << "\n";
    return 4;
  }
  std::cout << "\nFAILURE (" << f->outcome.message << ") on the way along the choices taken\n";
  print_run(std::cout, f->outcome);
  print_trace_lines(std::cout, *f);
  return 1;
}

void stream_outcomes(checker::Options& opt) {
  if (!supervised()) return;
  opt.on_outcome = [](std::size_t index, const checker::OutcomeGroup& g) {
    // The parent keeps what it is sent: no more groups than it keeps counts of.
    if (g.count == 1 && index < kCountSlots) send_note(notes::group(index, g));
    set_count(index, g.count);
  };
}

}  // namespace weft::cli
