// Runs a scenario body through many executions with a strategy and groups the outcomes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/describe.hpp"
#include "checker/failure.hpp"
#include "checker/fingerprints.hpp"
#include "checker/preemption.hpp"
#include "checker/progress.hpp"
#include "checker/schedule.hpp"
#include "sim/outcome.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

constexpr std::size_t kKeepAll = SIZE_MAX;
// Options::reduction_first as weft outputs and weft check set it: enough for the built-in
// scenarios the reduction answers at once (event_class: 6,634 executions), a fraction of a second
// to a second and a half where it does not (docs/state-caching.md, "Choosing the search").
constexpr std::uint64_t kReductionFirst = 10000;
struct OutcomeGroup;

// Every knob of a search, with its default.
struct Options {
  bool reduction = true;                   // partial-order reduction (false: every schedule)
  std::uint64_t max_executions = 1000000;  // budget: executions (fuzzing: runs) before it stops
  double time_budget = 0;                  // budget: wall-clock seconds, 0 for none
  // Preemptions per schedule (checker/preemption.hpp); bounded searches keep the reduction
  // (checker/dpor_bound.cpp).
  std::uint32_t max_preemptions = kUnbounded;
  // weft check --iterate-bound: explore_iterating instead of explore.
  bool iterate_bound = false;
  bool stop_at_failure = false;  // end the search at the first failing execution (weft check)
  FailurePolicy failures;        // what counts as a failure
  std::uint32_t pct_depth = 3;   // fuzzing with PCT: the bug depth d it aims at
  sim::ExecutionSetup setup;               // per-execution limits, stdin and seed
  // Outcomes kept in full (text and witness) besides the first of each status; the others are
  // counted by fingerprint only.
  std::size_t keep_outcomes = kKeepAll;
  // The process's peak resident memory at which the search ends ("max-memory"); 0 for
  // default_max_memory() (checker/memory.hpp). A quarter of it bounds the fingerprint set.
  std::uint64_t max_memory = 0;
  // Exhaustive searches call it after each execution that is not redundant, with its group's
  // position and the group (count 1: found just now): how a supervising process learns the
  // outcomes found so far (cli/supervisor.hpp). Empty: not called.
  std::function<void(std::size_t index, const OutcomeGroup& group)> on_outcome;
  // Distinct lines the description of the outcomes follows (checker/describe.hpp); 0: no
  // description.
  std::size_t describe_lines = kDescribedLines;
  // Outcomes drawn at random (seeded by sample_seed) among the distinct ones not kept in full.
  std::size_t sample = 0;
  std::uint64_t sample_seed = 0;
  // Called a few times a second at most while the search runs (checker/progress.hpp): how a
  // status line learns of it. Empty: not called.
  ProgressSink on_progress;
  // State caching (checker/stateful.hpp) instead of the reduction, where it applies: an
  // unbounded search (either timing model), every object able to say its state. With symmetry, threads
  // declared interchangeable are too, in a listing of outputs while nothing printed names one
  // (docs/state-caching.md, "Listing outputs with symmetry").
  bool state_caching = false;
  bool symmetry = true;
  // With state caching: the reduction runs first, for this many executions (longer while its
  // own estimate says it finishes soon: checker/explore.cpp, explore_portfolio), and answers
  // when it completes (or finds the failure a check stops at); 0 for never. Where
  // equivalent schedules are many and states more (gil_counter: stores of one value in every
  // order) it finishes at once where state caching does not (docs/state-caching.md, "Choosing
  // the search").
  std::uint64_t reduction_first = 0;
  // The question needs each outcome's output (weft outputs), not only its status (weft check):
  // states then differ by what was printed.
  bool outputs_matter = true;
  // With reduction_first, when the reduction does not finish: count the distinct outcomes over
  // the state graph first (within kCountSeconds), and when there are more than executions are
  // left or than keep_outcomes, list no further than the reduction did, and describe and sample
  // the whole set over the graph (Report::counted).
  bool count_unlisted = false;
};

// weft outputs: the output set counted and described over the state graph instead of listed,
// when the count showed the listing could not finish (Options::count_unlisted).
struct CountedOutputs {
  Count distinct = 0;            // distinct outcomes, exact (checker/output_count.hpp)
  std::uint64_t executions = 0;  // of the search that built the graph
  std::uint64_t states = 0;      // of the graph
  bool symmetry = false;         // the graph holds one state per orbit
  double seconds = 0;            // the count's, description and samples included
  // The description of every outcome, exact (checker/output_describe.hpp), or why there is none.
  std::optional<Description> description;
  std::string description_why_not;
  std::vector<sim::Outcome> samples;  // drawn from the graph, none of them listed
};

// Report::cut_by when the listing stopped because the count showed it could not finish.
inline constexpr const char* kCountedInstead = "counted";
// The count's own budget in seconds, within the command's (it finishes in seconds or not at all
// on the built-in scenarios' sizes: rlock's 10 threads, the largest it finishes, take 3-9 s).
constexpr double kCountSeconds = 20.0;

