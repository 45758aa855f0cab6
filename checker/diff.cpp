// Matching two lists of outcomes by identity, in time linear in their sizes up to the ordering
// of the keys.
#include "checker/diff.hpp"

#include <map>
#include <string>
#include <tuple>

namespace weft::checker {

namespace {

// sim::Outcome::same_as as an ordering.
using Key = std::tuple<sim::Status, const std::string&, const std::string&, const std::string&,
                       const std::map<std::string, std::string>&>;

Key key_of(const sim::Outcome& o) {
  return Key{o.status, o.message, o.out, o.err, o.files};
}

struct KeyLess {
  bool operator()(const OutcomeGroup* x, const OutcomeGroup* y) const {
    return key_of(x->outcome) < key_of(y->outcome);
  }
};

}  // namespace

bool lists_every_outcome(const Report& r) {
  return r.complete && r.counting == Counting::Exact && r.outcomes.size() == r.distinct;
}

OutcomeDiff diff_outcomes(const Report& a, const Report& b) {
  OutcomeDiff d;
  d.complete_a = lists_every_outcome(a);
  d.complete_b = lists_every_outcome(b);
  std::map<const OutcomeGroup*, bool, KeyLess> in_b;  // b's groups: whether a has it too
  for (const OutcomeGroup& g : b.outcomes) in_b.emplace(&g, false);
  for (const OutcomeGroup& g : a.outcomes) {
    const auto it = in_b.find(&g);
    if (it == in_b.end()) {
      d.only_a.push_back({&g, nullptr});
    } else {
      d.both.push_back({&g, it->first});
      it->second = true;
    }
  }
  for (const OutcomeGroup& g : b.outcomes)
    if (!in_b.at(&g)) d.only_b.push_back({nullptr, &g});
  return d;
}

}  // namespace weft::checker
