// Traces: record -> write -> read -> replay reproduces every outcome exactly, whatever its status;
// an unreadable trace is refused with a one-line reason naming the problem; a replay that cannot
// follow its decisions says exactly where.
#include <algorithm>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "checker/explore.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "primitives/weft.hpp"

using weft::checker::Trace;
using weft::sim::Decision;
using weft::sim::Status;
using Body = std::function<void()>;

namespace {

// A fresh directory for one test's files, removed with everything in it at the end.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("weft-trace-test-" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string describe(const weft::sim::BlockedThread& b) {
  std::string s = b.thread + " | " + b.op + " | " + b.object + " |";
  for (const std::string& h : b.held_by) s += " " + h;
  return s;
}

std::vector<std::string> blocked(const weft::sim::Outcome& o) {
  std::vector<std::string> out;
  for (const auto& b : o.blocked) out.push_back(describe(b));
  return out;
}

// The witness trace of a search's outcome, as a command would write it.
Trace witness_trace(const Body& body, const weft::checker::Options& opt,
                    const weft::checker::OutcomeGroup& g) {
  Trace t = weft::checker::record_trace(body, opt.setup, g.witness);
  t.scenario = "test";
  t.params = {{"threads", "2"}};
  t.strategy = "dfs";
  return t;
}

// Every field read back as written.
void check_same_trace(const Trace& back, const Trace& t) {
  CHECK(back.weft_version == t.weft_version);
  CHECK(back.scenario == t.scenario);
  CHECK(back.params == t.params);
  CHECK(back.stdin_lines == t.stdin_lines);
  CHECK(back.seed == t.seed);
  CHECK(back.strategy == t.strategy);
  CHECK(back.max_steps == t.max_steps);
  CHECK(back.max_time == t.max_time);
  CHECK(back.decisions == t.decisions);
  CHECK(back.outcome.same_as(t.outcome));
  CHECK(back.outcome.end_time == t.outcome.end_time);
  CHECK(blocked(back.outcome) == blocked(t.outcome));
  CHECK(back.events == t.events);
}

// Explores `body`, and for each outcome: records its witness trace, writes it, reads it back and
// replays it, which must reproduce the outcome and the events exactly. Returns the statuses.
std::vector<Status> round_trip(const Body& body, const weft::checker::Options& opt,
                               const std::string& name) {
  const TempDir dir(name);
  const weft::checker::Report report = weft::checker::explore(body, opt);
  // A search with executions cut by a limit is not complete; every other one is.
  const bool cut = std::any_of(report.outcomes.begin(), report.outcomes.end(),
                               [](const auto& g) { return g.outcome.status == Status::Limit; });
  REQUIRE(report.complete != cut);
  std::vector<Status> statuses;
  for (std::size_t i = 0; i < report.outcomes.size(); ++i) {
    const Trace t = witness_trace(body, opt, report.outcomes[i]);
    REQUIRE(t.outcome.same_as(report.outcomes[i].outcome));
    const std::string path = dir.file("outcome-" + std::to_string(i + 1) + ".json");
    weft::checker::write_trace(path, t);
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
    const Trace back = weft::checker::read_trace(path);
    check_same_trace(back, t);
    const weft::checker::ReplayResult r = weft::checker::replay(body, back);
    CHECK_FALSE(r.divergence.has_value());
    CHECK(r.matches);
    CHECK(r.outcome.end_time == t.outcome.end_time);
    CHECK(blocked(r.outcome) == blocked(t.outcome));
    CHECK(r.events == t.events);
    statuses.push_back(t.outcome.status);
  }
  return statuses;
}

// Thread-1 takes A then B, Thread-2 takes B then A.
void lock_order() {
  weft::Lock a("A"), b("B");
  weft::Thread t1([a, b] {
    a.acquire();
    b.acquire();
    b.release();
    a.release();
  });
  weft::Thread t2([a, b] {
    b.acquire();
    a.acquire();
    a.release();
    b.release();
  });
  t1.start();
  t2.start();
}

