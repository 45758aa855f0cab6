// State caching and symmetry (checker/stateful.hpp, docs/state-caching.md): the same outcomes as
// the searches without them on every built-in scenario and on random programs, exact state counts
// on small programs, and the traps a symmetry reduction can fall into.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "primitives/weft.hpp"
#include "random_program.hpp"
#include "scenarios/registry.hpp"
#include "small_scenarios.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::test::statuses;

namespace {

enum class Search { Naive, Reduced, Cached, CachedStatuses, CachedStatusesNoSymmetry };

Report search(const std::function<void()>& body, Search how,
              const std::vector<std::string>& stdin_lines = {}) {
  Options o;
  o.max_executions = 300000;
  o.setup.stdin_lines = stdin_lines;
  o.reduction = how != Search::Naive;
  o.state_caching = how == Search::Cached || how == Search::CachedStatuses ||
                    how == Search::CachedStatusesNoSymmetry;
  o.outputs_matter = how == Search::Cached;
  o.symmetry = how != Search::CachedStatusesNoSymmetry;
  return weft::checker::explore(body, o);
}

// A thread of the seed's shape that declares itself interchangeable: it takes the lock, prints
// its name, releases the lock.
class Named : public weft::Thread {
 public:
  explicit Named(weft::Lock lock) : lock_(std::move(lock)) { interchangeable(7); }

 protected:
  void run() override {
    lock_.acquire();
    weft::print(name());
    lock_.release();
  }

 private:
  weft::Lock lock_;
};

}  // namespace

TEST_CASE("every built-in scenario: the same outcomes with state caching as without",
          "[stateful][scenario]") {
  for (const auto& [name, params, naive] : weft::test::small_scenarios()) {
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(params);
    INFO(name);
    const auto body = [&] { s->body(p); };
    const Report reduced = search(body, Search::Reduced, s->stdin_lines);
    const Report cached = search(body, Search::Cached, s->stdin_lines);
    const Report statuses_only = search(body, Search::CachedStatuses, s->stdin_lines);
    REQUIRE(reduced.complete);
    REQUIRE(cached.complete);
    REQUIRE(statuses_only.complete);
    CHECK(weft::test::outcome_keys(cached) == weft::test::outcome_keys(reduced));
    CHECK(statuses(statuses_only) == statuses(reduced));
    // Every object of these scenarios can say its state but timer_captcha's Timer and its
    // Shared<std::shared_ptr<Timer>>: that search is the reduction's. The socket scenarios, with
    // their processes, ports and connections, cache states.
    CHECK(cached.state_caching == (name != "timer_captcha"));
  }
}

TEST_CASE("random programs: the same outcomes with state caching as without",
          "[stateful][random]") {
  // The programs of the reduction's differential test (locks, shared variables, prints, sleeps,
  // choices, events, semaphores, queues, conditions, daemons): every object they use can say its
  // state, so each search below caches states.
  int compared = 0;
  const int programs = weft::test::programs_to_compare(1000);
  for (std::uint32_t seed = 1; seed <= static_cast<std::uint32_t>(programs); ++seed) {
    const auto program = weft::test::RandomProgram::generate(seed);
    auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const Report naive = search(body, Search::Naive);
    REQUIRE(naive.complete);
    const Report cached = search(body, Search::Cached);
    REQUIRE(cached.complete);
    REQUIRE(cached.state_caching);
    CHECK(weft::test::outcome_keys(cached) == weft::test::outcome_keys(naive));
    const Report statuses_only = search(body, Search::CachedStatusesNoSymmetry);
    REQUIRE(statuses_only.state_caching);
    CHECK(statuses(statuses_only) == statuses(naive));
    ++compared;
  }
  CHECK(compared == programs);
}

namespace {
// MainThread starts n Named threads on one lock, then returns.
void named_threads(int n) {
  weft::Lock lock("lock");
  for (int i = 0; i < n; ++i) std::make_shared<Named>(lock)->start();
}
}  // namespace

TEST_CASE("interchangeable threads each taking a lock once: the states counted by hand",
          "[stateful][symmetry]") {
  // States are looked up where at least two threads can step. After its start a Named thread is
  // at p0 (to acquire; enabled while the lock is free), p1 (to print, holding it), p2 (to
  // release), p3 (to end), or ended; each position has one history, and MainThread, which only
  // starts them, is never renamed and stays enabled until its own end. Statuses only: stdout is
  // not part of the state, so up to renaming a state is MainThread's place and the multiset of
  // the threads' positions, at most one of them holding the lock (p1 or p2).
  // - MainThread about to start the 2nd thread, one started: p0..p3 (ended: only main can step):
  //   4 states.
  // - MainThread about to start the 3rd, or to end, with 2 started: the 15 multisets of 2 of the
  //   5 positions, less the 3 with two holders, less {ended, ended}: 11.
  // - 2 threads, MainThread ended: at least two of them able to step: {p0,p0}, {p0,p3}, {p1,p3},
  //   {p2,p3}, {p3,p3}: 5.
  // - 3 started, MainThread to end: no holder, C(5,3) = 10 multisets of {p0,p3,ended}; one holder
  //   (2 kinds) and 2 of {p0,p3,ended}: 2 x 6 = 12; less {ended x3}: 21.
  // - 3 threads, MainThread ended: no holder and p0s + p3s >= 2: 7; one holder and at least one
  //   p3 (the p0s wait): 2 x 3 = 6; 13.
  // n = 1: 4 (the first line, MainThread to end); n = 2: 4 + 11 + 5 = 20;
  // n = 3: 4 + 11 + 21 + 13 = 49.
  const std::vector<std::pair<int, std::uint64_t>> expected = {{1, 4}, {2, 20}, {3, 49}};
  for (const auto& [n, states] : expected) {
    INFO(n << " threads");
    const Report r = search([n] { named_threads(n); }, Search::CachedStatuses);
    REQUIRE(r.complete);
    REQUIRE(r.state_caching);
    CHECK(r.states == states);
    CHECK(statuses(r) == std::set<int>{static_cast<int>(weft::sim::Status::Ok)});
  }
}