// Executions that ended the same way.
struct OutcomeGroup {
  sim::Outcome outcome;
  std::uint64_t count = 0;  // executions that reached it
  Schedule witness;         // the schedule of the first one
  std::uint64_t number = 0;  // its place (from 1) among the distinct outcomes, in order found
};

constexpr std::size_t kStatuses = static_cast<std::size_t>(sim::Status::Runaway) + 1;

// How Report::distinct was counted.
enum class Counting {
  Exact,         // every distinct outcome is kept in full and was compared in full
  Fingerprints,  // beyond the kept ones, by 64-bit fingerprints: exact unless two collide
  LowerBound,    // the fingerprint set filled up: outcomes met after that were not counted
};

struct Report {
  // The outcomes kept in full, in order of discovery: the first Options::keep_outcomes, and the
  // first of each status among the rest.
  std::vector<OutcomeGroup> outcomes;
  std::uint64_t distinct = 0;  // distinct outcomes, kept or not
  Counting counting = Counting::Exact;
  std::array<std::uint64_t, kStatuses> distinct_by_status{};
  FingerprintSet fingerprints;  // of the distinct outcomes counted
  std::uint64_t executions = 0;  // executions run, redundant ones included
  std::uint64_t redundant = 0;   // executions the reduction stopped early: nothing new there
  bool complete = false;      // every schedule (or class of equivalent ones) was explored
  bool reduction = false;     // one execution per class of equivalent schedules
  // The search cached states (checker/stateful.hpp): how many distinct ones, whether symmetry
  // identified some, whether the visited set filled up (then some were explored again).
  bool state_caching = false;
  bool symmetry = false;
  std::uint64_t states = 0;
  bool states_full = false;
  // States that differ only by their output were one (weft check): every status reachable was
  // reached, but not every output.
  bool statuses_only = false;
  // When not complete: "max-executions", "time-budget", "max-memory", "failure"
  // (stop_at_failure), or kInterrupted (request_stop()).
  std::string cut_by;
  // The preemption bound the search kept to: complete then means complete up to it.
  std::uint32_t max_preemptions = kUnbounded;
  // A bounded reduced search: the bound kept it from a branch the reduction asked for. If not,
  // it explored as an unbounded one would, and its completeness holds with no bound.
  bool bound_cut = false;
  // explore_iterating: the highest bound whose search completed, -1 for none; max_preemptions
  // is then the bound of the last search, cut when the report is not complete.
  bool iterated = false;
  std::int64_t proved_bound = -1;
  std::uint64_t last_bound_executions = 0;  // the executions of the last bound's search
  // With stop_at_failure: the failing outcome the search stopped at, and its execution's number
  // (from 1).
  std::optional<std::size_t> failure;
  std::uint64_t failure_execution = 0;
  bool nondeterministic = false;
  // The description of every distinct outcome counted (Options::describe_lines), and a sample of
  // those not kept (Options::sample), in order of discovery.
  Description description;
  std::vector<OutcomeGroup> samples;
  // Options::count_unlisted: the count that stopped the listing (cut_by kCountedInstead).
  std::optional<CountedOutputs> counted;
  // Options::count_unlisted: the count was tried and did not finish, cut by this ("time-budget",
  // "max-memory", or what else stopped it), after count_seconds; the listing went on instead.
  std::string count_cut_by;
  double count_seconds = 0;
  double seconds = 0;         // wall-clock time the search took
  std::uint64_t max_memory = 0;  // the limit the search ran under, in bytes

  // Distinct outcomes with status `s`.
  std::uint64_t distinct_with(sim::Status s) const {
    return distinct_by_status[static_cast<std::size_t>(s)];
  }
};

// Exhaustive exploration: one execution per class of equivalent interleavings with reduction,
// every schedule without, every schedule within the preemption bound when there is one.
Report explore(const std::function<void()>& body, const Options& options);
// Iterative bounding: the search of explore() at 0 preemptions, then 1, 2, ... until one finds
// a failure (with stop_at_failure), a budget runs out, or a bounded reduced search that the
// bound cut nowhere shows the search complete with no bound (checker/bounded.cpp).
Report explore_iterating(const std::function<void()>& body, const Options& options);
// One prefix of a split search (checker/split.hpp): the reduced search below prefix `prefix` at
// split depth `depth`, or with DporStrategy::kAllForeign none (the prefixes counted). The report
// counts that prefix's executions only.
struct PrefixRun {
  Report report;
  std::size_t prefixes = 0;  // prefixes started, up to the one searched
  bool reached = false;      // an execution reached the split depth
  std::size_t awake = 0;     // prefixes that reached it with no thread asleep
};
PrefixRun explore_prefix(const std::function<void()>& body, const Options& options,
                         std::uint32_t depth, std::size_t prefix);
// Exhaustive exploration of every schedule (within the preemption bound), whatever
// options.reduction says.
Report explore_all(const std::function<void()>& body, const Options& options);

}  // namespace weft::checker