// Two threads due at t=1 at once; main prints x or y, as choose(2) says.
void tie_and_choice() {
  weft::Thread a([] { weft::sleep(1); weft::print("a"); });
  weft::Thread b([] { weft::sleep(1); weft::print("b"); });
  a.start();
  b.start();
  weft::print(weft::choose(2) == 0 ? "x" : "y");
}

}  // namespace

TEST_CASE("ok outcomes with thread, timer-tie and value decisions round-trip", "[trace]") {
  // main picks x or y (a value decision) and prints it at t=0; at t=1 both threads are due at
  // once (a timer tie): a then b, or b then a. 2 x 2 = 4 outcomes, all ok.
  CHECK(round_trip(tie_and_choice, {}, "ok") == std::vector<Status>(4, Status::Ok));
}

TEST_CASE("a deadlock round-trips with its blocked threads", "[trace]") {
  // Either thread runs to the end first (one ok outcome: nothing printed), or each takes its
  // first lock and waits for the other's.
  CHECK(round_trip(lock_order, {}, "deadlock") ==
        std::vector<Status>{Status::Ok, Status::Deadlock});
}

TEST_CASE("a failed check round-trips with its message", "[trace]") {
  // Two unlocked increments: 2, or a lost update caught by the check.
  const Body body = [] {
    weft::Shared<int> x(0, "x");
    weft::Thread t1([x] { x.store(x.load() + 1); });
    weft::Thread t2([x] { x.store(x.load() + 1); });
    t1.start();
    t2.start();
    t1.join();
    t2.join();
    weft::check(x.load() == 2, "lost update");
  };
  CHECK(round_trip(body, {}, "failure") == std::vector<Status>{Status::Ok, Status::Failure});
}

TEST_CASE("an exception on stderr round-trips", "[trace]") {
  const Body body = [] {
    weft::Thread t([] { throw weft::ValueError("bad value"); });
    t.start();
    t.join();
    weft::print("after");
  };
  CHECK(round_trip(body, {}, "exception") == std::vector<Status>{Status::Ok});
}

TEST_CASE("a limit round-trips under the limits it ran with", "[trace]") {
  weft::checker::Options opt;
  opt.setup.max_time = weft::sim::from_seconds(5);
  const Body body = [] {
    weft::Thread t([] {
      weft::sleep(10);
      weft::print("late");
    });
    t.start();
  };
  CHECK(round_trip(body, opt, "limit") == std::vector<Status>{Status::Limit});
}

namespace {

// A trace of the deadlock, written to `dir`: the first deadlock outcome's witness.
std::string write_deadlock_trace(const TempDir& dir, Trace* out = nullptr) {
  const weft::checker::Options opt;
  const weft::checker::Report report = weft::checker::explore(lock_order, opt);
  for (const auto& g : report.outcomes) {
    if (g.outcome.status != Status::Deadlock) continue;
    const Trace t = witness_trace(lock_order, opt, g);
    if (out != nullptr) *out = t;
    const std::string path = dir.file("deadlock.json");
    weft::checker::write_trace(path, t);
    return path;
  }
  FAIL("no deadlock found");
  return {};
}

// "step time thread op object result", one event.
std::string line(const weft::checker::TraceEvent& e) {
  std::ostringstream s;
  s << e.step << " " << e.time << " " << e.thread << " " << e.op << " " << e.object << " "
    << e.result;
  return s.str();
}

}  // namespace

TEST_CASE("a trace names threads and objects as the program does", "[trace]") {
  const TempDir dir("names");
  Trace t;
  write_deadlock_trace(dir, &t);
  std::vector<std::string> lines;
  for (const auto& e : t.events) lines.push_back(line(e));
  // Main starts both threads and ends its body; Thread-1 takes A, Thread-2 takes B; each then
  // waits for the other's lock, so neither acquire is an event.
  CHECK(lines == std::vector<std::string>{
                     "1 0 MainThread start Thread-1 0",
                     "2 0 MainThread start Thread-2 0",
                     "3 0 MainThread end threads 0",
                     "4 0 Thread-1 acquire Lock A 1",
                     "5 0 Thread-2 acquire Lock B 1",
                 });
  CHECK(blocked(t.outcome) == std::vector<std::string>{
                                  "MainThread | exit | the non-daemon threads | Thread-1 Thread-2",
                                  "Thread-1 | acquire | Lock B | Thread-2",
                                  "Thread-2 | acquire | Lock A | Thread-1",
                              });
  // Main starts Thread-1 while Thread-1 waits (decision 0: 2 enabled), starts Thread-2 and ends
  // its body while both wait (decision 1: 3 enabled); then Thread-1 takes A before Thread-2
  // (decision 2) and Thread-2 takes B (decision 3: index 1 of {Thread-1, Thread-2}).
  using weft::checker::TraceDecision;
  CHECK(t.decisions == std::vector<TraceDecision>{
                           {Decision::Thread, "MainThread", 0, 2},
                           {Decision::Thread, "MainThread", 0, 3},
                           {Decision::Thread, "Thread-1", 0, 2},
                           {Decision::Thread, "Thread-2", 1, 2},
                       });
}