namespace {
// Named's shape on a Semaphore(2): acquire, print its name, release.
class Permitted : public weft::Thread {
 public:
  explicit Permitted(weft::Semaphore sm) : sm_(std::move(sm)) { interchangeable(8); }

 protected:
  void run() override {
    sm_.acquire();
    weft::print(name());
    sm_.release();
  }

 private:
  weft::Semaphore sm_;
};
}  // namespace

TEST_CASE("interchangeable threads on a Semaphore(2): the states counted by hand",
          "[stateful][symmetry]") {
  // As for the lock above, with two permits. A thread's acquire learns only that a permit was
  // left, not how many nor who holds the others (SemaphoreState::learned), and the semaphore's
  // state is its value alone: so each position has one history, whichever rank the thread took
  // its permit at, and a state is (up to renaming) MainThread's place and the multiset of
  // positions, at most two holders (p1, p2); p0 is enabled while fewer than two hold.
  // - MainThread to start the 2nd, one started: p0..p3: 4.
  // - MainThread to start the 3rd (or to end, n = 2), two started: the 15 multisets of 2 of the
  //   5 positions (two holders allowed), less {ended, ended}: 14.
  // - 2 threads, MainThread ended, both able to step: the 10 multisets of 2 of p0..p3.
  // - 3 started, MainThread to end: 35 multisets of 3, less the 4 with three holders, less
  //   {ended x3}: 30.
  // - 3 threads, MainThread ended, two able to step: none ended, 20 less 4 with three holders
  //   (two holders and a blocked p0 still leave two that step): 16; one ended, the 10 multisets
  //   of 2 of p0..p3 (at most one holder beside a p0): 10. 26.
  // n = 1: 4; n = 2: 4 + 14 + 10 = 28; n = 3: 4 + 14 + 30 + 26 = 74. A history that kept what
  // acquire saw (2 permits left, or 1 and another holder) doubles p1..p3 and finds more.
  const std::vector<std::pair<int, std::uint64_t>> expected = {{1, 4}, {2, 28}, {3, 74}};
  for (const auto& [n, states] : expected) {
    INFO(n << " threads");
    const Report r = search(
        [n] {
          weft::Semaphore sm(2, "sm");
          for (int i = 0; i < n; ++i) std::make_shared<Permitted>(sm)->start();
        },
        Search::CachedStatuses);
    REQUIRE(r.complete);
    REQUIRE(r.state_caching);
    CHECK(r.states == states);
    CHECK(statuses(r) == std::set<int>{static_cast<int>(weft::sim::Status::Ok)});
  }
}

TEST_CASE("interchangeable threads that print their names: every order listed",
          "[stateful][symmetry]") {
  // Trap b: renaming the threads would fold "Thread-1 first" into "Thread-2 first". Where outputs
  // matter no thread is renamed; where only statuses do, they are.
  const auto body = [] { named_threads(3); };
  const Report reduced = search(body, Search::Reduced);
  const Report cached = search(body, Search::Cached);
  REQUIRE(cached.complete);
  CHECK(weft::test::outcome_keys(cached) == weft::test::outcome_keys(reduced));
  CHECK(weft::test::stdouts(cached).size() == 6);  // 3! orders of the three names
  CHECK_FALSE(cached.symmetry);
  const Report renamed = search(body, Search::CachedStatuses);
  const Report not_renamed = search(body, Search::CachedStatusesNoSymmetry);
  CHECK(renamed.symmetry);
  CHECK(renamed.states < not_renamed.states);
  CHECK(statuses(renamed) == statuses(not_renamed));
}

TEST_CASE("a starter that joins its threads in order: the failure renaming would hide is found",
          "[stateful][symmetry]") {
  // Trap a: MainThread joins its first thread, then checks that the second has ended too. The
  // failure needs "Thread-1 ended, Thread-2 not"; a renaming that ignored MainThread's list would
  // fold that state into "Thread-2 ended, Thread-1 not", from which the check always passes.
  // Target threads are never renamed, whatever their callables.
  const auto body = [] {
    weft::Shared<int> x(0, "x");
    std::vector<std::unique_ptr<weft::Thread>> ts;
    for (int i = 0; i < 2; ++i) {
      ts.push_back(std::make_unique<weft::Thread>([x] { x.store(1); }));
      ts.back()->start();
    }
    ts[0]->join();
    weft::check(!ts[1]->is_alive(), "Thread-2 still runs");
  };
  const Report naive = search(body, Search::Naive);
  const Report renamed = search(body, Search::CachedStatuses);
  REQUIRE(renamed.complete);
  REQUIRE(renamed.state_caching);
  CHECK_FALSE(renamed.symmetry);
  CHECK(statuses(renamed) == statuses(naive));
  CHECK(statuses(renamed).count(static_cast<int>(weft::sim::Status::Failure)) == 1);
}
