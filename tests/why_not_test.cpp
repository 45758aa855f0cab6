// weft possible's why-not against brute force: every outcome of a scenario listed by the reduced
// search of weft outputs, and the longest prefix, the line that cannot follow and the lines that
// do, computed from that list for outputs no outcome has.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checker/possible.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::PossibleResult;

namespace {

// Lines with their newlines, cut here independently of checker/why_not.cpp.
std::vector<std::string> cut(const std::string& text) {
  std::vector<std::string> lines(1);
  for (const char c : text) {
    lines.back() += c;
    if (c == '\n') lines.emplace_back();
  }
  if (lines.back().empty()) lines.pop_back();
  return lines;
}

struct Expected {
  std::size_t prefix = 0;
  std::set<std::string> instead;
  bool end_instead = false;
};

// From every stdout a program can print: how far the target's lines get, and what follows there.
Expected brute_force(const std::set<std::string>& outs, const std::string& want) {
  const std::vector<std::string> w = cut(want);
  Expected e;
  for (const std::string& out : outs) {
    const std::vector<std::string> o = cut(out);
    std::size_t k = 0;
    while (k < o.size() && k < w.size() && o[k] == w[k]) ++k;
    if (k < e.prefix) continue;
    if (k > e.prefix) e = Expected{k, {}, false};
    if (k == o.size())
      e.end_instead = true;
    else
      e.instead.insert(o[k]);
  }
  return e;
}

// Outputs near the scenario's own that it may not print: two neighbouring lines swapped, the
// last line dropped, a line added, a line replaced.
std::set<std::string> near_misses(const std::set<std::string>& outs) {
  std::set<std::string> targets;
  for (const std::string& out : outs) {
    const std::vector<std::string> lines = cut(out);
    const auto join = [](const std::vector<std::string>& ls) {
      std::string s;
      for (const std::string& l : ls) s += l;
      return s;
    };
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      std::vector<std::string> swapped = lines;
      std::swap(swapped[i], swapped[i + 1]);
      targets.insert(join(swapped));
      std::vector<std::string> replaced = lines;
      replaced[i] = "nobody prints this\n";
      targets.insert(join(replaced));
    }
    if (!lines.empty()) targets.insert(join({lines.begin(), lines.end() - 1}));
    targets.insert(out + "one more\n");
  }
  for (const std::string& out : outs) targets.erase(out);
  return targets;
}

void check_scenario(const std::string& name, const std::map<std::string, std::string>& params) {
  const weft::checker::Report listed = weft::test::explore_scenario(name, params);
  REQUIRE(listed.complete);
  std::set<std::string> outs;
  for (const auto& g : listed.outcomes) outs.insert(weft::checker::strip_ansi(g.outcome.out));
  REQUIRE(listed.outcomes.size() == listed.distinct);  // every outcome kept in full
  const weft::Scenario* s = weft::Registry::instance().find(name);
  const weft::Params p = s->resolve(params);
  const auto body = [&] { s->body(p); };
  weft::checker::Options opt;
  opt.setup.stdin_lines = s->stdin_lines;
  for (const std::string& want : near_misses(outs)) {
    INFO(name << " target:\n" << want);
    weft::checker::Target t;
    t.out = want;
    const PossibleResult r = weft::checker::find_output(body, t, opt);
    REQUIRE(r.answer == PossibleResult::Answer::Impossible);
    const Expected e = brute_force(outs, want);
    const weft::checker::WhyNot& why = r.why_not;
    REQUIRE(why.seen);
    CHECK(why.prefix.size() == e.prefix);
    CHECK(why.instead == e.instead);
    CHECK(why.end_instead == e.end_instead);
    const std::vector<std::string> w = cut(want);
    CHECK(why.wanted == (e.prefix < w.size() ? std::optional(w[e.prefix]) : std::nullopt));
    // The closest execution, replayed from its trace, prints the prefix and one of the lines
    // that come next.
    const auto trace = weft::checker::record_trace(body, opt.setup, why.closest);
    const auto replayed = weft::checker::replay(body, trace);
    REQUIRE(replayed.matches);
    const std::vector<std::string> got = cut(weft::checker::strip_ansi(replayed.outcome.out));
    REQUIRE(got.size() >= e.prefix);
    CHECK(std::equal(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(e.prefix), got.begin()));
    if (got.size() == e.prefix)
      CHECK(e.end_instead);
    else
      CHECK(e.instead.count(got[e.prefix]) == 1);
  }
}

}  // namespace

TEST_CASE("why not: the longest prefix and what follows it, against every outcome", "[why_not]") {
  check_scenario("daemon", {});
  check_scenario("sayhi", {});
  check_scenario("deadlock", {{"threads", "2"}});
  check_scenario("rlock", {{"threads", "2"}});
  check_scenario("queue_fifo", {});
  check_scenario("event_class", {});
}

TEST_CASE("why not: daemon, the third line after main and 123 can only be 456", "[why_not]") {
  // t1 prints 123 and t2 prints 456 at t=0, end123 at 1 s and end456 at 3 s: after main------- and
  // 123, the one line left at t=0 is 456.
  const weft::Scenario* s = weft::Registry::instance().find("daemon");
  const weft::Params p = s->resolve({});
  weft::checker::Target t;
  t.out = "main-------\n123\nend456\nend123\n";
  const PossibleResult r = weft::checker::find_output([&] { s->body(p); }, t, {});
  REQUIRE(r.answer == PossibleResult::Answer::Impossible);
  CHECK(r.why_not.prefix == std::vector<std::string>{"main-------\n", "123\n"});
  CHECK(r.why_not.wanted == "end456\n");
  CHECK(r.why_not.instead == std::set<std::string>{"456\n"});
  CHECK_FALSE(r.why_not.end_instead);
}

TEST_CASE("why not: a budget that runs out gives what was observed", "[why_not]") {
  // Two printers, "a" and "b"; the target "b\nb\n". The pruned search's first execution runs the
  // lowest thread first and prints "a": no line of the target, and "a" instead.
  weft::checker::Options opt;
  opt.max_executions = 1;
  weft::checker::Target t;
  t.out = "b\nb\n";
  const PossibleResult r = weft::checker::find_output(
      [] {
        weft::Thread a([] { weft::print("a"); });
        weft::Thread b([] { weft::print("b"); });
        a.start();
        b.start();
      },
      t, opt);
  REQUIRE(r.answer == PossibleResult::Answer::Undecided);
  CHECK(r.why_not.prefix.empty());
  CHECK(r.why_not.instead == std::set<std::string>{"a\n"});
  // Complete, "b" comes first in some execution and then "a", never a second "b".
  const PossibleResult all = weft::checker::find_output(
      [] {
        weft::Thread a([] { weft::print("a"); });
        weft::Thread b([] { weft::print("b"); });
        a.start();
        b.start();
      },
      t, {});
  REQUIRE(all.answer == PossibleResult::Answer::Impossible);
  CHECK(all.why_not.prefix == std::vector<std::string>{"b\n"});
  CHECK(all.why_not.instead == std::set<std::string>{"a\n"});
}