TEST_CASE("unreadable traces are refused with a one-line reason", "[trace]") {
  const TempDir dir("errors");
  const std::string good = slurp(write_deadlock_trace(dir));
  const std::string p = dir.file("bad.json");
  // What read_trace says about a file holding `text`.
  const auto refusal = [&p](const std::string& text) {
    spit(p, text);
    try {
      weft::checker::read_trace(p);
    } catch (const weft::checker::TraceError& e) {
      return std::string(e.what());
    }
    return std::string("read without error");
  };
  CHECK(refusal(good) == "read without error");
  CHECK(refusal("") == p + ": empty file, not a weft trace");
  CHECK(refusal(good.substr(0, 100)) ==
        p + ": truncated: the JSON ends (at byte 100) before the document is complete");
  // The rest of the message is nlohmann/json's own words.
  CHECK_THAT(refusal("{\"format\": \"weft-trace\", x}"),
             Catch::StartsWith(p + ": not valid JSON: line 1, column 26: syntax error"));
  CHECK_THAT(refusal(good + "}"), Catch::StartsWith(p + ": not valid JSON: line "));
  CHECK(refusal("[1, 2]") == p + ": not a weft trace (the document is not a JSON object)");
  CHECK(refusal(replaced(good, "\"weft-trace\"", "\"weft-trail\"")) ==
        p + ": not a weft trace (field 'format' is not \"weft-trace\")");
  CHECK(refusal(replaced(good, "\"version\": 3,", "\"version\": 7,")) ==
        p + ": trace version 7 is not supported (this weft reads versions 1 to 3)");
  CHECK(refusal(replaced(good, "\"version\": 3,", "\"version\": 0,")) ==
        p + ": trace version 0 is not supported (this weft reads versions 1 to 3)");
  CHECK(refusal(replaced(good, "\"stdout\": [", "\"stdout_\": [")) ==
        p + ": field 'outcome.stdout' is missing");
  CHECK(refusal(replaced(good, "\"seed\": 0,", "\"seed\": \"0\",")) ==
        p + ": field 'seed' must be a non-negative integer");
  CHECK(refusal(replaced(good, "\"max_time\": 1000.0", "\"max_time\": null")) ==
        p + ": field 'limits.max_time' must be a non-negative number of seconds");
  CHECK(refusal(replaced(good, "\"kind\":\"thread\"", "\"kind\":\"thred\"")) ==
        p + ": field 'decisions[0].kind' must be one of thread, timer-tie, value");
  CHECK(refusal(replaced(good, "\"chosen\":0,", "\"chosen\":2,")) ==
        p + ": field 'decisions[0].chosen' must be less than options");
  CHECK(refusal(replaced(good, "\"status\": \"deadlock\"", "\"status\": \"stuck\"")) ==
        p + ": field 'outcome.status' must be one of ok, deadlock, livelock, failure, limit, hung, "
            "crashed, runaway");
  CHECK(refusal(replaced(good, "\"result\":0", "\"result\":0.5")) ==
        p + ": field 'events[0].result' must be an integer");
  const std::string missing = dir.file("missing.json");
  CHECK_THROWS_WITH(weft::checker::read_trace(missing),
                    "cannot read trace '" + missing + "': No such file or directory");
}

