#include "cli/diff_report.hpp"

#include "cli/interrupt.hpp"
#include "cli/report.hpp"

namespace weft::cli {

std::string side_name(const DiffSide& s) {
  std::string name = s.scenario;
  for (const auto& [k, v] : s.params) name += " " + k + "=" + v;
  return name + (s.timing == sim::Timing::Exact ? ", timing exact" : ", timing untimed");
}

namespace {

std::string count(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string outcomes(std::size_t n) {
  return n == 0 ? "none" : count(n, "outcome", "outcomes");
}

// "A: deadlock threads=2, timing exact: 8 distinct outcomes in 8 executions, complete"
void print_side(std::ostream& os, const char* label, const DiffSide& s, bool complete) {
  const checker::Report& r = *s.report;
  os << label << ": " << side_name(s) << ": " << count(r.distinct, "distinct outcome",
                                                         "distinct outcomes")
     << " in " << count(r.executions, "execution", "executions") << ", ";
  if (complete)
    os << "complete\n";
  else if (!r.complete)
    os << "INCOMPLETE (" << cut_text(r.cut_by) << "): more outcomes may exist\n";
  else
    os << "INCOMPLETE (not every outcome kept in full within --max-memory)\n";
}

void print_rows(std::ostream& os, const char* title,
                const std::vector<checker::OutcomeDiff::Row>& rows) {
  os << "\n" << title << ": " << outcomes(rows.size()) << "\n";
  for (const checker::OutcomeDiff::Row& row : rows) {
    const checker::OutcomeGroup& g = row.a ? *row.a : *row.b;
    os << "- " << sim::status_name(g.outcome.status) << " (";
    if (row.a) os << "A: " << count(row.a->count, "execution", "executions");
    if (row.a && row.b) os << ", ";
    if (row.b) os << "B: " << count(row.b->count, "execution", "executions");
    os << ")\n";
    print_outcome(os, g.outcome);
  }
}

}  // namespace

void print_diff(std::ostream& os, const DiffSide& a, const DiffSide& b,
                const checker::OutcomeDiff& d) {
  print_side(os, "A", a, d.complete_a);
  print_side(os, "B", b, d.complete_b);
  print_rows(os, "only in A", d.only_a);
  print_rows(os, "only in B", d.only_b);
  print_rows(os, "in both", d.both);
  os << "\n";
  if (!d.complete_a || !d.complete_b)
    os << "undecided: a search was incomplete, so an outcome listed on one side only may "
          "exist on the other\n";
  else if (d.equal())
    os << "equal: the same " << outcomes(d.both.size()) << " on both sides\n";
  else
    os << "different: " << outcomes(d.only_a.size()) << " only in A, " << outcomes(d.only_b.size())
       << " only in B, " << outcomes(d.both.size()) << " in both\n";
}

}  // namespace weft::cli
