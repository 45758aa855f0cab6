// weft step's checker side: the screen of an execution stopped after a prefix of decisions (every
// thread's next operation, who holds what it waits for, the objects' states), its end, and the
// deadlock search from a prefix against the plain exhaustive search.
#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "checker/explore.hpp"
#include "checker/step_through.hpp"
#include "primitives/weft.hpp"
#include "sim/state_text.hpp"

using weft::checker::Choice;
using weft::checker::Schedule;
using weft::checker::StepView;
using weft::sim::Decision;

namespace {

// Two workers add one to n under a lock; main also holds a semaphore's permit, fills a queue and
// sets an event. After t1.start() MainThread (start Thread-2) and Thread-1 (acquire L) can run:
// the first decision.
void program() {
  weft::Lock lock("L");
  weft::Event ev("E");
  weft::Queue<int> q;
  weft::Shared<int> n(7, "n");
  weft::Semaphore sem(2, "S");
  q.put(1);
  q.put(2);
  sem.acquire();
  auto work = [&] {
    lock.acquire();
    n.store(n.load() + 1);
    lock.release();
  };
  weft::Thread t1(work), t2(work);
  t1.start();
  t2.start();
  ev.set();
  t1.join();
  t2.join();
}

// Each takes its first lock, then the other's.
void crossed() {
  weft::Lock a("A"), b("B");
  weft::Thread t([&] {
    std::scoped_lock both(b);
    std::scoped_lock other(a);
  });
  t.start();
  {
    std::scoped_lock both(a);
    std::scoped_lock other(b);
  }
  t.join();
}

StepView at(void (*body)(), const Schedule& prefix) {
  return weft::checker::step_to(body, weft::sim::ExecutionSetup{}, prefix);
}

Choice thread(std::uint32_t chosen, std::uint32_t options) {
  return Choice{Decision::Thread, chosen, options};
}

const weft::checker::ObjectView* object(const StepView& v, const std::string& name) {
  for (const auto& o : v.objects)
    if (o.name == name) return &o;
  return nullptr;
}

}  // namespace

TEST_CASE("step_to: the first decision and every thread's next operation", "[step]") {
  const StepView v = at(program, {});
  REQUIRE_FALSE(v.ended);
  CHECK(v.kind == Decision::Thread);
  CHECK(v.options == std::vector<std::string>{"MainThread", "Thread-1"});
  REQUIRE(v.threads.size() == 2);
  CHECK(v.threads[0].op == "start");
  CHECK(v.threads[0].object == "Thread-2");
  CHECK(v.threads[1].op == "acquire");
  CHECK(v.threads[1].object == "Lock L");
  CHECK((v.threads[0].can_step && v.threads[1].can_step));
  // put, put, acquire S, start Thread-1: the operations before the first decision.
  CHECK(v.events.size() == 4);
  CHECK(v.since == 0);
}

TEST_CASE("step_to: who holds what a thread waits for, and what the objects hold", "[step]") {
  // Thread-1 takes L; MainThread starts Thread-2, which then waits for L.
  const StepView v = at(program, {thread(1, 2), thread(0, 2)});
  REQUIRE_FALSE(v.ended);
  CHECK(v.options == std::vector<std::string>{"MainThread", "Thread-1"});
  REQUIRE(v.threads.size() == 3);
  CHECK(v.threads[0].op == "set");
  CHECK(v.threads[1].op == "load");
  CHECK(v.threads[2].op == "acquire");
  CHECK_FALSE(v.threads[2].can_step);
  CHECK(v.threads[2].held_by == std::vector<std::string>{"Thread-1"});
  REQUIRE(object(v, "Lock L") != nullptr);
  CHECK(object(v, "Lock L")->held_by == std::vector<std::string>{"Thread-1"});
  CHECK(object(v, "Lock L")->state.empty());
  REQUIRE(object(v, "Event E") != nullptr);
  CHECK(object(v, "Event E")->state == "not set");
  REQUIRE(object(v, "Shared n") != nullptr);
  CHECK(object(v, "Shared n")->state == "7");
  bool queue = false, semaphore = false;
  for (const auto& o : v.objects) {
    if (o.name.rfind("Queue", 0) == 0) queue = o.state == "[1, 2]";
    if (o.name.rfind("Semaphore", 0) == 0)
      semaphore = o.state == "1 permit left" && o.held_by == std::vector<std::string>{"MainThread"};
  }
  CHECK(queue);
  CHECK(semaphore);
  // Since the last decision: MainThread's start of Thread-2 only.
  CHECK(v.events.size() - v.since == 1);
}

