// What `weft check` and `weft fuzz` found in one scenario, as people read it: a failure with its
// trace and how to replay it, or what the search guarantees when it found none.
#pragma once

#include <ostream>
#include <string>

#include "checker/explore.hpp"
#include "checker/fuzz.hpp"
#include "cli/args.hpp"
#include "cli/lock_order_report.hpp"

namespace weft::cli {

// What checking one scenario came to.
struct Verdict {
  int exit_code = 0;         // 0 no failure, 1 a failure, 4 undecided
  std::string headline;      // one line: the failure and how it was found, or the guarantee
  std::string details;       // a failure's full report, trace and replay hint included
  std::string failure_type;  // "deadlock", "livelock", "failed check", "uncaught exception"
  std::string trace;         // the failure's trace file (one not written is a UsageError)
  LockOrderVerdict lock_order;  // weft check: the lock-order warnings (their text in details)
};

// weft-trace-NAME.json, in the current directory.
std::string default_trace_path(const std::string& scenario);
// How a search with state caching went: "state caching + symmetry: 1,234 states".
std::string caching_summary(const checker::Report& r);
// What a search ran, counted the same whether it completed or was cut: its executions, and the
// classes of equivalent schedules explored under the reduction or the states cached under state
// caching: "1200 executions, 1150 classes".
std::string search_counts(const checker::Report& r);

// The verdict on an exhaustive search run with stop_at_failure; writes a failure's trace to
// `trace_path`.
Verdict conclude_search(const Prepared& p, const checker::Options& opt, const checker::Report& r,
                        const std::string& trace_path);
// The verdict on a fuzzing campaign; writes a failure's trace to `trace_path`.
Verdict conclude_fuzz(const Prepared& p, const checker::Options& opt,
                      const checker::FuzzReport& r, const std::string& trace_path);

// The details when there are any, else the headline.
void print_verdict(std::ostream& os, const Verdict& v);

}  // namespace weft::cli
