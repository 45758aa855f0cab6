// The supervisor (cli/supervisor.hpp) in-process: a child's exit code and notes, a crash and a
// runaway inside an execution with the schedule that led there, visible operations far apart
// that are no runaway, the time budget, an interrupt; and the pieces it is built of: the notes'
// encoding, the narration of an execution, the in-flight record.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "checker/in_flight.hpp"
#include "checker/narrated.hpp"
#include "checker/trace.hpp"
#include "cli/notes.hpp"
#include "cli/supervisor.hpp"
#include "primitives/weft.hpp"

using weft::cli::ChildEnd;
using weft::cli::Supervision;
using How = ChildEnd::How;

namespace {

// Thread a stores 1, thread b reads x and, when it reads 0, prints and does `harm`. The naive
// search meets the harm once it first runs b's load before a's store (failing_execution says
// at which execution).
std::function<void()> harmful(void (*harm)()) {
  return [harm] {
    weft::Shared<int> x(0, "x");
    weft::Thread a([x]() mutable { x.store(1); });
    weft::Thread b([x, harm]() mutable {
      if (x.load() == 0) {
        weft::print("b read 0");
        harm();
      }
    });
    a.start();
    b.start();
    a.join();
    b.join();
  };
}

void fail_check() { weft::check(false, "harm"); }
void loop_forever() {
  for (volatile bool on = true; on;) {
  }
}

// The execution that does the harm, found independently: the same program with a failed check
// for the harm, searched in this process up to that failure.
weft::checker::OutcomeGroup failing_execution(std::uint64_t& execution) {
  weft::checker::Options opt;
  opt.reduction = false;
  opt.stop_at_failure = true;
  const weft::checker::Report r = weft::checker::explore(harmful(&fail_check), opt);
  REQUIRE(r.failure);
  execution = r.failure_execution;
  return r.outcomes[*r.failure];
}

int naive_search(const std::function<void()>& body) {
  weft::checker::Options opt;
  opt.reduction = false;
  weft::checker::explore(body, opt);
  return 0;
}

}  // namespace

TEST_CASE("a supervised command's exit code, notes and counts reach the parent", "[supervisor]") {
  const ChildEnd end = weft::cli::supervise(
      [] {
        weft::cli::send_note("first");
        weft::cli::send_note(std::string("se\0cond", 7));
        weft::cli::set_count(3, 7);
        return 3;
      },
      Supervision{});
  CHECK(end.how == How::Finished);
  CHECK(end.exit_code == 3);
  CHECK(end.notes == std::vector<std::string>{"first", std::string("se\0cond", 7)});
  CHECK(end.counts == std::vector<std::uint64_t>{0, 0, 0, 7});
  CHECK(end.counted == 4);
  CHECK(end.executions == 0);
  CHECK_FALSE(end.under_way);
}

TEST_CASE("counts beyond the kept slots are counted, not kept", "[supervisor]") {
  const ChildEnd end = weft::cli::supervise(
      [] {
        weft::cli::set_count(1, 2);
        weft::cli::set_count(weft::cli::kCountSlots + 9, 5);
        return 0;
      },
      Supervision{});
  CHECK(end.counted == weft::cli::kCountSlots + 10);
  REQUIRE(end.counts.size() == weft::cli::kCountSlots);
  CHECK(end.counts[1] == 2);
}

