// A description of a set of outcomes, made one distinct outcome at a time in bounded memory:
// which lines every outcome prints and which only some do, the order lines always keep, the
// blocks of lines that always come together and uninterrupted, and the statuses reached.
//
// A line is told apart by its text and its occurrence: the second `x` an outcome prints is the
// line "x (2nd)", another line than its first `x`. So each line appears at most once in an
// outcome, and "a before b" has one meaning.
//
// What is kept per distinct line (at most `max_lines` of them): its text, how many outcomes print
// it, the line that always follows and always precedes it (or that none does), and one bit per
// other line: whether some outcome prints the other one after it. That is O(L^2) bits for L
// lines, whatever the number of outcomes; beyond max_lines the description says only how many
// outcomes and statuses there are.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "checker/count.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

struct OutcomeGroup;

// Distinct lines a description follows by default: 1024 lines take 128 KiB of order bits.
constexpr std::size_t kDescribedLines = 1024;
constexpr std::size_t kDescribedStatuses = static_cast<std::size_t>(sim::Status::Runaway) + 1;

struct DescribedLine {
  std::string text;
  std::uint32_t occurrence = 1;  // the k-th printing of this text within one outcome
  Count outcomes = 0;            // distinct outcomes that print it
  // Executions that printed it; known when every distinct outcome was kept with its count.
  std::optional<std::uint64_t> executions;
  // Whether `outcomes` was counted: a description over the state graph (checker/
  // output_describe.hpp) knows that a line is printed only sometimes, but not always how often.
  bool outcomes_known = true;
};

struct Description {
  Count outcomes = 0;  // distinct outcomes described
  std::array<Count, kDescribedStatuses> statuses{};  // of them, by status
  std::size_t max_lines = kDescribedLines;
  bool too_many_lines = false;  // more distinct lines than max_lines: no lines, order or blocks
  std::vector<DescribedLine> lines;  // in the order first printed
  // Runs of at least two lines that every outcome printing one of them prints whole, in this
  // order, with nothing between: indexes into `lines`.
  std::vector<std::vector<std::size_t>> blocks;
  // The "always before" order: line a is before line b when some outcome prints both and every
  // outcome printing both prints a first. Lines with the same lines before and after them (so
  // pairwise unordered) form one group; `order_edges` is the transitive reduction between groups
  // (an edge g -> h: every line of g before every line of h, and no group between them).
  std::vector<std::vector<std::size_t>> order_groups;
  std::vector<std::pair<std::size_t, std::size_t>> order_edges;
  // Whether "always before" is transitive. It is among lines every outcome prints; lines printed
  // only sometimes can break it (outcomes "a b", "b c", "c a"), and then an edge holds on its
  // own but a path of edges says nothing.
  bool order_transitive = true;

  bool always(std::size_t line) const { return lines[line].outcomes == outcomes; }
  Count with(sim::Status s) const { return statuses[static_cast<std::size_t>(s)]; }
};

// Builds a Description from distinct outcomes given one at a time.
class Describer {
 public:
  explicit Describer(std::size_t max_lines = kDescribedLines);

  // Adds one distinct outcome; each must be given once.
  void add(const sim::Outcome& o);
  // The description of the outcomes added. With `all`, every distinct outcome added with its
  // execution count (OutcomeGroup::count): each line's executions are counted from them.
  Description finish(const std::vector<OutcomeGroup>* all = nullptr) const;

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;    // no line seen next to it yet
  static constexpr std::uint32_t kVaries = UINT32_MAX - 1;  // different lines, or none
  struct Line {
    std::uint32_t text;
    std::uint32_t occurrence;
    Count outcomes = 0;
    std::uint32_t next = kNone;  // the line always right after it, kVaries, or kNone
    std::uint32_t prev = kNone;  // the line always right before it, kVaries, or kNone
  };
  struct Text {
    std::string text;
    std::vector<std::uint32_t> lines;  // its line per occurrence
    std::uint32_t in_outcome = 0;      // occurrences in the outcome being added
  };

  // The ids of `out`'s lines, in order; false when a new one would pass max_lines.
  bool line_ids(std::string_view out, std::vector<std::uint32_t>& ids);
  // Puts in `ids` the lines `out` shares whole with the last outcome; returns where the rest
  // begins.
  std::size_t reuse_prefix(std::string_view out, std::vector<std::uint32_t>& ids);
  std::uint32_t text_id(std::string_view text);
  void note_neighbours(const std::vector<std::uint32_t>& ids);
  void note_order(const std::vector<std::uint32_t>& ids);
  void give_up();
  bool ever_before(std::uint32_t a, std::uint32_t b) const {
    return (after_[a * words_ + b / 64] >> (b % 64)) & 1;
  }
  std::vector<std::vector<std::size_t>> find_blocks() const;
  void count_executions(Description& d, const std::vector<OutcomeGroup>& all) const;

  std::size_t max_lines_;
  std::size_t words_;  // 64-bit words of one row of after_
  Count outcomes_ = 0;
  std::array<Count, kDescribedStatuses> statuses_{};
  bool too_many_ = false;
  std::vector<Line> lines_;
  std::vector<Text> texts_;
  std::unordered_multimap<std::uint64_t, std::uint32_t> texts_by_hash_;
  // Row a, bit b: some outcome prints line b after line a. Invariant: a row per line, words_
  // words each, bits only for lines that exist.
  std::vector<std::uint64_t> after_;
  std::vector<std::uint32_t> ids_;        // scratch: the lines of the outcome being added
  // The last outcome's stdout, its lines and where each ends (its newline, or the end).
  std::string last_out_;
  std::vector<std::uint32_t> last_ids_;
  std::vector<std::size_t> last_ends_;
  std::vector<std::uint64_t> later_;      // scratch: the lines after the one at hand
};

// The lines of a stream: "a\nb\n" -> {"a", "b"}; a last line without newline is kept.
std::vector<std::string_view> stream_lines(std::string_view text);
// "x", "x (2nd)", "x (3rd)", "x (4th)"...
std::string line_label(const DescribedLine& l);
// Blocks from each line's neighbours: next[a] the line every outcome printing a prints right
// after it, prev[b] the one right before it (-1: none, or not always the same). Lines a and
// next[a] are glued when prev[next[a]] is a; blocks are the maximal runs of glued lines.
std::vector<std::vector<std::size_t>> glued_blocks(const std::vector<std::int64_t>& next,
                                                   const std::vector<std::int64_t>& prev);
// The order as chains of groups (indexes into order_groups), each edge in exactly one chain:
// g1 -> g2 -> g3 where each inner group has that one edge in and that one edge out.
std::vector<std::vector<std::size_t>> order_chains(const Description& d);
// Fills d.order_groups, d.order_edges and d.order_transitive from `before(a, b)`: line a is
// always before line b (defined for lines of d).
void describe_order(Description& d, const std::vector<std::vector<bool>>& before);

}  // namespace weft::checker
