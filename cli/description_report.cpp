#include <nlohmann/json.hpp>

#include "cli/description.hpp"
#include "cli/report.hpp"

namespace weft::cli {

namespace {

using checker::Count;
using checker::Description;
using checker::to_decimal;

std::string quoted(const Description& d, std::size_t line) {
  // Appended rather than "`" + label: GCC 12 warns (-Wrestrict) about the inlined insert.
  std::string s(1, '`');
  s += checker::line_label(d.lines[line]);
  s += '`';
  return s;
}

std::string plural(Count n, const char* one, const char* many) {
  return to_decimal(n) + " " + (n == 1 ? one : many);
}

// The description a report gives: over the state graph when the listing was counted instead
// (checker/explore.hpp, CountedOutputs) and that could be described, else the listing's.
const Description& described(const checker::Report& r) {
  return r.counted && r.counted->description ? *r.counted->description : r.description;
}

// Why the description holds for every outcome, or that it holds for those found.
std::string basis(const checker::Report& r) {
  if (r.counted && r.counted->description)
    return "exact: computed over the graph of every reachable state, whose paths are every "
           "execution (docs/state-caching.md, \"Describing the output set\")";
  if (r.counted)
    return "observed: of the outcomes listed only; the whole set could not be described (" +
           r.counted->description_why_not + ")";
  if (!description_exact(r)) {
    if (r.complete && r.max_preemptions != checker::kUnbounded)
      return "observed: schedules with more than " + std::to_string(r.max_preemptions) +
             " preemptions were not explored";
    if (r.complete && r.statuses_only)
      return "observed: every status was reached, but states that differ only by their output "
             "were explored once (docs/state-caching.md)";
    if (r.complete) return "observed: not every outcome could be counted";
    return "observed: the search was cut by " + r.cut_by;
  }
  return r.counting == checker::Counting::Exact
             ? "exact: the search was complete and every distinct outcome, compared in full, "
               "was described once"
             : "exact: the search was complete and every distinct outcome was described once, "
               "told apart from the others by its 64-bit fingerprint (checker/fingerprints.hpp)";
}

void print_statuses(std::ostream& os, const Description& d) {
  os << "  statuses:";
  const char* sep = " ";
  for (std::size_t s = 0; s < d.statuses.size(); ++s) {
    if (d.statuses[s] == 0) continue;
    os << sep << sim::status_name(static_cast<sim::Status>(s)) << " "
       << to_decimal(d.statuses[s]);
    sep = ", ";
  }
  if (d.outcomes == 0) os << " none";
  os << "\n";
}

void print_lines(std::ostream& os, const Description& d) {
  std::size_t always = 0;
  for (std::size_t i = 0; i < d.lines.size(); ++i) always += d.always(i) ? 1 : 0;
  os << "  always printed (" << always << (always == 1 ? " line" : " lines") << ")"
     << (always == 0 ? "\n" : ":\n");
  for (std::size_t i = 0; i < d.lines.size(); ++i)
    if (d.always(i)) os << "    " << quoted(d, i) << "\n";
  const std::size_t sometimes = d.lines.size() - always;
  os << "  sometimes printed (" << sometimes << (sometimes == 1 ? " line" : " lines") << ")"
     << (sometimes == 0 ? "\n" : ":\n");
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    if (d.always(i)) continue;
    const checker::DescribedLine& l = d.lines[i];
    os << "    " << quoted(d, i) << " in "
       << (l.outcomes_known ? to_decimal(l.outcomes) : std::string("some")) << " of "
       << plural(d.outcomes, "outcome", "outcomes");
    if (l.executions) os << " (" << plural(*l.executions, "execution", "executions") << ")";
    os << "\n";
  }
}

std::string group_text(const Description& d, std::size_t g) {
  std::string s;
  for (const std::size_t line : d.order_groups[g]) s += (s.empty() ? "" : ", ") + quoted(d, line);
  return s;
}

void print_order(std::ostream& os, const Description& d) {
  if (d.order_edges.empty()) {
    os << "  order: no two lines always come in the same order\n";
    return;
  }
  os << "  order (wherever both are printed, the first comes before the second):\n";
  for (const auto& chain : checker::order_chains(d)) {
    os << "    ";
    for (std::size_t i = 0; i < chain.size(); ++i)
      os << (i ? " before " : "") << group_text(d, chain[i]);
    os << "\n";
  }
  if (!d.order_transitive)
    os << "    (not transitive among lines printed only sometimes: each \"before\" holds on its "
          "own, a chain of them says nothing about its ends)\n";
}

void print_blocks(std::ostream& os, const Description& d) {
  if (d.blocks.empty()) {
    os << "  blocks: none (no two lines always printed together, one right after the other)\n";
    return;
  }
  os << "  blocks (printed together, in this order, nothing between):\n";
  for (const auto& block : d.blocks) {
    os << "    ";
    for (std::size_t i = 0; i < block.size(); ++i) os << (i ? " | " : "") << quoted(d, block[i]);
    os << "\n";
  }
}

}  // namespace

