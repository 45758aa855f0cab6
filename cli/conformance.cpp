#include "cli/conformance.hpp"

#include <algorithm>

namespace weft::cli {

namespace {

bool never_ends(sim::Status s) { return s == sim::Status::Deadlock || s == sim::Status::Livelock; }

std::optional<std::size_t> find_in(const sim::Outcome& real, const checker::Report& model) {
  for (std::size_t i = 0; i < model.outcomes.size(); ++i)
    if (real_matches_model(real, model.outcomes[i].outcome)) return i;
  return std::nullopt;
}

}  // namespace

bool real_matches_model(const sim::Outcome& real, const sim::Outcome& model) {
  if (real.out != model.out || real.err != model.err || real.files != model.files) return false;
  if (real.status == sim::Status::Hung) return never_ends(model.status);
  return real.status == model.status && real.message == model.message;
}

bool Conformance::conforms() const {
  return std::all_of(untimed.begin(), untimed.end(), [](const auto& m) { return m.has_value(); });
}

Conformance compare(const std::vector<checker::OutcomeGroup>& real,
                    const checker::Report& untimed, const checker::Report& exact) {
  Conformance c;
  c.coverage.assign(untimed.outcomes.size(), 0);
  for (const checker::OutcomeGroup& g : real) {
    const auto at = find_in(g.outcome, untimed);
    c.untimed.push_back(at);
    c.in_exact.push_back(find_in(g.outcome, exact).has_value());
    if (at) c.coverage[*at] += g.count;
  }
  return c;
}

}  // namespace weft::cli
