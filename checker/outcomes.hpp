// Groups outcomes by identity (status, message, stdout, stderr, files) as executions finish.
#pragma once

#include <cstddef>
#include <unordered_map>
#include <vector>

#include "checker/explore.hpp"

namespace weft::checker {

class OutcomeTable {
 public:
  // Counts `o`; returns its group, new or not.
  OutcomeGroup& add(const sim::Outcome& o, const Schedule& schedule);
  // The position of a group add() returned, in order of discovery.
  std::size_t index_of(const OutcomeGroup& g) const {
    return static_cast<std::size_t>(&g - groups_.data());
  }
  std::vector<OutcomeGroup> take() { return std::move(groups_); }

 private:
  std::vector<OutcomeGroup> groups_;
  std::unordered_multimap<std::size_t, std::size_t> by_hash_;
  // The group of the last outcome added. Executions that follow one another in a search differ
  // only after a shared prefix and mostly end alike: this one is compared first, unhashed.
  std::size_t last_ = 0;
};

}  // namespace weft::checker
