// The state graph the output count records (checker/output_count.hpp): states where the state
// caching search looked one up, with stdout out of the state, and the ways on from each, each
// labelled by what it printed and ending at a state or at an outcome's end (its status,
// message, stderr and files: everything of the outcome but stdout).
//
// With symmetry, a state stands for its whole orbit: each way on also records the *frames* of
// its two ends, the canonical label of each thread (a permutation of thread ids) in the state it
// leaves and in the one it reaches, so that the count can rename what a way on printed for each
// member of the orbit (docs/state-caching.md, "Counting outputs with symmetry").
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/count.hpp"
#include "sim/outcome.hpp"
#include "sim/types.hpp"

namespace weft::checker {

struct OutputGraph {
  static constexpr std::uint32_t kRoot = 0;  // where every execution starts
  static constexpr std::uint32_t kIdentity = 0;  // the frame of a state no thread was renamed in
  struct Edge {
    std::uint32_t from;
    std::uint32_t label;  // what it printed (labels)
    std::uint32_t to;     // a state, or when `ends` an end (ends)
    bool ends;
    std::uint32_t from_frame = kIdentity;  // frames: actual thread id -> canonical label
    std::uint32_t to_frame = kIdentity;
  };

  std::uint32_t state(std::uint64_t key);
  std::uint32_t label(std::string_view printed);
  std::uint32_t end(const sim::Outcome& o);
  std::uint32_t frame(std::span<const sim::ThreadId> label_of);
  // The ties of a state's canonical labels (StateListener::looked_up), without the fixed tail.
  void tie(std::uint32_t state, std::span<const sim::ThreadId> ties);
  void add(std::uint32_t from, std::string_view printed, std::uint32_t to, bool at_end,
           std::uint32_t from_frame = kIdentity, std::uint32_t to_frame = kIdentity) {
    edges.push_back(Edge{from, label(printed), to, at_end, from_frame, to_frame});
  }
  std::size_t states() const { return keys.size() + 1; }
  // The ways on, each once: a way is recorded again whenever an execution takes it.
  std::vector<Edge> distinct_edges() const;

  std::vector<Edge> edges;
  std::vector<std::string> labels;
  std::unordered_map<std::uint64_t, std::uint32_t> keys;  // a state's key -> its number
  std::unordered_map<std::string, std::uint32_t> label_ids;
  std::unordered_map<std::string, std::uint32_t> ends;  // an end, written out -> its number
  std::vector<std::string> end_texts;                   // by number
  // Frames, each without its fixed tail (ids from the first it does not move on are fixed).
  std::vector<std::vector<sim::ThreadId>> frames{{}};
  std::unordered_map<std::string, std::uint32_t> frame_ids{{std::string(), kIdentity}};
  // Per state: labels that may be swapped without changing it, as for each label the least of
  // its tie (a frame-like list, without its fixed tail); empty where no label is tied.
  std::vector<std::vector<sim::ThreadId>> ties;
  // Per thread id: its name and symmetry class (0: never renamed), as the states showed them;
  // `names_differ` when one id had two names (or classes) in different states.
  std::vector<std::string> names;
  std::vector<std::uint64_t> classes;
  bool names_differ = false;
  // The whole output set is invariant under renaming the threads of each class
  // (checker/output_orbits.hpp): the count may count per orbit. Else why not.
  bool orbits = false;
  std::string orbits_why_not;
};

// What a count may spend: sets memoised, bytes of its memo and renamings (an estimate, kept
// within a share of --max-memory), and wall-clock time.
struct CountLimits {
  std::uint64_t max_sets = UINT64_MAX;
  std::uint64_t max_bytes = UINT64_MAX;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

// The number of distinct (stdout, end) pairs of the paths from kRoot: false when the graph has
// a cycle that prints, or when a limit was reached (`why_not`).
bool count_paths(const OutputGraph& g, const CountLimits& limits, Count& count,
                 std::uint64_t& sets, std::string& why_not);

// The same count over a graph recorded with symmetry: each state stands for its orbit, and each
// set of (state, renaming) pairs is memoised under a canonical renaming of the whole set; where
// `orbits` holds, each set is counted per orbit (checker/output_count_orbit.cpp). Fails
// with `unsound` set (and `why_not` saying why) when the renaming cannot be carried to what was
// printed (docs/state-caching.md, "Counting outputs with symmetry"): then only the plain count
// over a graph recorded without symmetry answers.
bool count_paths_symmetric(const OutputGraph& g, const CountLimits& limits, Count& count,
                           std::uint64_t& sets, std::string& why_not, bool& unsound);

}  // namespace weft::checker
