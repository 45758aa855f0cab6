// The timeline the pictures draw (cli/timeline.hpp), the Perfetto export's slices
// (cli/perfetto.hpp) and the JSON strings they write (cli/json_text.hpp), on executions built by
// hand where the scenarios have none: locks released in the order they were taken, text that is
// not UTF-8 or closes a script element. The scenarios' exports are checked end to end by
// tests/cli_perfetto.cmake.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/json_text.hpp"
#include "cli/perfetto.hpp"
#include "cli/timeline.hpp"

using weft::checker::TraceEvent;

namespace {

TraceEvent ev(std::uint64_t step, const std::string& thread, const std::string& op,
              const std::string& object, std::int64_t result = 0) {
  return TraceEvent{step, 0.0, thread, op, object, result};
}

// Thread-1 takes A then B and releases A first: the holds cross.
std::vector<TraceEvent> crossing() {
  return {ev(1, "T", "acquire", "Lock A", 1), ev(2, "T", "acquire", "Lock B", 1),
          ev(3, "T", "release", "Lock A"), ev(4, "T", "release", "Lock B")};
}

}  // namespace

TEST_CASE("a timeline's holds run from acquire to release, counted per thread and lock",
          "[pictures]") {
  std::vector<TraceEvent> events = crossing();
  // An RLock taken twice is held until its second release; a failed try holds nothing.
  events.push_back(ev(5, "T", "acquire", "RLock R", 1));
  events.push_back(ev(6, "T", "acquire", "RLock R", 1));
  events.push_back(ev(7, "T", "acquire", "Lock C", 0));
  events.push_back(ev(8, "T", "release", "RLock R"));
  events.push_back(ev(9, "T", "release", "RLock R"));
  const weft::sim::Outcome ok;
  const weft::cli::Timeline t = weft::cli::read_timeline(events, ok);
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> holds;
  for (const weft::cli::Span& s : t.spans)
    if (s.kind == weft::cli::Span::Kind::Hold) holds.emplace_back(s.label, *s.from, *s.to);
  CHECK(holds == std::vector<std::tuple<std::string, std::size_t, std::size_t>>{
                     {"holds Lock A", 0, 2}, {"holds Lock B", 1, 3}, {"holds RLock R", 4, 8}});
}

TEST_CASE("the Perfetto export cuts a hold that outlasts the one it began in", "[pictures]") {
  const std::vector<TraceEvent> events = crossing();
  const weft::sim::Outcome ok;
  const auto doc =
      nlohmann::json::parse(weft::cli::perfetto_json(weft::cli::read_timeline(events, ok), "t"));
  // Steps at one instant, one tick apart: A is held over [0, 20] (#1 to #3), B over [10, 30],
  // cut at 20 where A's hold ends.
  std::vector<std::tuple<std::string, double, double>> holds;
  for (const auto& e : doc["traceEvents"])
    if (e["ph"] == "X" && e["cat"] == "lock")
      holds.emplace_back(e["name"], e["ts"].get<double>(), e["dur"].get<double>());
  const double tick = weft::cli::kTickUs;
  CHECK(holds == std::vector<std::tuple<std::string, double, double>>{
                     {"holds Lock A", 0, 2 * tick},
                     {"holds Lock B", tick, tick},
                     {"holds Lock B", 2 * tick, tick}});
}

TEST_CASE("JSON strings: not UTF-8 becomes U+FFFD, markup is escaped", "[pictures]") {
  using weft::cli::json_string;
  CHECK(json_string("a\"b\\c\n") == "\"a\\\"b\\\\c\\n\"");
  CHECK(json_string("</script>") == "\"\\u003c/script\\u003e\"");
  CHECK(json_string("拿到A锁") == "\"拿到A锁\"");
  CHECK(json_string("\x1b[0m") == "\"\\u001b[0m\"");
  CHECK(json_string("\xff\xc3") == "\"\\ufffd\\ufffd\"");
  CHECK(json_string("\xed\xa0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");  // a surrogate
  // Every result reads back as JSON, and as the text where the text was UTF-8.
  CHECK(nlohmann::json::parse(json_string("x\x01y")).get<std::string>() == "x\x01y");
  CHECK(weft::cli::json_number(2000005) == "2000005");
  CHECK(weft::cli::json_number(42.5) == "42.5");
  CHECK(weft::cli::json_number(0.1) == "0.1");
}
