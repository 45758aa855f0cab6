// Lock-order graphs and their cycles, on programs whose acquisitions are read off their code.
#include <catch2/catch.hpp>

#include "checker/lock_order.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

using weft::checker::LockOrder;

namespace {

LockOrder order_of(const std::function<void()>& body) {
  return weft::checker::lock_order(body, weft::checker::Options{});
}

// (from, to) of every edge.
std::vector<std::pair<std::string, std::string>> pairs(const LockOrder& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : r.edges) out.emplace_back(e.from, e.to);
  return out;
}

// Takes `first` then `second`, holding `gate` throughout when there is one. (Threads capture
// the locks by value: the body that made them returns before they end.)
void nested(const weft::Lock& first, const weft::Lock& second, const weft::Lock* gate) {
  if (gate) gate->acquire();
  first.acquire();
  second.acquire();
  second.release();
  first.release();
  if (gate) gate->release();
}

}  // namespace

TEST_CASE("lock order: both threads take A then B: one edge, no cycle", "[lock_order]") {
  const LockOrder r = order_of([] {
    weft::Lock a("A"), b("B");
    weft::Thread t1([=] { nested(a, b, nullptr); });
    weft::Thread t2([=] { nested(a, b, nullptr); });
    t1.start();
    t2.start();
  });
  CHECK(r.complete);
  CHECK(pairs(r) == std::vector<std::pair<std::string, std::string>>{{"Lock A", "Lock B"}});
  CHECK(r.edges[0].threads == std::set<std::string>{"Thread-1", "Thread-2"});
  CHECK(r.cycles.empty());
}

TEST_CASE("lock order: deadlock's two orders, a cycle an execution deadlocks on", "[lock_order]") {
  const weft::Scenario* s = weft::Registry::instance().find("deadlock");
  const weft::Params p = s->resolve({{"threads", "2"}});
  const LockOrder r = order_of([&] { s->body(p); });
  CHECK(r.complete);
  // func1 takes mutexB holding mutexA, func2 mutexA holding mutexB, in each thread.
  CHECK(pairs(r) == std::vector<std::pair<std::string, std::string>>{
                        {"Lock mutexA", "Lock mutexB"}, {"Lock mutexB", "Lock mutexA"}});
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0].locks == std::vector<std::string>{"Lock mutexA", "Lock mutexB"});
  CHECK(r.cycles[0].gates.empty());
  CHECK(r.cycles[0].deadlocked);
  CHECK_FALSE(r.cycles[0].deadlock.empty());
}

TEST_CASE("lock order: rlock's one RLock under both names makes no edge", "[lock_order]") {
  const weft::Scenario* s = weft::Registry::instance().find("rlock");
  const weft::Params p = s->resolve({{"threads", "2"}});
  const LockOrder r = order_of([&] { s->body(p); });
  CHECK(r.complete);
  CHECK(r.edges.empty());
  CHECK(r.cycles.empty());
}

TEST_CASE("lock order: opposite orders under a gate lock: a cycle guarded by it", "[lock_order]") {
  const LockOrder r = order_of([] {
    weft::Lock g("G"), a("A"), b("B");
    weft::Thread t1([=] { nested(a, b, &g); });
    weft::Thread t2([=] { nested(b, a, &g); });
    t1.start();
    t2.start();
  });
  CHECK(r.complete);
  CHECK(pairs(r) == std::vector<std::pair<std::string, std::string>>{{"Lock A", "Lock B"},
                                                                     {"Lock B", "Lock A"},
                                                                     {"Lock G", "Lock A"},
                                                                     {"Lock G", "Lock B"}});
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0].locks == std::vector<std::string>{"Lock A", "Lock B"});
  CHECK(r.cycles[0].gates == std::set<std::string>{"Lock G"});
  CHECK_FALSE(r.cycles[0].deadlocked);
}

TEST_CASE("lock order: opposite orders one after the other: a cycle no schedule reaches",
          "[lock_order]") {
  // Thread-2 starts only after Thread-1 has ended (main joins it first): no gate, no deadlock.
  const LockOrder r = order_of([] {
    weft::Lock a("A"), b("B");
    weft::Thread t1([=] { nested(a, b, nullptr); });
    weft::Thread t2([=] { nested(b, a, nullptr); });
    t1.start();
    t1.join();
    t2.start();
  });
  CHECK(r.complete);
  REQUIRE(r.cycles.size() == 1);
  CHECK(r.cycles[0].gates.empty());
  CHECK_FALSE(r.cycles[0].deadlocked);
}

TEST_CASE("lock order: a budget that runs out says so", "[lock_order]") {
  const weft::Scenario* s = weft::Registry::instance().find("deadlock");
  const weft::Params p = s->resolve({{"threads", "3"}});
  weft::checker::Options opt;
  opt.max_executions = 2;
  const LockOrder r = weft::checker::lock_order([&] { s->body(p); }, opt);
  CHECK_FALSE(r.complete);
  CHECK(r.cut_by == "max-executions");
  CHECK(r.executions == 2);
}

TEST_CASE("lock order: the cycles of a graph, each once", "[lock_order]") {
  // A -> B -> C -> A and A -> C -> A: two elementary cycles; D -> A is on none.
  std::vector<weft::checker::LockEdge> edges = {
      {"A", "B", {}, {"G"}}, {"A", "C", {}, {}}, {"B", "C", {}, {"G"}},
      {"C", "A", {}, {"G"}}, {"D", "A", {}, {}}};
  bool more = true;
  const auto cycles = weft::checker::find_cycles(edges, more);
  CHECK_FALSE(more);
  REQUIRE(cycles.size() == 2);
  CHECK(cycles[0].locks == std::vector<std::string>{"A", "B", "C"});
  CHECK(cycles[0].gates == std::set<std::string>{"G"});
  CHECK(cycles[1].locks == std::vector<std::string>{"A", "C"});
  CHECK(cycles[1].gates.empty());
}
