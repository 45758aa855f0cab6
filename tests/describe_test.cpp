// The description of an outcome set (checker/describe.hpp), made while the search runs, equals
// the one computed from the full outcome list by brute force (describe_brute.hpp): on every
// built-in scenario at small sizes, and on random programs against the naive search's list.
// Then small cases derived by hand, the sample, and big counts.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/count.hpp"
#include "checker/describe.hpp"
#include "checker/sample.hpp"
#include "cli/description.hpp"
#include "cli/report.hpp"
#include "describe_brute.hpp"
#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"

namespace {

using weft::checker::Count;
using weft::checker::Options;
using weft::checker::Report;
using weft::test::describe_by_brute_force;
using weft::test::in_brute_terms;

Report search(const std::function<void()>& body, bool reduction, std::size_t keep,
              std::vector<std::string> stdin_lines = {}) {
  Options o;
  o.reduction = reduction;
  o.keep_outcomes = keep;
  o.max_executions = 300000;
  o.setup.stdin_lines = std::move(stdin_lines);
  return weft::checker::explore(body, o);
}

// A description without its execution counts.
weft::test::BruteDescription without_executions(weft::test::BruteDescription b) {
  b.executions.clear();
  return b;
}

void check_same(const weft::test::BruteDescription& got,
                const weft::test::BruteDescription& want) {
  CHECK(got.total == want.total);
  CHECK(got.statuses == want.statuses);
  CHECK(got.outcomes == want.outcomes);
  CHECK(got.executions == want.executions);
  CHECK(got.blocks == want.blocks);
  CHECK(got.groups == want.groups);
  CHECK(got.edges == want.edges);
  CHECK(got.transitive == want.transitive);
}

}  // namespace

TEST_CASE("the description equals the brute-force one on every built-in scenario",
          "[describe][scenario]") {
  for (const auto& [name, params, naive] : weft::test::small_scenarios()) {
    INFO(name);
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(params);
    const auto body = [&] { s->body(p); };
    // Every outcome kept with its count: the list the brute force reads, and each line's
    // executions known.
    const Report full = search(body, true, weft::checker::kKeepAll, s->stdin_lines);
    REQUIRE(full.complete);
    REQUIRE(full.outcomes.size() == full.distinct);
    const auto want = describe_by_brute_force(full.outcomes);
    check_same(in_brute_terms(full.description), want);
    // Kept by fingerprint only: the same description, made without the list.
    const Report counted = search(body, true, 0, s->stdin_lines);
    REQUIRE(counted.complete);
    // (Its executions are known when every outcome is the first of its status, and are checked
    // then.)
    const auto got = in_brute_terms(counted.description);
    check_same(got, got.executions.empty() ? without_executions(want) : want);
  }
}

TEST_CASE("the description equals the brute-force one on random programs", "[describe][random]") {
  // 1000 programs; the reduced search keeps no outcome and describes as it goes, the naive one
  // lists every outcome for the brute force.
  int compared = 0, with_block = 0, with_order = 0, with_repeat = 0;
  const int programs = weft::test::programs_to_compare(1000);
  for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    const auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const Report naive = search(body, false, weft::checker::kKeepAll);
    REQUIRE(naive.complete);
    const Report reduced = search(body, true, 0);
    REQUIRE(reduced.complete);
    const auto want = describe_by_brute_force(naive.outcomes);
    check_same(in_brute_terms(naive.description), want);
    // The reduced search runs fewer executions: its lines' execution counts are its own.
    check_same(without_executions(in_brute_terms(reduced.description)),
               without_executions(want));
    ++compared;
    with_block += want.blocks.empty() ? 0 : 1;
    with_order += want.edges.empty() ? 0 : 1;
    for (const auto& [line, n] : want.outcomes)
      with_repeat += line.find(" (2nd)") != std::string::npos ? 1 : 0;
  }
  CHECK(compared == programs);
  // A guard that the comparison is not vacuous: the thousand seeds give 114 programs with a
  // block, 136 with an order, 11 lines printed a second time (and no order that is not
  // transitive, hence the hand-made case below); the first 200 (WEFT_RANDOM_PROGRAMS=200, the
  // sanitizer stage) give 19, 25 and 2.
  if (programs == 1000) {
    CHECK(with_block >= 100);
    CHECK(with_order >= 100);
    CHECK(with_repeat >= 10);
  } else {
    CHECK(with_block > 0);
    CHECK(with_order > 0);
  }
}

