// The state graph the output count records (checker/output_count.hpp): states where the state
// caching search looked one up, with stdout out of the state, and the ways on from each, each
// labelled by what it printed and ending at a state or at an outcome's end (its status,
// message, stderr and files: everything of the outcome but stdout).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/count.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

struct OutputGraph {
  static constexpr std::uint32_t kRoot = 0;  // where every execution starts
  struct Edge {
    std::uint32_t from;
    std::uint32_t label;  // what it printed (labels)
    std::uint32_t to;     // a state, or when `ends` an end (ends)
    bool ends;
  };

  std::uint32_t state(std::uint64_t key);
  std::uint32_t label(std::string_view printed);
  std::uint32_t end(const sim::Outcome& o);
  void add(std::uint32_t from, std::string_view printed, std::uint32_t to, bool at_end) {
    edges.push_back(Edge{from, label(printed), to, at_end});
  }
  std::size_t states() const { return keys.size() + 1; }

  std::vector<Edge> edges;
  std::vector<std::string> labels;
  std::unordered_map<std::uint64_t, std::uint32_t> keys;  // a state's key -> its number
  std::unordered_map<std::string, std::uint32_t> label_ids;
  std::unordered_map<std::string, std::uint32_t> ends;  // an end, written out -> its number
};

// The number of distinct (stdout, end) pairs of the paths from kRoot: false when the graph has
// a cycle that prints, or when more than `max_sets` sets of states were needed (`why_not`).
bool count_paths(const OutputGraph& g, std::uint64_t max_sets, Count& count, std::uint64_t& sets,
                 std::string& why_not);

}  // namespace weft::checker
