// Fuzzing on several OS threads (checker/fuzz_jobs.hpp) against fuzzing on one: the same runs,
// so the same report field for field (but the wall-clock time), on every small built-in scenario
// and on random programs, with random and PCT scheduling. Shards of the runs against all of them.
// Tagged [real]: the searches run on several OS threads, which the ThreadSanitizer build checks.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "checker/fuzz.hpp"
#include "checker/fuzz_jobs.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"

using weft::checker::Fuzzer;
using weft::checker::FuzzReport;
using weft::checker::Options;

namespace {

// The decisions, as a comparable list.
std::vector<std::tuple<int, std::uint32_t, std::uint32_t>> decisions(
    const weft::checker::Schedule& s) {
  std::vector<std::tuple<int, std::uint32_t, std::uint32_t>> d;
  for (const auto& c : s) d.emplace_back(static_cast<int>(c.kind), c.chosen, c.options);
  return d;
}

// Every field but the seconds.
void require_same(const FuzzReport& a, const FuzzReport& b) {
  CHECK(a.fuzzer == b.fuzzer);
  CHECK(a.depth == b.depth);
  CHECK(a.runs == b.runs);
  CHECK(a.first_seed == b.first_seed);
  CHECK(a.limited == b.limited);
  CHECK(a.threads == b.threads);
  CHECK(a.steps == b.steps);
  CHECK(a.cut_by == b.cut_by);
  REQUIRE(a.failure.has_value() == b.failure.has_value());
  if (!a.failure) return;
  CHECK(a.failure->run == b.failure->run);
  CHECK(a.failure->seed == b.failure->seed);
  CHECK(decisions(a.failure->shrunk.schedule) == decisions(b.failure->shrunk.schedule));
  CHECK(a.failure->shrunk.outcome.same_as(b.failure->shrunk.outcome));
  CHECK(a.failure->shrunk.attempts == b.failure->shrunk.attempts);
}

Options fuzz_options(std::uint64_t runs, std::uint64_t seed) {
  Options o;
  o.max_executions = runs;
  o.setup.seed = seed;
  o.setup.max_steps = 2000;
  return o;
}

// Fuzzes `body` on 1, 2 and 3 threads; returns the one-thread report.
FuzzReport same_on_jobs(const std::function<void()>& body, const Options& o, Fuzzer f) {
  const FuzzReport one = weft::checker::fuzz(body, o, f);
  for (unsigned jobs : {2u, 3u}) {
    INFO("jobs " << jobs);
    require_same(weft::checker::fuzz(body, o, f, jobs), one);
  }
  return one;
}

}  // namespace

TEST_CASE("fuzz --jobs: every small built-in scenario, the report of one thread", "[jobs][real]") {
  int failed = 0;
  for (const auto& sc : weft::test::small_scenarios()) {
    const weft::Scenario* s = weft::Registry::instance().find(sc.name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(sc.params);
    const auto body = [s, &p] { s->body(p); };
    for (Fuzzer f : {Fuzzer::Random, Fuzzer::Pct}) {
      INFO(sc.name << " " << weft::checker::fuzzer_name(f));
      failed += same_on_jobs(body, fuzz_options(300, 7), f).failure.has_value();
    }
  }
  // Not a vacuous comparison: some scenarios fail within their runs, others make all of them.
  CHECK(failed > 0);
  CHECK(failed < 2 * static_cast<int>(weft::test::small_scenarios().size()));
}

TEST_CASE("fuzz --jobs: random programs, the report of one thread", "[jobs][real]") {
  // 100 runs on 2 threads are batches of 6 (checker/fuzz_jobs.cpp): a failure past run 12 was
  // found after both threads had made runs.
  int failed = 0, late = 0;
  for (std::uint32_t seed = 0; seed < 60; ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    INFO(program.describe());
    for (Fuzzer f : {Fuzzer::Random, Fuzzer::Pct}) {
      const FuzzReport r = same_on_jobs([&program] { program.run(); }, fuzz_options(100, seed), f);
      failed += r.failure.has_value();
      late += r.failure && r.failure->run > 12;
    }
  }
  CHECK(failed > 0);
  CHECK(late > 0);
}

// Shard i of n makes runs shard_begin(i) .. shard_begin(i+1) - 1, from seed + shard_begin(i): the
// first shard with a failure has the failure of all the runs (the same seed), the shards before
// it make all their runs, and without failure the runs add up to all of them.
TEST_CASE("fuzz --shard: n shards make the runs of one search", "[jobs]") {
  const std::uint64_t m = 150;
  for (const char* name : {"gil_counter", "deadlock", "queue_fifo"}) {
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve({});
    const auto body = [s, &p] { s->body(p); };
    const FuzzReport all = weft::checker::fuzz(body, fuzz_options(m, 3), Fuzzer::Random);
    for (std::uint64_t n = 1; n <= 8; ++n) {
      INFO(name << " in " << n << " shards");
      std::uint64_t runs = 0;
      bool failed = false;
      for (std::uint64_t i = 0; i < n && !failed; ++i) {
        const std::uint64_t begin = weft::checker::shard_begin(m, i, n);
        const std::uint64_t end = weft::checker::shard_begin(m, i + 1, n);
        const FuzzReport r = weft::checker::fuzz(body, fuzz_options(end - begin, 3 + begin),
                                                 Fuzzer::Random);
        runs += r.runs;
        if (r.failure) {
          failed = true;
          REQUIRE(all.failure);
          CHECK(r.failure->seed == all.failure->seed);
          CHECK(decisions(r.failure->shrunk.schedule) == decisions(all.failure->shrunk.schedule));
        } else {
          CHECK(r.runs == end - begin);
        }
      }
      CHECK(failed == all.failure.has_value());
      CHECK(runs == all.runs);
    }
  }
}
