// Seeded fuzzing (random, PCT), preemption bounding and shrinking. Randomized strategies run on
// fixed seeds, so every assertion is exact; the comments state what a seed-free run would miss.
#include <catch2/catch.hpp>

#include <set>
#include <vector>

#include "checker/dfs.hpp"
#include "checker/fuzz.hpp"
#include "checker/guided.hpp"
#include "checker/pct.hpp"
#include "checker/random.hpp"
#include "checker/shrink.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

using weft::checker::Choice;
using weft::checker::Fuzzer;
using weft::checker::FuzzReport;
using weft::checker::Options;
using weft::checker::Schedule;
using weft::sim::Status;

namespace {

// Two unlocked increments: main starts T1 and T2, each loads x and stores x+1, main joins both
// and checks x == 2. The update is lost when both load before either stores.
void lost_update() {
  weft::Shared<int> x(0, "x");
  auto inc = [x] {
    const int v = x.load();
    x.store(v + 1);
  };
  weft::Thread t1(inc), t2(inc);
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  weft::check(x.load() == 2, "lost update");
}

// A depth-2 bug: T1 stores 1..8 into x; T2 fails if it reads exactly 4, which needs T2's load
// after T1's 4th store (one ordering) and before its 5th (another).
void reads_four() {
  weft::Shared<int> x(0, "x");
  weft::Thread t1([x] {
    for (int i = 1; i <= 8; ++i) x.store(i);
  });
  weft::Thread t2([x] { weft::check(x.load() != 4, "read 4"); });
  t1.start();
  t2.start();
}

std::function<void()> scenario(const std::string& name,
                               const std::map<std::string, std::string>& params) {
  const weft::Scenario* s = weft::Registry::instance().find(name);
  REQUIRE(s != nullptr);
  return [s, p = s->resolve(params)] { s->body(p); };
}

bool same(const Schedule& a, const Schedule& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].chosen != b[i].chosen || a[i].options != b[i].options)
      return false;
  return true;
}

// What one run gave: status, stdout and the schedule taken.
struct Run {
  Status status;
  std::string out;
  Schedule schedule;
};

template <class S>
std::vector<Run> runs_of(S& strategy, const std::function<void()>& body, std::uint64_t seeds) {
  weft::sim::Runtime rt;
  weft::sim::ExecutionSetup setup;
  std::vector<Run> out;
  for (std::uint64_t seed = 0; seed < seeds; ++seed) {
    strategy.reseed(seed);
    setup.seed = seed;
    const auto& o = rt.execute(body, strategy, setup);
    out.push_back(Run{o.status, o.out, strategy.schedule()});
  }
  return out;
}

template <class S>
void check_reproducible(S first, S second) {
  const auto body = scenario("deadlock", {{"threads", "3"}});
  const std::vector<Run> a = runs_of(first, body, 50);
  const std::vector<Run> b = runs_of(second, body, 50);
  REQUIRE(a.size() == b.size());
  std::set<std::string> outs;
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].status == b[i].status);
    CHECK(a[i].out == b[i].out);
    CHECK(same(a[i].schedule, b[i].schedule));
    outs.insert(a[i].out);
  }
  CHECK(outs.size() > 1);  // the seeds do steer the runs
}

// Picks threads by id from a script, then the first enabled one; records the schedule.
class Script : public weft::sim::Strategy {
 public:
  explicit Script(std::vector<weft::sim::ThreadId> ids) : ids_(std::move(ids)) {}
  bool next_execution(weft::sim::Plan&) override {
    schedule_.clear();
    return true;
  }
  std::size_t pick(const weft::sim::Runtime&, const weft::sim::Request& r) override {
    if (r.kind == weft::sim::Decision::Value) return 0;
    const std::span<const weft::sim::ThreadId> enabled = r.threads();
    const weft::sim::Decision kind = r.kind;
    std::size_t i = 0;
    if (schedule_.size() < ids_.size())
      i = static_cast<std::size_t>(
          std::find(enabled.begin(), enabled.end(), ids_[schedule_.size()]) - enabled.begin());
    REQUIRE(i < enabled.size());
    schedule_.push_back(Choice{kind, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(enabled.size())});
    return i;
  }
  const Schedule& schedule() const override { return schedule_; }

 private:
  std::vector<weft::sim::ThreadId> ids_;
  Schedule schedule_;
};

// The naive bounded search (tests/bounded_reduction_test.cpp has the reduced one).
Options bounded(std::uint32_t k) {
  Options o;
  o.reduction = false;
  o.max_preemptions = k;
  return o;
}

}  // namespace

TEST_CASE("random: the same seed gives the same runs", "[fuzz][random]") {
  check_reproducible(weft::checker::RandomStrategy{}, weft::checker::RandomStrategy{});
}

