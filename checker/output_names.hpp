// What the output count with symmetry (checker/output_count_sym.cpp) needs to rename what was
// printed: each printed line cut into a template and the interchangeable threads it names
// (Names), the renamings of thread ids it composes (Renamings), and a canonical renaming of a
// set of (state, renaming) pairs. Why renaming a line this way is sound, and the conditions
// checked here: docs/state-caching.md, "Counting outputs with symmetry".
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/output_graph.hpp"

namespace weft::checker {

using Id = std::uint16_t;  // a thread id, or a canonical label, within a renaming

// Renamings of the thread ids 0 .. width-1, each a map from canonical label to thread id, kept
// once each and numbered (0: the identity).
class Renamings {
 public:
  explicit Renamings(std::size_t width);
  std::size_t width() const { return width_; }
  std::size_t size() const { return perms_.size(); }
  // What the renamings and their compositions hold, in bytes (an estimate: the strings, the
  // tables' nodes and buckets).
  std::uint64_t bytes() const { return perms_.size() * (160 + 4 * width_) + composed_.size() * 64; }
  const std::u16string& at(std::uint32_t id) const { return perms_[id]; }
  std::uint32_t intern(const std::u16string& p);
  // From the canonical labels of a state whose frame is `to` to those of the frame `from`
  // (frames map actual ids to labels, OutputGraph::frame): k -> from[to⁻¹[k]].
  std::uint32_t between(const std::vector<sim::ThreadId>& from,
                        const std::vector<sim::ThreadId>& to);
  // The renaming of member `m` (its low half) after `step`: k -> m[step[k]].
  std::uint32_t compose(std::uint64_t m, std::uint32_t step);

 private:
  std::size_t width_;
  std::vector<std::u16string> perms_;
  std::unordered_map<std::u16string, std::uint32_t> ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> composed_;
};

class Names {
 public:
  explicit Names(const OutputGraph& g);
  // Why renaming cannot be carried to what was printed, or empty.
  const std::string& why_not() const { return why_not_; }

  struct Parsed {
    std::string tmpl;  // the line, each name of an interchangeable thread cut out
    std::vector<Id> refs;  // the threads it names, in order
    std::string why_not;
  };
  // Records each template met, for check_templates().
  Parsed parse(std::string_view line);
  // Names no interchangeable thread.
  bool plain(std::string_view text) const;
  // Each template met, with any threads named, reads back as those threads (a line renamed is
  // told apart from every other): empty, or why not.
  std::string check_templates() const;
  // The set renamed by one renaming ρ of the interchangeable threads, chosen from the set alone
  // (each thread ordered by where it stands in each member: its node and the tie of its label
  // there, `ties` by node as OutputGraph::ties), sorted.
  std::vector<std::uint64_t> canonical(std::vector<std::uint64_t> s, Renamings& r,
                                       const std::vector<std::vector<sim::ThreadId>>& ties) const;
  // The line a template reads as with these threads named in it.
  std::string render(const std::string& tmpl, const std::vector<Id>& refs) const;

 private:
  Parsed cut(std::string_view line) const;

  const OutputGraph& g_;
  std::vector<Id> longest_first_;  // interchangeable threads, the longest names first
  std::vector<Id> movable_;        // interchangeable threads, ascending
  std::vector<bool> is_movable_;
  std::set<std::string> templates_;
  std::string why_not_;
};

}  // namespace weft::checker