TEST_CASE("a crash in an execution names the execution and its schedule", "[supervisor]") {
  std::uint64_t execution = 0;
  const weft::checker::OutcomeGroup failing = failing_execution(execution);
  CHECK(execution > 1);  // the first execution runs every thread in creation order
  const ChildEnd end =
      weft::cli::supervise([] { return naive_search(harmful([] { std::abort(); })); }, {});
  CHECK(end.how == How::Crashed);
  CHECK(end.message == "crashed: signal 6 (SIGABRT)");
  CHECK(end.executions == execution);
  REQUIRE(end.under_way);
  CHECK(end.under_way->schedule.size() == failing.witness.size());
  for (std::size_t i = 0; i < failing.witness.size(); ++i) {
    CHECK(end.under_way->schedule[i].kind == failing.witness[i].kind);
    CHECK(end.under_way->schedule[i].chosen == failing.witness[i].chosen);
    CHECK(end.under_way->schedule[i].options == failing.witness[i].options);
  }
  CHECK(end.under_way->out == "b read 0\n");
  CHECK(end.under_way->err.empty());
  // Its visible operations: those of the failing execution up to b's print.
  const weft::checker::Trace t =
      weft::checker::record_trace(harmful(&fail_check), {}, failing.witness);
  std::size_t printed = 0;
  for (std::size_t i = 0; i < t.events.size(); ++i)
    if (t.events[i].op == "print") printed = i + 1;
  CHECK(printed > 0);
  CHECK(end.under_way->steps == printed);
}

TEST_CASE("a runaway execution is stopped and named", "[supervisor]") {
  std::uint64_t execution = 0;
  const weft::checker::OutcomeGroup failing = failing_execution(execution);
  const ChildEnd end = weft::cli::supervise([] { return naive_search(harmful(&loop_forever)); },
                                            Supervision{0.5, 0});
  CHECK(end.how == How::Runaway);
  CHECK(end.message == "runaway: no visible operation for 0.5 s");
  CHECK(end.executions == execution);
  REQUIRE(end.under_way);
  CHECK(end.under_way->schedule.size() == failing.witness.size());
  CHECK(end.under_way->out == "b read 0\n");
}

TEST_CASE("visible operations far apart in time are no runaway", "[supervisor]") {
  // Six stores 0.2 s apart: no 0.5 s passes without a visible operation, though the execution
  // takes 1.2 s.
  const ChildEnd end = weft::cli::supervise(
      [] {
        return naive_search([] {
          weft::Shared<int> x(0);
          for (int i = 0; i < 6; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            x.store(i);
          }
        });
      },
      Supervision{0.5, 0});
  CHECK(end.how == How::Finished);
  CHECK(end.executions == 1);
}

TEST_CASE("outside any execution the child is not a runaway", "[supervisor]") {
  const ChildEnd end = weft::cli::supervise(
      [] {
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        return 0;
      },
      Supervision{0.3, 0});
  CHECK(end.how == How::Finished);
}

TEST_CASE("a child still running past the time budget is stopped", "[supervisor]") {
  std::uint64_t execution = 0;
  failing_execution(execution);
  const ChildEnd end = weft::cli::supervise([] { return naive_search(harmful(&loop_forever)); },
                                            Supervision{100, 0.2});
  CHECK(end.how == How::OutOfTime);
  CHECK(end.executions == execution);
  CHECK(end.under_way);  // its last words were asked for
}

TEST_CASE("SIGINT to the parent ends the child and the watch", "[supervisor]") {
  std::uint64_t execution = 0;
  failing_execution(execution);
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(::getpid(), SIGINT);
  });
  const ChildEnd end = weft::cli::supervise([] { return naive_search(harmful(&loop_forever)); },
                                            Supervision{100, 0});
  interrupter.join();
  CHECK(end.how == How::Interrupted);
  CHECK(end.executions == execution);
}