TEST_CASE("pct: the same seeds give the same runs", "[fuzz][pct]") {
  // PCT's runs also depend on k, learnt from the earlier runs: the same seeds in the same order.
  check_reproducible(weft::checker::PctStrategy{3}, weft::checker::PctStrategy{3});
}

TEST_CASE("fuzz: the same options give the same report, shrunk failure included", "[fuzz]") {
  for (const Fuzzer f : {Fuzzer::Random, Fuzzer::Pct}) {
    Options o;
    o.max_executions = 500;
    o.setup.seed = 7;
    const FuzzReport a = weft::checker::fuzz(lost_update, o, f);
    const FuzzReport b = weft::checker::fuzz(lost_update, o, f);
    REQUIRE(a.failure);
    REQUIRE(b.failure);
    CHECK(a.runs == b.runs);
    CHECK(a.failure->run == b.failure->run);
    CHECK(a.failure->seed == 7 + a.failure->run - 1);
    CHECK(same(a.failure->shrunk.schedule, b.failure->shrunk.schedule));
    CHECK(a.failure->shrunk.outcome.message == "lost update");
  }
}

TEST_CASE("pct finds the deadlock scenario's deadlock (10 threads) in its first run",
          "[fuzz][pct]") {
  // Miss probability 0, not just PCT's generic 1/(n·k^(d-1)): avoiding the deadlock needs every
  // MyThread to finish func1 before any takes mutexB in func2 and sleeps holding it (whoever
  // then takes mutexA waits for mutexB, and the sleeper wakes to wait for mutexA). Under strict
  // priorities a thread that finishes func1 goes straight on into func2 unless a change point
  // lowers it right there, and d = 3 gives only 2 change points for 10 threads.
  const auto body = scenario("deadlock", {});
  for (std::uint64_t seed = 0; seed < 2000; seed += 100) {
    Options o;
    o.max_executions = 10;
    o.setup.seed = seed;
    const FuzzReport r = weft::checker::fuzz(body, o, Fuzzer::Pct);
    REQUIRE(r.failure);
    CHECK(r.failure->run == 1);
    CHECK(r.failure->shrunk.outcome.status == Status::Deadlock);
    CHECK(r.failure->shrunk.preemptions_after == 0);
  }
}

TEST_CASE("pct with depth 2 finds a depth-2 bug", "[fuzz][pct]") {
  // n = 3 threads and at most k = 12 choices per run, so each run after the first (which only
  // measures k) finds the bug with probability at least 1/(n·k) = 1/36, and 300 runs miss it
  // with probability at most (35/36)^299 < 3e-4. (These seeds need 3 to 45 runs.)
  for (std::uint64_t seed = 0; seed < 10000; seed += 1000) {
    Options o;
    o.max_executions = 300;
    o.pct_depth = 2;
    o.setup.seed = seed;
    const FuzzReport r = weft::checker::fuzz(reads_four, o, Fuzzer::Pct);
    REQUIRE(r.failure);
    CHECK(r.failure->shrunk.outcome.message == "read 4");
    CHECK(r.threads == 3);
  }
}

TEST_CASE("random finds a lost update between two threads", "[fuzz][random]") {
  // A random run loses the update with probability 3/8 (summed over the 69 schedules, each
  // weighted by the product of 1/options at its choices), so 40 runs miss it with probability
  // (5/8)^40 < 1e-8. Whatever it found shrinks to the one preemption a lost update needs.
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    Options o;
    o.max_executions = 40;
    o.setup.seed = seed * 1000;
    const FuzzReport r = weft::checker::fuzz(lost_update, o, Fuzzer::Random);
    REQUIRE(r.failure);
    CHECK(r.failure->shrunk.outcome.status == Status::Failure);
    CHECK(r.failure->shrunk.outcome.message == "lost update");
    CHECK(r.failure->shrunk.preemptions_after == 1);
  }
}

TEST_CASE("preemption bound 0 explores exactly the non-preemptive schedules", "[fuzz][bound]") {
  // Without preempting, main starts both threads and blocks in join(T1); then either
  //   T1 runs whole, main joins it, T2 runs whole, main ends;
  //   T1 runs whole, T2 runs whole, main ends;
  //   T2 runs whole, T1 runs whole, main ends.
  // None loses the update.
  const auto r = weft::checker::explore(lost_update, bounded(0));
  CHECK(r.complete);
  CHECK(r.max_preemptions == 0);  // complete only up to 0 preemptions: not exhaustive
  CHECK_FALSE(r.reduction);
  CHECK(r.executions == 3);
  REQUIRE(r.outcomes.size() == 1);
  CHECK(r.outcomes[0].outcome.status == Status::Ok);
}

