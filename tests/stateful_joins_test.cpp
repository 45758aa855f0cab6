// Symmetry with a starter that joins its interchangeable threads (checker/stateful_joins.hpp,
// docs/state-caching.md "Symmetry" a.): one run of plain joins keeps the threads renamed, and the
// same outcomes as the searches without symmetry; any other use of a class thread drops symmetry.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::test::statuses;

namespace {

// Takes the lock, adds one to the counter, releases the lock: every instance alike.
class Adder : public weft::Thread {
 public:
  Adder(weft::Lock lock, weft::Shared<int> n) : lock_(std::move(lock)), n_(std::move(n)) {
    interchangeable(11);
  }

 protected:
  void run() override {
    lock_.acquire();
    n_.store(n_.load() + 1);
    lock_.release();
  }

 private:
  weft::Lock lock_;
  weft::Shared<int> n_;
};

enum class How { Naive, Renamed, NotRenamed, Listing, Reduced };

Report search(const std::function<void()>& body, How how) {
  Options o;
  o.max_executions = 300000;
  o.reduction = how != How::Naive;
  o.state_caching = how == How::Renamed || how == How::NotRenamed || how == How::Listing;
  o.outputs_matter = how == How::Listing || how == How::Reduced || how == How::Naive;
  o.symmetry = how != How::NotRenamed;
  return weft::checker::explore(body, o);
}

// MainThread starts n Adders, then does `between` with them: the joins under test.
std::function<void()> adders(int n,
                             std::function<void(std::vector<std::shared_ptr<Adder>>&,
                                                const weft::Shared<int>&)> between) {
  return [n, between] {
    weft::Lock lock("lock");
    weft::Shared<int> count(0, "count");
    std::vector<std::shared_ptr<Adder>> ts;
    for (int i = 0; i < n; ++i) {
      ts.push_back(std::make_shared<Adder>(lock, count));
      ts.back()->start();
    }
    between(ts, count);
  };
}

}  // namespace

TEST_CASE("a starter that joins all its interchangeable threads in one run keeps symmetry",
          "[stateful][symmetry][joins]") {
  // (With two threads, main's first join pins one as soon as both are started: nothing to rename.)
  for (int n = 3; n <= 5; ++n) {
    INFO(n << " threads");
    const auto body = adders(n, [n](auto& ts, const weft::Shared<int>& count) {
      for (const auto& t : ts) t->join();
      weft::check(count.load() == n, "an update was lost");
    });
    const Report naive = search(body, How::Naive);
    const Report renamed = search(body, How::Renamed);
    const Report not_renamed = search(body, How::NotRenamed);
    REQUIRE(renamed.complete);
    REQUIRE(renamed.state_caching);
    CHECK(renamed.symmetry);
    CHECK(renamed.states < not_renamed.states);
    CHECK(statuses(renamed) == statuses(naive));
    CHECK(statuses(renamed) == std::set<int>{static_cast<int>(weft::sim::Status::Ok)});
  }
}

TEST_CASE("joins of interchangeable threads in another shape drop symmetry",
          "[stateful][symmetry][joins]") {
  using Ts = std::vector<std::shared_ptr<Adder>>;
  const std::vector<std::pair<std::string, std::function<void(Ts&, const weft::Shared<int>&)>>>
      shapes = {
          {"two runs", [](Ts& ts, const weft::Shared<int>& count) {
             ts[0]->join();
             weft::check(count.load() >= 1, "the first thread's update is missing");
             for (std::size_t i = 1; i < ts.size(); ++i) ts[i]->join();
           }},
          {"one thread left out", [](Ts& ts, const weft::Shared<int>&) {
             for (std::size_t i = 1; i < ts.size(); ++i) ts[i]->join();
             weft::print("joined all but one");
           }},
          {"a join with a timeout", [](Ts& ts, const weft::Shared<int>&) {
             for (const auto& t : ts) t->join(5.0);
           }},
          {"is_alive", [](Ts& ts, const weft::Shared<int>&) {
             ts[0]->join();
             weft::check(!ts[1]->is_alive(), "the second thread still runs");
           }},
      };
  for (const auto& [name, between] : shapes) {
    INFO(name);
    const auto body = adders(3, between);
    const Report naive = search(body, How::Naive);
    const Report cached = search(body, How::Renamed);
    REQUIRE(cached.complete);
    REQUIRE(cached.state_caching);
    CHECK_FALSE(cached.symmetry);
    CHECK(statuses(cached) == statuses(naive));
  }
}

