// Groups outcomes by identity (status, message, stdout, stderr, files) as executions finish, in
// bounded memory: the first outcomes (and the first of each status) are kept in full, text and
// witness; every distinct outcome is counted by a 64-bit fingerprint in a bounded set.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "checker/explore.hpp"
#include "checker/fingerprints.hpp"
#include "checker/sample.hpp"

namespace weft::checker {

// The identity of an outcome as a fingerprint: equal outcomes (same_as) have equal ones.
std::uint64_t fingerprint(const sim::Outcome& o);

class OutcomeTable {
 public:
  // Keeps up to `keep` outcomes in full besides the first of each status; the fingerprint set
  // holds at most `fingerprint_bytes`.
  OutcomeTable(std::size_t keep, std::uint64_t fingerprint_bytes)
      : keep_(keep), seen_(fingerprint_bytes) {}
  // Also describes every distinct outcome counted (up to `lines` distinct lines; 0: none) and
  // samples `sample` of those not kept.
  OutcomeTable(const Options& options, std::uint64_t fingerprint_bytes);

  // Counts `o`; returns its group when it is kept in full (a new one, or one met before), null
  // when not. `must_keep` keeps it in full whatever the limit (the failure a search stops at).
  const OutcomeGroup* add(const sim::Outcome& o, const Schedule& schedule, bool must_keep);
  // The position of a group add() returned, in order of discovery among the kept ones.
  std::size_t index_of(const OutcomeGroup& g) const {
    return static_cast<std::size_t>(&g - groups_.data());
  }
  // Distinct outcomes counted so far.
  std::uint64_t distinct() const { return distinct_; }
  // Moves the groups, the counts and the fingerprints into `r`.
  void finish(Report& r);

 private:
  const OutcomeGroup* keep(const sim::Outcome& o, const Schedule& schedule, std::uint64_t fp);
  // A distinct outcome seen for the first time; `kept` when it is kept in full.
  void count_new(const sim::Outcome& o, const Schedule& schedule, bool kept);

  std::size_t keep_;
  std::vector<OutcomeGroup> groups_;
  std::unordered_multimap<std::uint64_t, std::size_t> by_fingerprint_;  // kept groups only
  FingerprintSet seen_;     // every distinct outcome counted
  std::uint64_t distinct_ = 0;
  std::uint64_t not_kept_ = 0;  // distinct outcomes counted by fingerprint alone
  bool saturated_ = false;      // the fingerprint set was full when a new one came
  std::array<std::uint64_t, kStatuses> by_status_{};
  // The group of the last outcome added. Executions that follow one another in a search differ
  // only after a shared prefix and mostly end alike: this one is compared first, unhashed.
  std::size_t last_ = 0;
  std::optional<Describer> describer_;
  Reservoir sample_{0, 0};
};

}  // namespace weft::checker