TEST_CASE("daemon: three first lines in any order, then end123, then end456", "[describe]") {
  // t1 prints 123 and t2 456 at t=0, main prints main------- at t=0: 3! orders. end123 comes at
  // t=1 and end456 at t=3 in every one. So every line is always printed; the three first are
  // pairwise unordered with the same lines after them: one group; end123 | end456 is a block
  // (always together, nothing between), and the order is one chain of three groups.
  const Report r = search([] { weft::Registry::instance().find("daemon")->body({}); }, true,
                          weft::checker::kKeepAll);
  const auto& d = r.description;
  REQUIRE(d.outcomes == 6);
  REQUIRE(d.lines.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(d.always(i));
  for (const auto& l : d.lines) CHECK(*l.executions == 6);
  REQUIRE(d.order_groups.size() == 3);
  REQUIRE(d.order_edges.size() == 2);
  const auto chains = weft::checker::order_chains(d);
  REQUIRE(chains.size() == 1);
  std::vector<std::set<std::string>> chain;
  for (const std::size_t g : chains[0]) {
    chain.emplace_back();
    for (const std::size_t i : d.order_groups[g]) chain.back().insert(d.lines[i].text);
  }
  CHECK(chain == std::vector<std::set<std::string>>{
                     {"123", "456", "main-------"}, {"end123"}, {"end456"}});
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.lines[d.blocks[0][0]].text == "end123");
  CHECK(d.lines[d.blocks[0][1]].text == "end456");
}

TEST_CASE("two threads, one lock: one block, no order", "[describe]") {
  // A prints a1 and a2 holding the lock, B prints b holding it: "a1 a2 b" or "b a1 a2". a1 and
  // a2 always come together, nothing between: one block. a1 is before b in one outcome and after
  // it in the other, so no two lines are always ordered but a1 before a2, which the block says.
  const Report r = search(
      [] {
        weft::Lock lock("L");
        weft::Thread a([lock] {
          lock.acquire();
          weft::print("a1");
          weft::print("a2");
          lock.release();
        });
        weft::Thread b([lock] {
          lock.acquire();
          weft::print("b");
          lock.release();
        });
        a.start();
        b.start();
        a.join();
        b.join();
      },
      true, weft::checker::kKeepAll);
  const auto& d = r.description;
  REQUIRE(d.outcomes == 2);
  REQUIRE(d.blocks.size() == 1);
  CHECK(d.lines[d.blocks[0][0]].text == "a1");
  CHECK(d.lines[d.blocks[0][1]].text == "a2");
  REQUIRE(d.order_edges.size() == 1);
  CHECK(d.order_groups[d.order_edges[0].first] == std::vector<std::size_t>{d.blocks[0][0]});
  CHECK(d.order_groups[d.order_edges[0].second] == std::vector<std::size_t>{d.blocks[0][1]});
}

TEST_CASE("a line printed twice is two lines: its first and its second", "[describe]") {
  // A prints x twice, B prints x once: "x x x" in every order, one outcome. Three lines x,
  // x (2nd), x (3rd), always printed, in that order: one chain, one block of three.
  const Report r = search(
      [] {
        weft::Thread a([] { weft::print("x"), weft::print("x"); });
        weft::Thread b([] { weft::print("x"); });
        a.start();
        b.start();
      },
      true, weft::checker::kKeepAll);
  const auto& d = r.description;
  REQUIRE(d.outcomes == 1);
  REQUIRE(d.lines.size() == 3);
  CHECK(weft::checker::line_label(d.lines[1]) == "x (2nd)");
  CHECK(weft::checker::line_label(d.lines[2]) == "x (3rd)");
  CHECK(d.blocks == std::vector<std::vector<std::size_t>>{{0, 1, 2}});
  CHECK(weft::checker::order_chains(d) == std::vector<std::vector<std::size_t>>{{0, 1, 2}});
}

TEST_CASE("an order that is not transitive is said so, each edge kept", "[describe]") {
  // choose(3) picks one of "a b", "b c", "c a": a before b, b before c, c before a, each where
  // both are printed; no line is before itself through the others, so the order is not
  // transitive and all three edges stay, as one cycle.
  const Report r = search(
      [] {
        const char* pairs[3][2] = {{"a", "b"}, {"b", "c"}, {"c", "a"}};
        const std::size_t i = weft::choose(3);
        weft::print(pairs[i][0]);
        weft::print(pairs[i][1]);
      },
      true, weft::checker::kKeepAll);
  const auto& d = r.description;
  REQUIRE(d.outcomes == 3);
  CHECK_FALSE(d.order_transitive);
  CHECK(d.order_edges.size() == 3);
  CHECK(weft::checker::order_chains(d).size() == 1);
  CHECK(weft::checker::order_chains(d)[0].size() == 4);
  check_same(in_brute_terms(d), describe_by_brute_force(r.outcomes));
}

