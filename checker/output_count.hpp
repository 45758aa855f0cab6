// The number of distinct outcomes of a program, counted without listing them: the state caching
// search (checker/stateful.hpp) runs with stdout taken out of the state, and records the state
// graph, each step labelled by what it printed; the outcomes are then counted by dynamic
// programming over that graph, with the states that printed the same text merged as a subset
// construction does (two schedules that print the same text are one output). Why this counts
// every distinct outcome exactly once: docs/state-caching.md, "Counting outputs".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "checker/count.hpp"
#include "checker/describe.hpp"
#include "sim/execution.hpp"

namespace weft::checker {

struct OutputCountOptions {
  sim::ExecutionSetup setup;
  std::uint64_t max_executions = 1000000;  // of the search that builds the graph
  std::uint64_t max_states = 10000000;     // states of the graph (each costs memory)
  std::uint64_t max_sets = 10000000;       // sets of states the count memoises
  // Bytes the count's memo and renamings may hold (an estimate); UINT64_MAX: no bound. The
  // process's peak resident memory is also held to max_memory when that is set.
  std::uint64_t max_count_bytes = UINT64_MAX;
  // A quarter of it bounds the search's visited set (checker/stateful.hpp); 0 for
  // default_max_memory() (checker/memory.hpp).
  std::uint64_t max_memory = 0;
  double time_budget = 0;  // wall-clock seconds for the search that builds the graph; 0: none
  // Interchangeable threads (Thread::interchangeable) explored once per orbit, where renaming
  // them carries over to what they print (docs/state-caching.md, "Counting outputs with
  // symmetry"); else, or when false, the plain count.
  bool symmetry = true;
  // With symmetry, count per orbit where the whole output set is invariant under renaming each
  // class's threads (docs/state-caching.md, "Counting per orbit"); false: per member always.
  bool orbits = true;
  // Also describe the output set over the graph, exactly (checker/output_describe.hpp), with
  // this many distinct lines at most; 0: no description.
  std::size_t describe_lines = 0;
  // Outputs drawn from the graph (sample_graph), seeded; those `skip` says true of are not kept.
  std::size_t sample = 0;
  std::uint64_t sample_seed = 0;
  std::function<bool(const sim::Outcome&)> skip;
};

struct OutputCount {
  // The count is exact (up to the 64-bit state fingerprints' collisions, as for the search):
  // the graph was built completely and the count finished. Otherwise `why_not` says what
  // stopped it, and `distinct` means nothing.
  bool exact = false;
  std::string why_not;
  Count distinct = 0;            // distinct outcomes: stdout, status, message, stderr, files
  std::uint64_t executions = 0;  // of the search that built the graph
  std::uint64_t states = 0;      // of the graph
  std::uint64_t sets = 0;        // sets of states counted (the memo's size)
  bool symmetry = false;         // the count used symmetry
  bool orbits = false;           // and counted per orbit (docs/state-caching.md, "Counting per orbit")
  std::string orbits_why_not;    // why it could not count per orbit, or empty
  // Why symmetry was asked for and not used (the count is then the plain one), or empty.
  std::string symmetry_why_not;
  // When exact and asked for: the description of every output, or why there is none.
  std::optional<Description> description;
  std::string description_why_not;
  std::vector<sim::Outcome> samples;
};

// Counts the distinct outcomes of `body` under exact timing. Not exact when some object cannot
// say its state, the program is nondeterministic, its outputs can grow without bound (a state
// reached again after printing), or a bound of `options` was reached.
OutputCount count_outputs(const std::function<void()>& body, const OutputCountOptions& options);

}  // namespace weft::checker
