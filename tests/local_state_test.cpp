// weft::local_state (docs/state-caching.md, "Declared local state"): a declaration replaces the
// thread's history in the state caching search. What it saves where it is right, and that it is a
// promise: one that leaves out a value the thread still uses loses an outcome.
#include <memory>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "primitives/weft.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::test::count_status;
using weft::test::stdouts;

namespace {

Report cached(const std::function<void()>& body, bool outputs) {
  Options o;
  o.max_executions = 300000;
  o.state_caching = true;
  o.outputs_matter = outputs;
  return weft::checker::explore(body, o);
}

// Every schedule (`reduction` off), or one per class of equivalent ones.
Report stateless(const std::function<void()>& body, bool reduction) {
  Options o;
  o.max_executions = 300000;
  o.reduction = reduction;
  o.state_caching = false;
  return weft::checker::explore(body, o);
}

// n threads, each k rounds of: lock, load the counter, store it + 1, unlock; `declare`: each
// round says the thread keeps only its round number (the loaded value is dead at its top).
// `lock`: without it, updates can be lost. Main waits for all on a semaphore and checks the total.
void counter(int n, int k, bool declare, bool lock) {
  weft::Lock l("lock");
  weft::Shared<int> c(0, "counter");
  weft::Semaphore done(0, "done");
  for (int i = 0; i < n; ++i) {
    weft::Thread t([=] {
      for (int j = 0; j < k; ++j) {
        if (declare) weft::local_state("round", {j});
        if (lock) l.acquire();
        const int v = c.load();
        c.store(v + 1);
        if (lock) l.release();
      }
      if (declare) weft::local_state("done");
      done.release();
    });
    t.start();
  }
  for (int i = 0; i < n; ++i) done.acquire();
  weft::check(c.load() == n * k, "lost update");
}

}  // namespace

TEST_CASE("a declared local state: fewer states, the same statuses", "[stateful][local_state]") {
  // With the lock: three threads, two rounds; without it, two threads (far more states).
  for (const bool lock : {true, false}) {
    const int n = lock ? 3 : 2;
    INFO("lock " << lock);
    const Report plain = cached([=] { counter(n, 2, false, lock); }, false);
    const Report declared = cached([=] { counter(n, 2, true, lock); }, false);
    const Report all = stateless([=] { counter(n, 2, false, lock); }, true);
    INFO("states: plain " << plain.states << ", declared " << declared.states);
    REQUIRE(plain.complete);
    REQUIRE(declared.complete);
    REQUIRE(all.complete);
    REQUIRE(plain.state_caching);
    REQUIRE(declared.state_caching);
    // With the lock every schedule ends ok; without it some lose an update.
    CHECK(count_status(all, weft::sim::Status::Failure) == (lock ? 0U : 1U));
    for (const auto status : {weft::sim::Status::Ok, weft::sim::Status::Failure}) {
      CHECK(count_status(declared, status) == count_status(all, status));
      CHECK(count_status(plain, status) == count_status(all, status));
    }
    // A history keeps every value the thread loaded (with the lock: the order the threads took
    // it in); the declaration forgets them at each round's top, where they are dead.
    CHECK(declared.states < plain.states);
  }
}

TEST_CASE("a declaration that leaves out a value the thread still uses loses an outcome",
          "[stateful][local_state]") {
  // A chooses v in {0, 1} and prints it; B prints "b". Naive: the four orders of the two lines,
  // for either v. Declaring "x" without v makes A's state after choose(0) and after choose(1)
  // one state; where the search looks it up (B or MainThread can still step, so before B
  // printed), choose(1) meets choose(0)'s state and stops: "1\nb\n" is reachable only that way
  // (A prints before B), so it is lost. "b\n1\n" is still found: B prints first, and A chooses
  // alone, where no state is looked up. With v declared, all four are found.
  const auto program = [](bool keep_v) {
    return [keep_v] {
      weft::Thread a([keep_v] {
        const auto v = static_cast<std::int64_t>(weft::choose(2));
        if (keep_v) {
          weft::local_state("x", {v});
        } else {
          weft::local_state("x");
        }
        weft::print(v);
      });
      weft::Thread b([] { weft::print("b"); });
      a.start();
      b.start();
    };
  };
  const std::set<std::string> every = {"0\nb\n", "b\n0\n", "1\nb\n", "b\n1\n"};
  CHECK(stdouts(stateless(program(false), false)) == every);
  const Report right = cached(program(true), true);
  REQUIRE(right.complete);
  CHECK(stdouts(right) == every);
  const Report wrong = cached(program(false), true);
  REQUIRE(wrong.complete);
  CHECK(stdouts(wrong) == std::set<std::string>{"0\nb\n", "b\n0\n", "b\n1\n"});
}