TEST_CASE("a clock read between joins is part of the joiner's state",
          "[stateful][symmetry][joins]") {
  // Main joins T1, reads the time, joins T2: it read 1 when T1 took the lock first, 2 otherwise.
  // Both ways, at t = 2 both have ended and main's joins leave one history (a plain join's time
  // is not in it); at t = 3 main (after a sleep) and T3 wake together: a state looked up, equal
  // both ways but for what main read. Were the read not part of it, the second way would be a
  // revisit, and the outcomes that print 2.0 would be lost.
  const auto body = [] {
    weft::Lock lock("lock");
    auto hold = [lock] {
      lock.acquire();
      weft::sleep(1);
      lock.release();
    };
    weft::Thread t1(hold), t2(hold), t3([] {
      weft::sleep(3);
      weft::print("t3");
    });
    t1.start();
    t2.start();
    t3.start();
    t1.join();
    const double read = weft::now();
    t2.join();
    weft::sleep(1);
    weft::print(read);
  };
  const Report listed = search(body, How::Listing);
  REQUIRE(listed.complete);
  REQUIRE(listed.state_caching);
  CHECK(weft::test::outcome_keys(listed) == weft::test::outcome_keys(search(body, How::Reduced)));
  CHECK(weft::test::stdouts(listed) ==
        std::set<std::string>{"1.0\nt3\n", "t3\n1.0\n", "2.0\nt3\n", "t3\n2.0\n"});
}

TEST_CASE("gil_counter with a lock: state caching with symmetry lists what the reduction lists",
          "[stateful][symmetry][joins]") {
  const weft::Scenario* s = weft::Registry::instance().find("gil_counter");
  REQUIRE(s != nullptr);
  for (const char* threads : {"3", "4", "5"}) {
    INFO(threads << " threads");
    const weft::Params p = s->resolve({{"threads", threads}, {"lock", "true"}});
    const auto body = [&] { s->body(p); };
    const Report listed = search(body, How::Listing);
    REQUIRE(listed.complete);
    REQUIRE(listed.state_caching);
    CHECK(listed.symmetry);
    CHECK(weft::test::outcome_keys(listed) ==
          weft::test::outcome_keys(search(body, How::Reduced)));
    CHECK(weft::test::stdouts(listed) == std::set<std::string>{"0\n"});
  }
}

// gil_counter with the lock: main starts n threads at t=0, where the first to take the lock
// sleeps 0.1 s, so none ends before main has started them all and begun its run of joins. From
// then on a state is how many threads have ended, the holder's place in its turn, and main in
// its run; main's place in the run (how many it has joined) is folded away (JoinRuns::run_class).
// So each thread more adds the same number of states: the starts it adds at t=0 and the turn it
// takes. Were main's place kept, the states would grow with n², a place in the run per number
// of threads ended.
TEST_CASE("a run of joins is one state wherever it stands: each thread adds as many states",
          "[stateful][symmetry][joins]") {
  const weft::Scenario* s = weft::Registry::instance().find("gil_counter");
  REQUIRE(s != nullptr);
  std::vector<std::uint64_t> states;
  for (int n = 4; n <= 9; ++n) {
    const weft::Params p = s->resolve({{"threads", std::to_string(n)}, {"lock", "true"}});
    const Report r = search([&] { s->body(p); }, How::Renamed);
    REQUIRE(r.complete);
    REQUIRE(r.symmetry);
    states.push_back(r.states);
  }
  INFO("states for 4..9 threads: " << states[0] << " " << states[1] << " " << states[2] << " "
                                   << states[3] << " " << states[4] << " " << states[5]);
  for (std::size_t i = 2; i < states.size(); ++i)
    CHECK(states[i] - states[i - 1] == states[i - 1] - states[i - 2]);
}
