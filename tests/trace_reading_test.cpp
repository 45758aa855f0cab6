// Reading traces that may come from anywhere: whatever the text, parse_trace returns a trace or
// throws a TraceError with one line of reason; and a trace carries the failure policy it was
// judged under, so that replay judges it alike (older traces, without one, still read).
#include <catch2/catch.hpp>
#include <string>

#include "checker/explore.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "cli/traces.hpp"
#include "primitives/weft.hpp"

using weft::checker::FailureKind;
using weft::checker::Trace;
using weft::sim::Status;

namespace {

// A thread dies of an exception; main goes on and ends ok.
void raises() {
  weft::Thread t([] { throw weft::ValueError("bad value"); });
  t.start();
  t.join();
  weft::print("after");
}

// Two threads print; main prints "after" once they are done.
void racing() {
  weft::Thread a([] { weft::print("a"); });
  weft::Thread b([] { weft::print("b"); });
  a.start();
  b.start();
  a.join();
  b.join();
  weft::print("after");
}

// The trace of `body`'s first outcome, found by a search under `failures`.
Trace first_trace(void (*body)(), const weft::checker::FailurePolicy& failures) {
  weft::checker::Options opt;
  opt.failures = failures;
  const weft::checker::Report report = weft::checker::explore(body, opt);
  REQUIRE(!report.outcomes.empty());
  Trace t = weft::checker::record_trace(body, opt.setup, report.outcomes[0].witness);
  t.scenario = "test";
  t.failures = failures;
  return t;
}

Trace raises_trace(const weft::checker::FailurePolicy& failures) {
  return first_trace(raises, failures);
}

// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// What parse_trace says about `text`: its refusal, which must be one line.
std::string refusal(const std::string& text) {
  try {
    weft::checker::parse_trace(text);
  } catch (const weft::checker::TraceError& e) {
    const std::string why = e.what();
    CHECK(why.find('\n') == std::string::npos);
    return why;
  }
  return "read without error";
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("hostile trace text is refused with one line of reason", "[trace]") {
  const std::string good = weft::checker::to_json(first_trace(racing, {}));
  REQUIRE(refusal(good) == "read without error");
  REQUIRE(weft::checker::parse_trace(good).decisions.size() >= 1);
  // nlohmann/json throws out_of_range, not parse_error, for a number a double cannot hold.
  CHECK(refusal("{\"a\": 1e999}") == "not valid JSON: number overflow parsing '1e999'");
  CHECK(refusal(replaced(good, "\"max_time\": 1000.0", "\"max_time\": -1e999")) ==
        "not valid JSON: number overflow parsing '-1e999'");
  // Deep enough to overflow an 8 MB stack in code that walks the document recursively.
  CHECK(refusal(replaced(good, "\"seed\": 0", "\"seed\": " + nested(200000))) ==
        "not a weft trace (nested deeper than 16 levels)");
  // The bound is exact: 16 levels are parsed (and then refused as the wrong type), 17 are not.
  CHECK(refusal(replaced(good, "\"seed\": 0", "\"seed\": " + nested(15))) ==
        "field 'seed' must be a non-negative integer");
  CHECK(refusal(replaced(good, "\"seed\": 0", "\"seed\": " + nested(16))) ==
        "not a weft trace (nested deeper than 16 levels)");
  CHECK(refusal(replaced(good, "\"seed\": 0,", "\"seed\": 0, \"seed\": 1,")) ==
        "not a weft trace (key \"seed\" appears twice in one object)");
  CHECK(refusal(replaced(good, "\"max_time\": 1000.0", "\"max_time\": -1")) ==
        "field 'limits.max_time' must be a non-negative number of seconds");
  CHECK(refusal(replaced(good, "\"end_time\": 0.0", "\"end_time\": -0.5")) ==
        "field 'outcome.end_time' must be a non-negative number of seconds");
  CHECK(refusal(replaced(good, "\"thread\":\"MainThread\"", "\"thread\":\"\"")) ==
        "field 'decisions[0].thread' must be a non-empty string");
  CHECK(refusal(replaced(good, "\"options\":2", "\"options\":-2")) ==
        "field 'decisions[0].options' must be an integer from 0 to 2^32-1");
  CHECK_THAT(refusal(replaced(good, "\"after\\n\"", "\"after\xff\\n\"")),
             Catch::StartsWith("not valid JSON: line "));
  CHECK(refusal(std::string((std::size_t{64} << 20) + 1, ' ')) ==
        "larger than 64 MiB, more than any trace weft writes");
  CHECK(refusal(" \n") == "empty file, not a weft trace");
  CHECK(refusal(replaced(good, "\"version\": 3,", "\"version\": 4,")) ==
        "trace version 4 is not supported (this weft reads versions 1 to 3)");
}

TEST_CASE("a trace carries its failure policy and replay judges by it", "[trace][replay]") {
  weft::checker::FailurePolicy strict;
  strict.fail_on_exception = true;
  const Trace t = raises_trace(strict);
  REQUIRE(t.outcome.status == Status::Ok);
  const std::string text = weft::checker::to_json(t);
  const Trace back = weft::checker::parse_trace(text);
  CHECK(back.version == 3);
  CHECK(back.failures.fail_on_exception);
  CHECK(back.failures.expected_exceptions.empty());
  const weft::checker::ReplayResult r = weft::checker::replay(raises, back);
  CHECK(r.matches);
  CHECK(r.failure == FailureKind::Exception);

  SECTION("an exception the program expects is no failure, as in the search") {
    strict.expected_exceptions = {"ValueError"};
    const Trace expected = weft::checker::parse_trace(weft::checker::to_json(raises_trace(strict)));
    CHECK(expected.failures.expected_exceptions == std::vector<std::string>{"ValueError"});
    CHECK(weft::checker::replay(raises, expected).failure == FailureKind::None);
  }
  SECTION("a version 1 trace has no policy and is judged by the default one") {
    const std::string v1 = replaced(
        replaced(text, "\"version\": 3,", "\"version\": 1,"),
        "\"failures\": {\n    \"fail_on_exception\": true,\n    \"expected_exceptions\": []\n  },\n",
        "");
    const Trace old = weft::checker::parse_trace(v1);
    CHECK(old.version == 1);
    CHECK_FALSE(old.failures.fail_on_exception);
    const weft::checker::ReplayResult rr = weft::checker::replay(raises, old);
    CHECK(rr.matches);
    CHECK(rr.failure == FailureKind::None);
  }
  SECTION("a version 3 trace without its policy is refused") {
    CHECK_THROWS_WITH(weft::checker::parse_trace(replaced(text, "\"failures\"", "\"failure\"")),
                      "field 'failures' is missing");
  }
}

TEST_CASE("the traces commands write carry the search's failure policy", "[trace]") {
  // What weft check --fail-on-exception writes for a scenario whose thread raises.
  const weft::Scenario scenario{.name = "raises", .body = [](const weft::Params&) { raises(); }};
  const weft::cli::Prepared p{&scenario, {}, {}};
  weft::checker::Options opt;
  opt.failures.fail_on_exception = true;
  opt.failures.expected_exceptions = {"EOFError"};
  const weft::checker::Report report = weft::checker::explore(raises, opt);
  REQUIRE(report.outcomes.size() == 1);
  const Trace t = weft::cli::make_trace(p, opt, report.outcomes[0].witness, "dfs");
  const Trace back = weft::checker::parse_trace(weft::checker::to_json(t));
  CHECK(back.failures.fail_on_exception);
  CHECK(back.failures.expected_exceptions == std::vector<std::string>{"EOFError"});
  CHECK(weft::checker::replay(raises, back).failure == FailureKind::Exception);
}
