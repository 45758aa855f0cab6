#include <nlohmann/json.hpp>

#include <string>

#include "checker/version.hpp"
#include "cli/description.hpp"
#include "cli/diff_report.hpp"
#include "cli/report.hpp"
#include "cli/stress_report.hpp"

namespace weft::cli {

static nlohmann::json outcome_json(const checker::OutcomeGroup& g) {
  const sim::Outcome& o = g.outcome;
  nlohmann::json blocked = nlohmann::json::array();
  for (const sim::BlockedThread& b : o.blocked)
    blocked.push_back({{"thread", b.thread}, {"op", b.op}, {"object", b.object},
                       {"held_by", b.held_by}});
  nlohmann::json files = nlohmann::json::object();
  for (const auto& [name, content] : o.files) files[name] = content;
  return {{"status", sim::status_name(o.status)},
          {"message", o.message},
          {"stdout", split_lines(o.out)},
          {"stderr", split_lines(o.err)},
          {"files", files},
          {"count", g.count},
          {"end_time", sim::to_seconds(o.end_time)},
          {"blocked", blocked}};
}

static const char* counting_name(checker::Counting c) {
  switch (c) {
    case checker::Counting::Exact: return "exact";
    case checker::Counting::Fingerprints: return "fingerprints";
    case checker::Counting::LowerBound: return "lower-bound";
  }
  return "exact";
}

// The summary is one small document; the outcomes follow it one at a time, so that a long
// listing is never held twice (as groups and as JSON) nor built whole before it is written.
void print_json(std::ostream& os, const ReportContext& ctx, const checker::Report& r) {
  const std::uint64_t listed = r.outcomes.size();
  const bool classes = r.reduction && !r.state_caching;
  nlohmann::json doc = {{"weft_version", kVersion},
                        {"schema_version", kSchemaVersion},
                        {"scenario", ctx.scenario},
                        {"params", ctx.params},
                        {"complete", r.complete},
                        {"max_preemptions", r.max_preemptions == checker::kUnbounded
                                                ? nlohmann::json(nullptr)
                                                : nlohmann::json(r.max_preemptions)},
                        {"cut_by", r.complete ? nlohmann::json(nullptr) : nlohmann::json(r.cut_by)},
                        {"executions", count_json(r.executions)},
                        {"classes", classes ? nlohmann::json(r.executions - r.redundant)
                                            : nlohmann::json(nullptr)},
                        {"states", r.state_caching ? nlohmann::json(r.states)
                                                   : nlohmann::json(nullptr)},
                        {"distinct_outcomes", count_json(r.distinct)},
                        {"counting", counting_name(r.counting)},
                        {"collision_probability_bound",
                         r.counting == checker::Counting::Exact
                             ? 0.0
                             : checker::FingerprintSet::collision_bound(r.distinct)},
                        {"outcomes_not_listed",
                         count_json(r.distinct > listed ? r.distinct - listed : 0)},
                        {"nondeterministic", r.nondeterministic},
                        {"seconds", r.seconds},
                        {"timing", ctx.timing == sim::Timing::Untimed ? "untimed" : "exact"}};
  doc["description"] = description_json(r);
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& g : r.samples) {
    nlohmann::json o = outcome_json(g);
    o.erase("count");  // a sampled outcome's executions are not counted
    o["number"] = g.number;
    samples.push_back(std::move(o));
  }
  if (r.counted) {
    samples = nlohmann::json::array();  // drawn from the graph instead of the listing
    for (const sim::Outcome& drawn : r.counted->samples) {
      nlohmann::json o = outcome_json(checker::OutcomeGroup{drawn, 0, {}, 0});
      o.erase("count");
      o["end_time"] = nullptr;  // drawn from the state graph, which keeps no clocks
      o["number"] = nullptr;
      samples.push_back(std::move(o));
    }
    doc["counted"] = {{"distinct_outcomes", count_json(r.counted->distinct)},
                      {"executions", r.counted->executions},
                      {"states", r.counted->states},
                      {"symmetry", r.counted->symmetry},
                      {"seconds", r.counted->seconds},
                      {"description_why_not", r.counted->description
                                                  ? nlohmann::json(nullptr)
                                                  : nlohmann::json(r.counted->description_why_not)}};
    doc["outcomes_not_listed"] = count_json(r.counted->distinct - listed);
    // The answer is the count over the graph, complete; what the listing search reached and
    // why it stopped moves under "listing".
    doc["listing"] = {{"distinct_outcomes", count_json(r.distinct)},
                      {"cut_by", r.complete ? nlohmann::json(nullptr) : nlohmann::json(r.cut_by)},
                      {"counting", doc["counting"]},
                      {"collision_probability_bound", doc["collision_probability_bound"]}};
    doc["complete"] = true;
    doc["cut_by"] = nullptr;
    doc["distinct_outcomes"] = count_json(r.counted->distinct);
    doc["counting"] = "exact";
    doc["collision_probability_bound"] = 0.0;
  }
  doc["samples"] = std::move(samples);
  // The count tried instead of the listing and not finished (Report::count_cut_by).
  if (!r.count_cut_by.empty())
    doc["count_cut_by"] = {{"cut_by", r.count_cut_by}, {"seconds", r.count_seconds}};
  if (ctx.untimed_further)
    doc["untimed_further_outcomes"] =
        *ctx.untimed_further < 0 ? nlohmann::json(nullptr) : nlohmann::json(*ctx.untimed_further);
  // The count without listing of a listing a budget cut (cmd_outputs.cpp): exact.
  if (ctx.counted) doc["counted_outcomes"] = count_json(*ctx.counted);
  std::string head = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  head.resize(head.size() - 2);  // reopen the object: drop "\n}"
  os << head << ",\n  \"outcomes\": [";
  const char* sep = "\n";
  for (const auto& g : r.outcomes) {
    nlohmann::json o = outcome_json(g);
    o["number"] = g.number;
    if (const auto t = ctx.stdout_times.find(g.number); t != ctx.stdout_times.end())
      o["stdout_times"] = t->second;
    std::string text = o.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    os << sep << "    ";
    for (const char c : text) {
      os << c;
      if (c == '\n') os << "    ";
    }
    sep = ",\n";
  }
  os << (r.outcomes.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

// Why not, as text lines (each without its newline; `newline` false where the program printed
// none): the answer of print_why_not (cli/why_not_report.hpp) for programs.
static nlohmann::json why_not_json(const checker::PossibleResult& r, const std::string& trace) {
  const checker::WhyNot& why = r.why_not;
  if (r.answer == checker::PossibleResult::Answer::Possible || !why.seen) return nullptr;
  const auto line = [](const std::string& l) {
    const bool newline = !l.empty() && l.back() == '\n';
    return nlohmann::json{{"text", newline ? l.substr(0, l.size() - 1) : l}, {"newline", newline}};
  };
  nlohmann::json prefix = nlohmann::json::array(), instead = nlohmann::json::array();
  for (const std::string& l : why.prefix) prefix.push_back(line(l));
  for (const std::string& l : why.instead) instead.push_back(line(l));
  return {{"exact", r.answer == checker::PossibleResult::Answer::Impossible},
          {"prefix", prefix},
          {"cannot_come_next", why.wanted ? line(*why.wanted) : nlohmann::json(nullptr)},
          {"instead", instead},
          {"end_of_output_instead", why.end_instead},
          {"closest_trace", trace}};
}

void print_possible_json(std::ostream& os, const ReportContext& ctx,
                         const checker::PossibleResult& r, const std::string& witness) {
  using Answer = checker::PossibleResult::Answer;
  const bool possible = r.answer == Answer::Possible;
  const char* answer = possible                         ? "possible"
                       : r.answer == Answer::Impossible ? "impossible"
                                                        : "undecided";
  nlohmann::json doc = {
      {"weft_version", kVersion},
      {"schema_version", kSchemaVersion},
      {"scenario", ctx.scenario},
      {"params", ctx.params},
      {"answer", answer},
      {"cut_by", r.answer == Answer::Undecided ? nlohmann::json(r.cut_by) : nlohmann::json(nullptr)},
      {"executions", r.executions},
      {"abandoned", r.pruned},
      {"redundant", r.redundant},
      {"seconds", r.seconds},
      {"witness_trace", possible ? nlohmann::json(witness) : nlohmann::json(nullptr)},
      {"outcome", possible ? outcome_json(checker::OutcomeGroup{r.outcome, 1, r.witness, 1})
                           : nlohmann::json(nullptr)},
      {"why_not", why_not_json(r, witness)}};
  os << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace weft::cli

namespace weft::cli {

// The untimed model's outcomes, each with the real runs that reached it; per real outcome, the
// model outcome it is (index from 0, null when none) and whether the exact model has it.
static nlohmann::json against_model_json(const StressResult& r) {
  const Conformance& c = r.conformance;
  nlohmann::json model = nlohmann::json::array();
  for (std::size_t i = 0; i < r.untimed->outcomes.size(); ++i) {
    nlohmann::json o = outcome_json(r.untimed->outcomes[i]);
    o["real_runs"] = c.coverage[i];
    model.push_back(o);
  }
  nlohmann::json real = nlohmann::json::array();
  for (std::size_t i = 0; i < r.outcomes.size(); ++i)
    real.push_back({{"untimed_model_outcome",
                     c.untimed[i] ? nlohmann::json(*c.untimed[i]) : nlohmann::json(nullptr)},
                    {"in_exact_model", bool(c.in_exact[i])}});
  return {{"conforms", c.conforms()},
          {"untimed_complete", r.untimed->complete},
          {"exact_complete", r.exact->complete},
          {"exact_outcomes", r.exact->outcomes.size()},
          {"untimed_outcomes", model},
          {"real_outcomes", real}};
}

void print_stress_json(std::ostream& os, const ReportContext& ctx, const StressResult& r) {
  nlohmann::json outcomes = nlohmann::json::array();
  for (const auto& g : r.outcomes) outcomes.push_back(outcome_json(g));
  nlohmann::json hung = nlohmann::json::array();
  for (const HungCheck& h : r.hung)
    hung.push_back({{"outcome", h.outcome},
                    {"model", h.found ? sim::status_name(h.model.status)
                                      : (h.undecided ? "undecided" : "none")}});
  nlohmann::json doc = {{"weft_version", kVersion},  {"schema_version", kSchemaVersion},
                        {"scenario", ctx.scenario},   {"params", ctx.params},
                        {"runs", r.runs},             {"jobs", r.jobs},
                        {"time_scale", r.time_scale}, {"timeout", r.timeout},
                        {"perturb", r.perturb},       {"seed", r.seed},
                        {"seconds", r.seconds},       {"outcomes", outcomes},
                        {"hung", hung}};
  if (r.untimed) doc["against_model"] = against_model_json(r);
  os << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace weft::cli

namespace weft::cli {

namespace {

nlohmann::json diff_side_json(const DiffSide& s, bool complete) {
  return {{"scenario", s.scenario},
          {"params", s.params},
          {"timing", s.timing == sim::Timing::Exact ? "exact" : "untimed"},
          {"complete", complete},
          {"cut_by",
           s.report->complete ? nlohmann::json(nullptr) : nlohmann::json(s.report->cut_by)},
          {"distinct", s.report->distinct},
          {"executions", s.report->executions}};
}

// An outcome with the executions that reached it on each side (null on a side without it).
nlohmann::json diff_rows_json(const std::vector<checker::OutcomeDiff::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const checker::OutcomeDiff::Row& row : rows) {
    nlohmann::json o = outcome_json(row.a ? *row.a : *row.b);
    o.erase("count");
    o["count_a"] = row.a ? nlohmann::json(row.a->count) : nlohmann::json(nullptr);
    o["count_b"] = row.b ? nlohmann::json(row.b->count) : nlohmann::json(nullptr);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

void print_diff_json(std::ostream& os, const DiffSide& a, const DiffSide& b,
                     const checker::OutcomeDiff& d, int exit_code) {
  const nlohmann::json doc = {{"weft_version", kVersion},
                              {"command", "diff"},
                              {"exit_code", exit_code},
                              {"a", diff_side_json(a, d.complete_a)},
                              {"b", diff_side_json(b, d.complete_b)},
                              {"only_a", diff_rows_json(d.only_a)},
                              {"only_b", diff_rows_json(d.only_b)},
                              {"both", diff_rows_json(d.both)}};
  os << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace weft::cli