TEST_CASE("a replay that cannot follow a decision diverges exactly there", "[trace][replay]") {
  const TempDir dir("tamper");
  Trace t;
  write_deadlock_trace(dir, &t);
  const std::string p = dir.file("tampered.json");

  SECTION("a renamed thread") {
    t.decisions[1].thread = "Thread-9";
    weft::checker::write_trace(p, t);
    const auto r = weft::checker::replay(lock_order, weft::checker::read_trace(p));
    REQUIRE(r.divergence.has_value());
    // Decision 1 comes after main's two starts: steps 1 and 2.
    CHECK(r.divergence->decision == 1);
    CHECK(r.divergence->step == 2);
    CHECK(r.divergence->enabled == std::vector<std::string>{"MainThread", "Thread-1", "Thread-2"});
    CHECK(r.divergence->reason ==
          "the trace says Thread-9 runs (3 threads enabled), but Thread-9 is not enabled; "
          "enabled: MainThread, Thread-1, Thread-2");
    // The execution stopped there: main's end (step 3) never ran.
    CHECK(r.events.size() == 2);
    CHECK_FALSE(r.matches);
  }
  SECTION("a decision too few") {
    t.decisions.pop_back();
    weft::checker::write_trace(p, t);
    const auto r = weft::checker::replay(lock_order, weft::checker::read_trace(p));
    REQUIRE(r.divergence.has_value());
    CHECK(r.divergence->decision == 3);
    CHECK(r.divergence->step == 4);
    CHECK(r.divergence->reason ==
          "the trace has no more decisions, but the replay asks which of 2 enabled threads "
          "runs; enabled: Thread-1, Thread-2");
    CHECK_FALSE(r.matches);
  }
  SECTION("a decision too many") {
    t.decisions.push_back(t.decisions.back());
    weft::checker::write_trace(p, t);
    const auto r = weft::checker::replay(lock_order, weft::checker::read_trace(p));
    REQUIRE(r.divergence.has_value());
    CHECK(r.divergence->decision == 4);
    CHECK(r.divergence->step == 5);
    CHECK(r.divergence->reason ==
          "the replay ended (deadlock) with 1 recorded decision left; the next says Thread-2 "
          "runs (2 threads enabled)");
    CHECK_FALSE(r.matches);
  }
  SECTION("a different recorded outcome") {
    t.outcome.out = "something else\n";
    weft::checker::write_trace(p, t);
    const auto r = weft::checker::replay(lock_order, weft::checker::read_trace(p));
    CHECK_FALSE(r.divergence.has_value());
    CHECK_FALSE(r.matches);
  }
}

TEST_CASE("a replay that cannot follow a choose() stops at the next step", "[trace][replay]") {
  const TempDir dir("tamper-value");
  const weft::checker::Options opt;
  const weft::checker::Report report = weft::checker::explore(tie_and_choice, opt);
  Trace t = witness_trace(tie_and_choice, opt, report.outcomes[0]);
  std::vector<Decision> kinds;
  for (const auto& d : t.decisions) kinds.push_back(d.kind);
  // The sleeping threads are not enabled before t=1, so main runs alone up to its end: its
  // choose is the first decision. At t=1 both threads are due (a timer tie) and the first one
  // wakes; the other's wake-up, which touches nothing, is taken next (a decision, as the other
  // thread's print was enabled too); then the first one's print and end, each against the other
  // thread's print.
  REQUIRE(kinds == std::vector<Decision>{Decision::Value, Decision::TimerTie, Decision::Thread,
                                         Decision::Thread, Decision::Thread});
  t.decisions[0].options = 3;
  const std::string p = dir.file("tampered.json");
  weft::checker::write_trace(p, t);
  const auto r = weft::checker::replay(tie_and_choice, weft::checker::read_trace(p));
  REQUIRE(r.divergence.has_value());
  CHECK(r.divergence->decision == 0);
  CHECK(r.divergence->step == 3);  // main's two starts, then its choose
  CHECK(r.divergence->reason ==
        "the trace says choose(3) returns 0, but the replay asks a value for choose(2)");
  // choose() must return a value; the execution stops at the step after it.
  CHECK(r.events.size() == r.divergence->step);
}
