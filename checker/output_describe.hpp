// The description of a program's whole output set (checker/describe.hpp) computed over the state
// graph the output count records (checker/output_lines.hpp), without listing the outputs: which
// lines every output prints, which some do, the order lines always keep and the blocks that are
// never interrupted, each a fact about every path of the graph, found by dataflow over it (why
// that is exact: docs/state-caching.md, "Describing the output set"). And samples of the outputs,
// drawn by walking the graph.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/count.hpp"
#include "checker/describe.hpp"
#include "checker/output_graph.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

// The distinct outputs of the paths of a graph (the count's), or nothing when it cannot say.
using GraphCounter = std::function<std::optional<Count>(const OutputGraph&)>;

// Describes the outputs of every path of `g` (recorded with symmetry or not) that reaches an end:
// `total` of them, as the count found. `recount` counts the outputs of a graph with some ends or
// edges taken out: how many outputs have each status, and, without symmetry, how many print each
// line printed only sometimes. Fails (why_not) when a line can be printed twice in one output
// (its occurrences would need the paths' beginnings), when there are more than `max_lines`
// lines, or when something printed cannot be cut into lines or renamed.
bool describe_graph(const OutputGraph& g, bool symmetric, Count total, const GraphCounter& recount,
                    std::size_t max_lines, Description& d, std::string& why_not);

// Up to `k` distinct outputs of `g`, each drawn by a walk from the root that takes each way on
// (a step or an end) of the state it is at with equal chance, seeded by `seed`: every output can
// be drawn, but not each with the same chance. Outputs for which `skip` says true are not kept.
std::vector<sim::Outcome> sample_graph(const OutputGraph& g, bool symmetric, std::size_t k,
                                       std::uint64_t seed,
                                       const std::function<bool(const sim::Outcome&)>& skip);

}  // namespace weft::checker
