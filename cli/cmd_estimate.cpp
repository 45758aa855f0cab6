// weft estimate: how many executions the exhaustive search of weft check and weft outputs (with
// the reduction and without state caching, unless told otherwise) will make and how long it will
// take, from random probes of its tree (checker/estimate.hpp). The probes run in a supervised
// child (cli/supervisor.hpp): user code that crashes or runs away ends the estimate with a
// finding, not weft.
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checker/estimate.hpp"
#include "checker/version.hpp"
#include "cli/commands.hpp"
#include "cli/supervisor.hpp"

namespace weft::cli {

namespace {

std::string count_text(double v) {
  char buf[64];
  if (v < 1e4) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else if (v < 1e15) {
    const char* unit = v < 1e6 ? "k" : v < 1e9 ? "M" : v < 1e12 ? "G" : "T";
    const double scale = v < 1e6 ? 1e3 : v < 1e9 ? 1e6 : v < 1e12 ? 1e9 : 1e12;
    std::snprintf(buf, sizeof buf, "%.3g%s", v / scale, unit);
  } else {
    std::snprintf(buf, sizeof buf, "%.2e", v);
  }
  return buf;
}

std::string seconds_text(double s) {
  char buf[64];
  if (s < 120) {
    std::snprintf(buf, sizeof buf, "%.3g s", s);
  } else if (s < 7200) {
    std::snprintf(buf, sizeof buf, "%.3g min", s / 60);
  } else if (s < 172800) {
    std::snprintf(buf, sizeof buf, "%.3g h", s / 3600);
  } else if (s < 3.156e9) {
    std::snprintf(buf, sizeof buf, "%.3g days", s / 86400);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g years", s / 3.156e7);
  }
  return buf;
}

std::string search_name(const checker::Estimate& e) {
  std::string s = e.reduction ? "the reduced search" : "the search of every schedule";
  if (e.max_preemptions != checker::kUnbounded)
    s += " within " + std::to_string(e.max_preemptions) + " preemptions";
  return s;
}

void print_text(std::ostream& os, const Prepared& p, const checker::Estimate& e) {
  os << p.scenario->name;
  for (const auto& [k, v] : p.params.values()) os << " " << k << "=" << v;
  os << ": " << search_name(e) << " will make about " << count_text(e.mean) << " executions ("
     << count_text(e.mean) << " +- " << count_text(e.std_error) << ", standard error; probes: "
     << "10% " << count_text(e.p10) << ", median " << count_text(e.p50) << ", 90% "
     << count_text(e.p90) << ") and take about " << seconds_text(e.search_seconds) << "\n";
  os << "from " << e.probes << " random probes of its tree (" << e.executions << " executions, "
     << seconds_text(e.seconds) << "); Knuth's estimator, docs/scale.md\n";
}

void print_json(std::ostream& os, const Prepared& p, const checker::Estimate& e) {
  nlohmann::json j;
  j["weft_version"] = kVersion;
  j["schema_version"] = kSchemaVersion;
  j["command"] = "estimate";
  j["scenario"] = p.scenario->name;
  j["params"] = p.params.values();
  j["reduction"] = e.reduction;
  j["max_preemptions"] =
      e.max_preemptions == checker::kUnbounded ? nlohmann::json(nullptr) : nlohmann::json(e.max_preemptions);
  j["executions"] = {{"mean", e.mean},    {"std_error", e.std_error}, {"p10", e.p10},
                     {"median", e.p50}, {"p90", e.p90}};
  j["seconds"] = e.search_seconds;
  j["seconds_per_execution"] = e.seconds_per_execution;
  j["probes"] = e.probes;
  j["probe_executions"] = e.executions;
  j["probe_seconds"] = e.seconds;
  os << j.dump(2) << "\n";
}

}  // namespace

int cmd_estimate(const RunArgs& ra, const EstimateArgs& ea) {
  const Prepared p = prepare(ra);
  SearchArgs sa;
  sa.no_reduction = ea.no_reduction;
  sa.max_steps = ea.max_steps;
  sa.max_time = ea.max_time;
  checker::Options opt = search_options(ra, sa, p);
  if (ea.max_preemptions >= 0) opt.max_preemptions = static_cast<std::uint32_t>(ea.max_preemptions);
  checker::EstimateOptions how;
  how.probes = ea.probes;
  how.time_budget = ea.time_budget;
  how.seed = ea.probe_seed;
  const Scenario& s = *p.scenario;
  const Params& params = p.params;
  const std::function<void()> body = [&s, &params] { s.body(params); };
  const ChildEnd end = supervise(
      [&] {
        const checker::Estimate e = checker::estimate(body, opt, how);
        if (e.probes == 0) {  // Ctrl-C before the first probe ended: nothing to say
          std::cerr << "weft: " << s.name << ": interrupted before a probe ended\n";
          return 4;
        }
        if (ea.json) {
          print_json(std::cout, p, e);
        } else {
          print_text(std::cout, p, e);
        }
        return 0;
      },
      Supervision{ea.runaway_after, ea.time_budget > 0 ? ea.time_budget + 5 : 0});
  if (end.how == ChildEnd::How::Finished) return end.exit_code;
  if (end.how == ChildEnd::How::Interrupted || end.how == ChildEnd::How::OutOfTime) {
    std::cerr << "weft: " << s.name << ": the probes were stopped before they ended\n";
    return 4;
  }
  std::cerr << "weft: " << s.name << ": a probe's execution " << end.message << "; "
            << program_name() << " check " << s.name << " shows it with a trace\n";
  return 1;
}

}  // namespace weft::cli