bool description_exact(const checker::Report& r) {
  if (r.counted) return r.counted->description.has_value();
  return r.complete && r.max_preemptions == checker::kUnbounded &&
         r.counting != checker::Counting::LowerBound && !r.statuses_only;
}

void print_description(std::ostream& os, const checker::Report& r) {
  const Description& d = described(r);
  os << "\ndescription (" << basis(r) << "):\n";
  os << "  " << plural(d.outcomes, "distinct outcome", "distinct outcomes") << "\n";
  print_statuses(os, d);
  if (d.too_many_lines) {
    os << "  lines: too many distinct lines to describe (more than " << d.max_lines << ")\n";
    return;
  }
  print_lines(os, d);
  print_order(os, d);
  print_blocks(os, d);
}

void print_samples(std::ostream& os, const checker::Report& r) {
  if (r.counted) {
    const auto& drawn = r.counted->samples;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      os << "\nsample " << i + 1 << " of " << drawn.size()
         << " (drawn from the state graph; not listed): " << sim::status_name(drawn[i].status)
         << "\n";
      print_outcome(os, drawn[i]);
    }
    return;
  }
  for (std::size_t i = 0; i < r.samples.size(); ++i) {
    const checker::OutcomeGroup& g = r.samples[i];
    os << "\nsample " << i + 1 << " of " << r.samples.size() << ": outcome " << g.number << " of "
       << r.distinct << ": " << sim::status_name(g.outcome.status) << " (ends at t="
       << sim::to_seconds(g.outcome.end_time) << "s)\n";
    print_outcome(os, g.outcome);
  }
}

nlohmann::json count_json(checker::Count n) {
  if (checker::fits_json_number(n)) return static_cast<std::uint64_t>(n);
  return to_decimal(n);
}

nlohmann::json description_json(const checker::Report& r) {
  const Description& d = described(r);
  nlohmann::json statuses = nlohmann::json::object();
  for (std::size_t s = 0; s < d.statuses.size(); ++s)
    if (d.statuses[s] != 0)
      statuses[sim::status_name(static_cast<sim::Status>(s))] = count_json(d.statuses[s]);
  nlohmann::json lines = nlohmann::json::array();
  for (std::size_t i = 0; i < d.lines.size(); ++i) {
    const checker::DescribedLine& l = d.lines[i];
    lines.push_back({{"text", l.text},
                     {"occurrence", l.occurrence},
                     {"always", d.always(i)},
                     {"outcomes", l.outcomes_known ? count_json(l.outcomes) : nlohmann::json(nullptr)},
                     {"executions", l.executions ? nlohmann::json(*l.executions)
                                                 : nlohmann::json(nullptr)}});
  }
  return {{"exact", description_exact(r)},
          {"basis", basis(r)},
          {"outcomes", count_json(d.outcomes)},
          {"statuses", statuses},
          {"too_many_lines", d.too_many_lines},
          {"max_lines", d.max_lines},
          {"lines", lines},
          {"blocks", d.blocks},
          {"order", {{"groups", d.order_groups},
                     {"edges", d.order_edges},
                     {"chains", checker::order_chains(d)},
                     {"transitive", d.order_transitive}}}};
}

}  // namespace weft::cli
