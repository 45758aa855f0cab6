// The description of an outcome set computed the simple way, from the whole list: the reference
// the incremental one (checker/describe.hpp) is compared with. Lines are named by their labels
// ("x", "x (2nd)"), so the two are compared without sharing an index.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checker/explore.hpp"

namespace weft::test {

struct BruteDescription {
  std::map<std::string, std::uint64_t> outcomes;    // line -> outcomes printing it
  std::map<std::string, std::uint64_t> executions;  // line -> executions printing it
  std::set<std::vector<std::string>> blocks;
  std::set<std::set<std::string>> groups;
  std::set<std::pair<std::set<std::string>, std::set<std::string>>> edges;
  bool transitive = true;
  std::map<int, std::uint64_t> statuses;
  std::uint64_t total = 0;
};

// From every distinct outcome with its execution count.
BruteDescription describe_by_brute_force(const std::vector<checker::OutcomeGroup>& all);
// The incremental description in the same terms (executions empty when not known).
BruteDescription in_brute_terms(const checker::Description& d);

}  // namespace weft::test
