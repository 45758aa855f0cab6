#include "cli/stress_report.hpp"

#include <iomanip>

namespace weft::cli {

namespace {

const char* runs_word(std::uint64_t n) { return n == 1 ? " run" : " runs"; }

// "ok: main------- / 123 / end123": one line standing for a model outcome.
std::string one_line(const sim::Outcome& o) {
  std::string s = sim::status_name(o.status);
  if (!o.message.empty()) s += " (" + o.message + ")";
  const auto lines = split_lines(o.out);
  for (std::size_t i = 0; i < lines.size(); ++i) s += (i ? " / " : ": ") + lines[i];
  if (!o.err.empty()) s += " [+stderr]";
  if (!o.files.empty()) s += " [+files]";
  constexpr std::size_t kWidth = 100;
  return s.size() > kWidth ? s.substr(0, kWidth - 3) + "..." : s;
}

std::string model_state(const checker::Report& m) {
  const std::size_t n = m.outcomes.size();
  return std::to_string(n) + (n == 1 ? " outcome, " : " outcomes, ") +
         (m.complete ? "complete" : "INCOMPLETE (cut by " + m.cut_by + ")");
}

void print_against_model(std::ostream& os, const StressResult& r) {
  const Conformance& c = r.conformance;
  os << "\nthe untimed model (" << model_state(*r.untimed)
     << ") and how often real runs reached each outcome:\n";
  for (std::size_t i = 0; i < r.untimed->outcomes.size(); ++i)
    os << "  model " << std::setw(2) << i + 1 << ": " << std::setw(6) << c.coverage[i]
       << runs_word(c.coverage[i]) << "  " << one_line(r.untimed->outcomes[i].outcome) << "\n";
  os << "the exact model: " << model_state(*r.exact) << "\n";
  std::uint64_t outside_exact = 0;
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const std::uint64_t n = r.outcomes[i].count;
    os << "  outcome " << i + 1 << " (" << n << runs_word(n) << "): ";
    if (!c.untimed[i]) {
      os << "NOT A MODEL OUTCOME\n";
      continue;
    }
    os << "model " << *c.untimed[i] + 1;
    if (!c.in_exact[i]) os << ", outside the exact model", outside_exact += n;
    os << "\n";
  }
  std::size_t reached = 0;
  for (std::uint64_t n : c.coverage) reached += n > 0;
  os << "against the model: "
     << (c.conforms() ? "every real outcome is a model outcome"
                      : "FAILED: real threads did what the untimed model says is impossible")
     << "; reality reached " << reached << " of " << c.coverage.size() << " model outcomes; "
     << outside_exact << runs_word(outside_exact) << " outside the exact model\n";
  if (outside_exact > 0 && r.time_scale < 1)
    os << "note: with --time-scale below 1, sleeps are short next to the machine's delays: "
          "that is where reality strays furthest from the exact model\n";
}

void print_hung(std::ostream& os, const StressResult& r) {
  for (const HungCheck& h : r.hung) {
    os << "\noutcome " << h.outcome + 1 << " (hung): ";
    print_hung_check(os, h);
  }
}

}  // namespace

void print_hung_check(std::ostream& os, const HungCheck& h) {
  if (h.found) {
    os << "the untimed model has this " << sim::status_name(h.model.status)
       << ", with exactly this output:\n";
    print_why_blocked(os, h.model);
  } else if (h.undecided) {
    os << "the search of the model for a deadlock or livelock with this output ran out of "
          "budget\n";
  } else {
    os << "NO deadlock or livelock of the untimed model prints exactly this: the run was too "
          "slow for --timeout, or real threads did what the model says is impossible\n";
  }
  // A run waiting (deadlocked) uses next to none; a spin, a core per spinning thread.
  if (h.cpu_seconds >= 0)
    os << "  CPU time its processes had used when it was stopped: " << std::fixed
       << std::setprecision(2) << h.cpu_seconds << std::defaultfloat << " s\n";
}

void add_run(std::vector<checker::OutcomeGroup>& groups, const sim::Outcome& o) {
  for (checker::OutcomeGroup& g : groups)
    if (g.outcome.same_as(o)) {
      ++g.count;
      return;
    }
  groups.push_back({o, 1, {}});
}

void print_stress_text(std::ostream& os, const ReportContext& ctx, const StressResult& r) {
  const std::size_t n = r.outcomes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& g = r.outcomes[i];
    os << "outcome " << i + 1 << " of " << n << ": " << sim::status_name(g.outcome.status) << " ("
       << g.count << runs_word(g.count) << ")\n";
    print_outcome(os, g.outcome);
    os << "\n";
  }
  os << ctx.scenario;
  for (const auto& [k, v] : ctx.params) os << " " << k << "=" << v;
  os << ": " << n << (n == 1 ? " distinct outcome" : " distinct outcomes") << " in " << r.runs
     << runs_word(r.runs) << " on real threads (" << r.jobs << " at a time, time scale "
     << r.time_scale << ", timeout " << r.timeout << " s";
  if (r.perturb) os << ", perturbed with seed " << r.seed;
  os << "), " << std::fixed << std::setprecision(3) << r.seconds << " s\n";
  os.unsetf(std::ios::floatfield);
  if (r.untimed) print_against_model(os, r);
  print_hung(os, r);
}

int stress_exit_code(const StressResult& r) {
  if (r.untimed && !r.conformance.conforms()) return 1;
  for (const auto& g : r.outcomes)
    if (g.outcome.status != sim::Status::Ok) return 1;
  return 0;
}

}  // namespace weft::cli
