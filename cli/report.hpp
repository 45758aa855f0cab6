// How search results are shown: as text for people, as one JSON document for programs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "checker/count.hpp"
#include "checker/explore.hpp"
#include "checker/possible.hpp"

namespace weft::cli {

struct ReportContext {
  std::string scenario;
  std::map<std::string, std::string> params;  // resolved values
  sim::Timing timing = sim::Timing::Exact;     // the model the search ran under
  // For a complete exact search: the outcomes the untimed model has beyond its own, or -1 when
  // the untimed search did not complete within its budget. Unset: not asked.
  std::optional<std::int64_t> untimed_further;
  // For an exact search the listing could not finish: the distinct outcomes counted without
  // listing them (checker/output_count.hpp), exact. Unset: not asked, or not counted in time.
  std::optional<checker::Count> counted;
  // By outcome number (--times): the virtual time each of its stdout lines was printed at, in
  // its witness execution; one per line of split_lines(stdout).
  std::map<std::size_t, std::vector<double>> stdout_times = {};
};

void print_text(std::ostream& os, const ReportContext& ctx, const checker::Report& r);
void print_json(std::ostream& os, const ReportContext& ctx, const checker::Report& r);
// An outcome's message, stdout, stderr, files and blocked threads, indented under its heading.
// With `times`, each stdout line is given its time ("t=5.000  Thread-6 get sm").
void print_outcome(std::ostream& os, const sim::Outcome& o,
                   const std::vector<double>* times = nullptr);
// The threads a deadlock or livelock left blocked, and the wait-for cycle among them.
void print_why_blocked(std::ostream& os, const sim::Outcome& o);
// weft possible's answer as one JSON document; `witness` is the witness trace's path, or the
// closest execution's when there is no witness.
void print_possible_json(std::ostream& os, const ReportContext& ctx,
                         const checker::PossibleResult& r, const std::string& witness);
// The first cycle in "waits for what X holds" among `o`'s blocked threads (Thread-1 -> Thread-2
// -> Thread-1), each thread once; empty when there is none.
std::vector<const sim::BlockedThread*> wait_cycle(const sim::Outcome& o);
// The outcome of one real run, as text.
void print_run(std::ostream& os, const sim::Outcome& o);

// Lines of a stream: "a\nb\n" -> {"a", "b"}; a last line without newline is kept.
std::vector<std::string> split_lines(const std::string& text);
// The exit code a report calls for: 1 a failure outcome, 4 undecided, else 0.
int exit_code(const checker::Report& r);

}  // namespace weft::cli