TEST_CASE("a preemption bound of 1 finds the lost update, and bounds nest", "[fuzz][bound]") {
  Options o = bounded(1);
  const auto one = weft::checker::explore(lost_update, o);
  CHECK(one.complete);
  CHECK(one.max_preemptions == 1);
  bool lost = false;
  for (const auto& g : one.outcomes) lost |= g.outcome.status == Status::Failure;
  CHECK(lost);
  // Every bound explores a subset of the next one's schedules, up to the unbounded search.
  const auto two = weft::checker::explore(lost_update, bounded(2));
  Options all;
  all.reduction = false;
  const auto every = weft::checker::explore(lost_update, all);
  CHECK(every.max_preemptions == weft::checker::kUnbounded);
  CHECK(3 < one.executions);
  CHECK(one.executions < two.executions);
  CHECK(two.executions <= every.executions);
}

TEST_CASE("a check stops at the first failure", "[fuzz][bound]") {
  Options o;
  o.reduction = false;
  o.stop_at_failure = true;
  const auto r = weft::checker::explore(lost_update, o);
  REQUIRE(r.failure);
  CHECK(r.outcomes[*r.failure].outcome.message == "lost update");
  CHECK(r.failure_execution == r.executions);
  CHECK_FALSE(r.complete);
}

TEST_CASE("shrinking removes preemptions a lost update does not need", "[fuzz][shrink]") {
  // MainThread is 0, T1 is 1, T2 is 2. The script preempts three times: main for T1 (T1 loads
  // 0), T1 for main (main starts T2 and blocks in join), T2 loads 0, then T2 for T1 (T1 stores
  // 1 and ends), T2 stores 1: the update is lost.
  Script script({1, 0, 2, 1, 1, 2, 2});
  weft::sim::Runtime rt;
  const weft::sim::ExecutionSetup setup;
  REQUIRE(rt.execute(lost_update, script, setup).status == Status::Failure);
  const auto s = weft::checker::shrink(lost_update, setup, script.schedule(), {});
  CHECK(s.preemptions_before == 3);
  // One preemption is all it needs: T1 loads, T2 loads, T2 stores, T1 stores.
  CHECK(s.preemptions_after == 1);
  CHECK(s.steps_before == s.steps_after);  // the same operations, fewer switches
  CHECK(s.outcome.status == Status::Failure);
  CHECK(s.outcome.message == "lost update");
  // The shrunk schedule fails the same way when run again.
  const weft::checker::Plan plan = weft::checker::plan_of(s.schedule);
  weft::checker::GuidedStrategy again(plan, plan.size());
  CHECK(rt.execute(lost_update, again, setup).message == "lost update");
  CHECK(again.preemptions().size() == 1);
}


TEST_CASE("failures: deadlock, livelock, failed check; exceptions when asked", "[fuzz]") {
  using weft::checker::FailureKind;
  weft::sim::Outcome o;
  o.err = "hello\nException in thread Thread-1: ValueError: bad\n";
  CHECK(weft::checker::failure_kind(o, {}) == FailureKind::None);
  CHECK(weft::checker::failure_kind(o, {true}) == FailureKind::Exception);
  o.status = Status::Deadlock;
  CHECK(weft::checker::failure_kind(o, {}) == FailureKind::Deadlock);
  o.status = Status::Livelock;
  CHECK(weft::checker::failure_kind(o, {}) == FailureKind::Livelock);
  o.status = Status::Limit;
  CHECK(weft::checker::failure_kind(o, {}) == FailureKind::None);
  weft::sim::Outcome a, b;
  a.status = b.status = Status::Failure;
  a.message = "x";
  b.message = "y";
  CHECK_FALSE(weft::checker::same_failure(a, b, {}));  // another check is another bug
  b.message = "x";
  CHECK(weft::checker::same_failure(a, b, {}));
}

TEST_CASE("with fail_on_exception an uncaught exception stops a check", "[fuzz]") {
  const auto body = [] {
    weft::Thread t([] { throw weft::ValueError("bad value"); });
    t.start();
    t.join();
  };
  Options o;
  o.stop_at_failure = true;
  const auto quiet = weft::checker::explore(body, o);
  CHECK_FALSE(quiet.failure);
  CHECK(quiet.complete);
  o.failures.fail_on_exception = true;
  const auto loud = weft::checker::explore(body, o);
  REQUIRE(loud.failure);
  CHECK(weft::checker::failure_kind(loud.outcomes[*loud.failure].outcome, o.failures) ==
        weft::checker::FailureKind::Exception);
  CHECK(loud.failure_execution == 1);
}