TEST_CASE("notes carry outcome groups, verdicts, decisions, events and outcomes", "[supervisor]") {
  namespace notes = weft::cli::notes;
  weft::checker::OutcomeGroup g;
  g.outcome.status = weft::sim::Status::Deadlock;
  g.outcome.message = "m";
  g.outcome.out = "o\n";
  g.outcome.err = "e";
  g.outcome.files = {{"f", "content"}, {"g", ""}};
  g.outcome.blocked = {{"Thread-1", "acquire", "Lock a", {"Thread-2", "Thread-3"}}};
  g.outcome.end_time = 42;
  g.count = 9;
  g.witness = {{weft::sim::Decision::Thread, 1, 2}, {weft::sim::Decision::Value, 3, 5}};
  const auto back = notes::read_group(notes::group(7, g));
  REQUIRE(back);
  CHECK(back->first == 7);
  CHECK(back->second.outcome.same_as(g.outcome));
  CHECK(back->second.outcome.blocked.size() == 1);
  CHECK(back->second.outcome.blocked[0].held_by == g.outcome.blocked[0].held_by);
  CHECK(back->second.outcome.end_time == 42);
  CHECK(back->second.count == 9);
  REQUIRE(back->second.witness.size() == 2);
  CHECK(back->second.witness[1].chosen == 3);

  const weft::cli::Verdict v{1, "headline", "details", "crash", "t.json"};
  const auto v2 = notes::read_verdict(notes::verdict(v));
  REQUIRE(v2);
  CHECK((v2->exit_code == 1 && v2->headline == "headline" && v2->details == "details" &&
         v2->failure_type == "crash" && v2->trace == "t.json"));

  const weft::checker::TraceDecision d{weft::sim::Decision::TimerTie, "Thread-2", 1, 3};
  CHECK(notes::read_decision(notes::decision(d)) == d);
  const weft::checker::TraceEvent e{5, 1.5, "MainThread", "print", "stdout", -3};
  const auto e2 = notes::read_event(notes::event(11, e));
  REQUIRE(e2);
  CHECK(e2->first == 11);
  CHECK(e2->second == e);
  CHECK(notes::read_outcome(notes::outcome(g.outcome))->same_as(g.outcome));

  // A note of another kind, or cut short, is refused.
  CHECK_FALSE(notes::read_group(notes::verdict(v)));
  const std::string cut = notes::group(7, g);
  CHECK_FALSE(notes::read_group(cut.substr(0, cut.size() - 1)));
  CHECK_FALSE(notes::read_event(""));
}

namespace {

class Collect : public weft::checker::Listener {
 public:
  void decided(const weft::checker::TraceDecision& d) override { decisions.push_back(d); }
  void happened(std::size_t index, const weft::checker::TraceEvent& e) override {
    if (events.size() <= index) events.resize(index + 1);
    events[index] = e;
  }
  std::vector<weft::checker::TraceDecision> decisions;
  std::vector<weft::checker::TraceEvent> events;
};

}  // namespace

TEST_CASE("a narrated execution tells what its recorded trace holds", "[supervisor]") {
  // Every outcome of a program with thread, timer-tie and value decisions and named objects:
  // the narration of its witness tells the decisions and events record_trace records.
  const std::function<void()> body = [] {
    weft::Lock lock("l");
    weft::Thread a([lock]() mutable {
      weft::sleep(1);
      lock.acquire();
      weft::print("a");
      lock.release();
    });
    weft::Thread b([lock]() mutable {
      weft::sleep(1);
      lock.acquire();
      weft::print("b");
      lock.release();
    });
    a.start();
    b.start();
    weft::print(weft::choose(2));
  };
  const weft::checker::Report r = weft::checker::explore(body, {});
  REQUIRE(r.outcomes.size() == 4);  // 0 or 1 printed, a or b first
  for (const auto& g : r.outcomes) {
    weft::sim::ExecutionSetup setup;
    const weft::checker::Trace t = weft::checker::record_trace(body, setup, g.witness);
    Collect told;
    weft::checker::Narrated narrated(g.witness, told);
    setup.record_events = true;
    weft::sim::Runtime rt;
    const weft::sim::Outcome o = rt.execute(body, narrated, setup);
    narrated.finish(rt, o);
    CHECK(o.same_as(t.outcome));
    CHECK(told.decisions == t.decisions);
    CHECK(told.events == t.events);
  }
}

TEST_CASE("the in-flight record counts every execution a search begins", "[supervisor]") {
  const std::uint64_t before = weft::checker::in_flight().executions.load();
  weft::checker::Options opt;
  opt.reduction = false;
  const weft::checker::Report r = weft::checker::explore(harmful(&fail_check), opt);
  CHECK(weft::checker::in_flight().executions.load() - before == r.executions);
  CHECK(weft::checker::in_flight().schedule == nullptr);  // the search is over
}
