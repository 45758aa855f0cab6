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
// What a search kept to a preemption bound (--max-preemptions, --iterate-bound) proved.
struct BoundVerdict {
  bool bounded = false;   // false: the search had no bound (JSON: null)
  bool iterated = false;  // --iterate-bound: bounds 0, 1, 2, ... in turn
  std::uint32_t bound = 0;  // the bound of the (last) search
  // The highest bound whose search completed without a failure: no failure within it. -1: none.
  std::int64_t proved = -1;
  // The bound cut no branch the reduction asked for: the search is complete with no bound.
  bool complete_without_bound = false;
  std::uint64_t last_bound_executions = 0;  // the executions of the last bound's search
  std::string last_bound_cut_by;  // why the last bound's search stopped short; empty: complete
  std::int64_t failure_at = -1;   // the bound whose search found the failure; -1: none
};

struct Verdict {
  int exit_code = 0;         // 0 no failure, 1 a failure, 4 undecided
  std::string headline;      // one line: the failure and how it was found, or the guarantee
  std::string details;       // a failure's full report, trace and replay hint included
  std::string failure_type;  // "deadlock", "livelock", "failed check", "uncaught exception"
  std::string trace;         // the failure's trace file (one not written is a UsageError)
  LockOrderVerdict lock_order;  // weft check: the lock-order warnings (their text in details)
  BoundVerdict bound;           // weft check, dfs
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