TEST_CASE("step_to: the end of an execution", "[step]") {
  // MainThread first at every decision: main sets E and waits in join; the workers then run one
  // after the other, each a decision while the other can still run.
  Schedule prefix;
  StepView v = at(program, prefix);
  while (!v.ended) {
    prefix.push_back(Choice{v.kind, 0, static_cast<std::uint32_t>(v.options.size())});
    v = at(program, prefix);
  }
  CHECK(v.outcome.status == weft::sim::Status::Ok);
  CHECK_FALSE(v.diverged);
  CHECK(v.time == 0);  // nothing sleeps or times out
}

TEST_CASE("find_deadlock: none in a program that cannot deadlock, after every schedule", "[step]") {
  weft::checker::Options opt;
  opt.reduction = false;
  const weft::checker::Report all = weft::checker::explore(program, opt);
  REQUIRE(all.complete);
  std::uint64_t executions = 0;
  for (const auto& g : all.outcomes) executions += g.count;
  const auto found = weft::checker::find_deadlock(program, {}, {}, 1000000);
  CHECK_FALSE(found.found);
  CHECK(found.complete);
  CHECK(found.executions == executions);
  // From a prefix: only the schedules that begin with it.
  const auto cut = weft::checker::find_deadlock(program, {}, {}, 3);
  CHECK_FALSE(cut.complete);
  CHECK(cut.executions == 3);
}

TEST_CASE("find_deadlock: the crossed locks, from the start and from a prefix", "[step]") {
  const auto found = weft::checker::find_deadlock(crossed, {}, {}, 1000);
  REQUIRE(found.found);
  const StepView end = at(crossed, found.schedule);
  CHECK(end.ended);
  CHECK(end.outcome.status == weft::sim::Status::Deadlock);
  // After t.start(), MainThread (acquire A) and Thread-1 (acquire B) can run. MainThread twice:
  // it holds both locks before Thread-1 takes one, and no way on deadlocks. MainThread, then
  // Thread-1: each holds one lock and waits for the other's, the deadlock itself.
  const auto none = weft::checker::find_deadlock(crossed, {}, {thread(0, 2), thread(0, 2)}, 1000);
  CHECK_FALSE(none.found);
  CHECK(none.complete);
  const Schedule crossing{thread(0, 2), thread(1, 2)};
  const auto already = weft::checker::find_deadlock(crossed, {}, crossing, 1000);
  REQUIRE(already.found);
  REQUIRE(already.schedule.size() == 2);
  CHECK((already.schedule[0].chosen == 0 && already.schedule[1].chosen == 1));
  CHECK(already.executions == 1);
}

TEST_CASE("text_value: values as Python writes them", "[step]") {
  const auto text = [](const auto& v) {
    std::string s;
    return weft::sim::text_value(s, v) ? s : std::string("<none>");
  };
  CHECK(text(42) == "42");
  CHECK(text(true) == "True");
  CHECK(text(std::string("a")) == "'a'");
  CHECK(text(std::pair<int, std::string>{1, "x"}) == "(1, 'x')");
  CHECK(text(std::vector<int>{1, 2}) == "[1, 2]");
  CHECK(text(0.5) == "0.5");
  struct Opaque {};
  CHECK(text(Opaque{}) == "<none>");
}