TEST_CASE("past its line limit the description gives counts only", "[describe]") {
  weft::checker::Describer describer(4);
  weft::sim::Outcome o;
  o.out = "1\n2\n3\n";
  describer.add(o);
  o.out = "1\n2\n3\n4\n5\n";
  describer.add(o);
  o.status = weft::sim::Status::Deadlock;
  o.out = "";
  describer.add(o);
  const auto d = describer.finish();
  CHECK(d.too_many_lines);
  CHECK(d.lines.empty());
  CHECK(d.outcomes == 3);
  CHECK(d.with(weft::sim::Status::Ok) == 2);
  CHECK(d.with(weft::sim::Status::Deadlock) == 1);
}

TEST_CASE("the sample: K distinct unlisted outcomes, the same for the same seed", "[describe]") {
  // rlock with 3 threads: 90 outcomes (6!/2^3); 2 listed, 5 sampled among the other 88.
  const weft::Scenario* s = weft::Registry::instance().find("rlock");
  const weft::Params p = s->resolve({{"threads", "3"}});
  const auto sample = [&](std::uint64_t seed) {
    Options o;
    o.keep_outcomes = 2;
    o.sample = 5;
    o.sample_seed = seed;
    return weft::checker::explore([&] { s->body(p); }, o);
  };
  const Report a = sample(7), b = sample(7), c = sample(8);
  REQUIRE(a.distinct == 90);
  REQUIRE(a.samples.size() == 5);
  std::vector<std::uint64_t> na, nb, nc;
  for (const auto& g : a.samples) na.push_back(g.number);
  for (const auto& g : b.samples) nb.push_back(g.number);
  for (const auto& g : c.samples) nc.push_back(g.number);
  CHECK(na == nb);
  CHECK(na != nc);  // checked once: seeds 7 and 8 happen to draw different samples
  std::set<std::string> outs;
  for (std::size_t i = 0; i < na.size(); ++i) {
    CHECK(na[i] > 2);  // never a listed one
    if (i > 0) CHECK(na[i] > na[i - 1]);
    outs.insert(a.samples[i].outcome.out);
  }
  CHECK(outs.size() == 5);
}

TEST_CASE("reservoir sampling: each of n offered outcomes is held with probability K/n",
          "[describe]") {
  // 5 of 10 offered, over 20000 seeds: each is held 10000 times in expectation, with a standard
  // deviation of sqrt(20000 · 0.5 · 0.5) ≈ 71; 10000 ± 500 (7 deviations) fails with
  // probability below 10^-11 per item.
  std::vector<int> held(10, 0);
  for (std::uint64_t seed = 0; seed < 20000; ++seed) {
    weft::checker::Reservoir r(5, seed);
    for (std::uint64_t i = 1; i <= 10; ++i) r.offer(weft::sim::Outcome{}, {}, i);
    for (const auto& g : r.take()) ++held[g.number - 1];
  }
  for (const int n : held) CHECK((n > 9500 && n < 10500));
}

TEST_CASE("counts past 2^53 are exact decimal strings in JSON", "[describe]") {
  CHECK(weft::checker::to_decimal(0) == "0");
  CHECK(weft::checker::to_decimal(~Count{0}) == "340282366920938463463374607431768211455");
  Report r;
  r.complete = true;
  r.distinct = (std::uint64_t{1} << 53) + 1;  // the first integer a double cannot hold
  r.executions = std::uint64_t{1} << 53;
  r.description.outcomes = Count{1} << 70;
  r.description.statuses[0] = Count{1} << 70;
  std::ostringstream os;
  weft::cli::print_json(os, weft::cli::ReportContext{"x", {}, weft::sim::Timing::Exact, {}}, r);
  const auto doc = nlohmann::json::parse(os.str());
  CHECK(doc["distinct_outcomes"] == "9007199254740993");
  CHECK(doc["executions"] == 9007199254740992ULL);
  CHECK(doc["description"]["outcomes"] == "1180591620717411303424");
  CHECK(doc["description"]["statuses"]["ok"] == "1180591620717411303424");
  std::ostringstream text;
  weft::cli::print_description(text, r);
  CHECK(text.str().find("  1180591620717411303424 distinct outcomes\n") != std::string::npos);
}
