// What a supervised child tells its parent in notes (cli/supervisor.hpp), as bytes: outcome
// groups found so far, a fuzzed scenario's verdict, a narrated execution's decisions and events.
// Both ends are the same program on the same machine, so numbers travel as they lie in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "checker/explore.hpp"
#include "checker/trace.hpp"
#include "cli/check_report.hpp"

namespace weft::cli::notes {

// The first byte of a note says what it holds.
enum class Kind : char {
  Group = 'g',     // an outcome group found (its index, outcome and witness)
  Verdict = 'v',   // a fuzzed scenario's verdict
  Decision = 'd',  // a narrated decision
  Event = 'e',     // a narrated event (its index, the event)
  Outcome = 'o',   // a narrated execution's outcome, once it ended
};

std::string group(std::size_t index, const checker::OutcomeGroup& g);
std::string verdict(const Verdict& v);
std::string decision(const checker::TraceDecision& d);
std::string event(std::size_t index, const checker::TraceEvent& e);
std::string outcome(const sim::Outcome& o);

// Each reads a note of its kind; nullopt for anything else.
std::optional<std::pair<std::size_t, checker::OutcomeGroup>> read_group(const std::string& note);
std::optional<Verdict> read_verdict(const std::string& note);
std::optional<checker::TraceDecision> read_decision(const std::string& note);
std::optional<std::pair<std::size_t, checker::TraceEvent>> read_event(const std::string& note);
std::optional<sim::Outcome> read_outcome(const std::string& note);

}  // namespace weft::cli::notes
