// weft possible agrees with weft outputs on every built-in scenario (with small parameters):
// each listed stdout is possible, with a witness that prints it, and a stdout changed by
// swapping two lines or dropping one is possible exactly when the list holds it. Both searches
// find witnesses here (the pruned one 183 of them, the reduced one 6).
#include <catch2/catch.hpp>

#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checker/possible.hpp"
#include "checker/trace.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"

namespace {

using weft::checker::PossibleResult;

weft::checker::Options options_for(const weft::Scenario& s) {
  weft::checker::Options opt;
  opt.setup.stdin_lines = s.stdin_lines;
  // No memory cut: --max-memory compares the process's peak memory, which this process's
  // earlier searches raise (several-fold under AddressSanitizer); what is compared here is the
  // outcome sets of complete searches.
  opt.max_memory = std::numeric_limits<std::uint64_t>::max();
  return opt;
}

std::vector<std::string> lines_of(const std::string& out) {
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from < out.size()) {
    const std::size_t end = out.find('\n', from);
    const std::size_t to = end == std::string::npos ? out.size() : end + 1;
    lines.push_back(out.substr(from, to - from));
    from = to;
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

// Outputs near `out`: two neighbouring lines swapped, one line dropped, at the start, middle
// and end.
std::set<std::string> mutants(const std::string& out) {
  const std::vector<std::string> lines = lines_of(out);
  std::set<std::string> result;
  if (lines.empty()) return result;
  for (std::size_t i : {std::size_t{0}, lines.size() / 2, lines.size() - 1}) {
    if (i + 1 < lines.size()) {
      std::vector<std::string> swapped = lines;
      std::swap(swapped[i], swapped[i + 1]);
      result.insert(join(swapped));
    }
    std::vector<std::string> dropped = lines;
    dropped.erase(dropped.begin() + static_cast<std::ptrdiff_t>(i));
    result.insert(join(dropped));
  }
  return result;
}

PossibleResult ask(const weft::Scenario& s, const weft::Params& p, const std::string& out) {
  weft::checker::Target t;
  t.out = out;
  t.exact_bytes = true;
  return weft::checker::find_output([&] { s.body(p); }, t, options_for(s));
}

}  // namespace

TEST_CASE("every built-in scenario: possible agrees with the listed outcomes",
          "[possible][scenario]") {
  for (const auto& c : weft::test::small_scenarios()) {
    if (!c.naive) continue;
    const weft::Scenario* s = weft::Registry::instance().find(c.name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(c.params);
    INFO(c.name);
    const weft::checker::Report listed = weft::checker::explore([&] { s->body(p); }, options_for(*s));
    REQUIRE(listed.complete);
    std::set<std::string> outs;
    for (const auto& g : listed.outcomes) outs.insert(g.outcome.out);
    for (const std::string& out : outs) {
      INFO(out);
      const PossibleResult r = ask(*s, p, out);
      REQUIRE(r.answer == PossibleResult::Answer::Possible);
      CHECK(r.outcome.out == out);
      // The witness, from whichever search found it, prints it again.
      CHECK(weft::checker::record_trace([&] { s->body(p); }, options_for(*s).setup, r.witness)
                .outcome.out == out);
      for (const std::string& m : mutants(out)) {
        if (m == out) continue;
        INFO("mutant: " << m);
        CHECK(ask(*s, p, m).answer == (outs.count(m) != 0 ? PossibleResult::Answer::Possible
                                                          : PossibleResult::Answer::Impossible));
      }
    }
  }
}
