// Writing traces as JSON, documented field by field in docs/trace-format.md; reading them is
// checker/trace_read.cpp. With it, the only files of checker/ that see nlohmann/json.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <nlohmann/json.hpp>

#include "checker/output_file.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"
#include "checker/version.hpp"
#include "checker/why_not.hpp"

namespace weft::checker {

// Fields keep the order they are written in, so that a trace reads top-down.
using json = nlohmann::ordered_json;

namespace {

constexpr const char* kFormat = "weft-trace";

// --- writing ---

// The text cut after each newline: concatenating the elements gives it back exactly, a last
// line without a newline included.
json text_lines(const std::string& text) {
  json lines = json::array();
  for (std::string& line : lines_of(text)) lines.push_back(std::move(line));
  return lines;
}

json outcome_json(const sim::Outcome& o) {
  json blocked = json::array();
  for (const sim::BlockedThread& b : o.blocked)
    blocked.push_back(
        {{"thread", b.thread}, {"op", b.op}, {"object", b.object}, {"held_by", b.held_by}});
  json files = json::object();
  for (const auto& [name, content] : o.files) files[name] = content;
  return {{"status", sim::status_name(o.status)}, {"message", o.message},
          {"stdout", text_lines(o.out)},          {"stderr", text_lines(o.err)},
          {"files", files},                       {"end_time", sim::to_seconds(o.end_time)},
          {"blocked", blocked}};
}

json decision_json(const TraceDecision& d) {
  json j = {{"kind", decision_name(d.kind)}};
  if (d.kind != sim::Decision::Value) j["thread"] = d.thread;
  j["chosen"] = d.chosen;
  j["options"] = d.options;
  return j;
}

json events_json(const std::vector<TraceEvent>& events) {
  json out = json::array();
  for (const TraceEvent& e : events) {
    json j = {{"step", e.step},     {"time", e.time},     {"thread", e.thread},
              {"op", e.op},         {"object", e.object}, {"result", e.result}};
    if (!e.text.empty()) j["text"] = e.text;
    if (e.waited) {
      j["waited_after"] = e.waited_after;
      if (e.woken_by != 0) j["woken_by"] = e.woken_by;
      if (!e.held_by.empty()) j["held_by"] = e.held_by;
    }
    out.push_back(std::move(j));
  }
  return out;
}

json trace_json(const Trace& t) {
  json decisions = json::array();
  for (const TraceDecision& d : t.decisions) decisions.push_back(decision_json(d));
  return {{"format", kFormat},
          {"version", Trace::kVersion},
          {"weft_version", t.weft_version},
          {"scenario", t.scenario},
          {"params", t.params},
          {"stdin", t.stdin_lines},
          {"seed", t.seed},
          {"strategy", t.strategy},
          {"limits", {{"max_steps", t.max_steps}, {"max_time", t.max_time}}},
          {"timing", timing_name(t.timing)},
          {"max_segments", t.max_segments},
          {"failures",
           {{"fail_on_exception", t.failures.fail_on_exception},
            {"expected_exceptions", t.failures.expected_exceptions}}},
          {"decisions", decisions},
          {"outcome", outcome_json(t.outcome)},
          {"events", events_json(t.events)}};
}

// Invalid UTF-8 in the program's output is replaced rather than refused: a trace that replays
// its decisions is worth more than none.
std::string dump_value(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

// Pretty-printed, except that each object inside an array takes one line: a decision, an event,
// a blocked thread. A trace of thousands of steps stays readable, one line per step of the story.
void write_value(std::string& s, const json& v, std::size_t depth) {
  const std::string pad(2 * depth + 2, ' ');
  if (v.is_object() && !v.empty()) {
    s += "{";
    for (auto it = v.begin(); it != v.end(); ++it) {
      s += (it == v.begin() ? "\n" : ",\n") + pad + json(it.key()).dump() + ": ";
      write_value(s, it.value(), depth + 1);
    }
    s += '\n';
    s.append(2 * depth, ' ');  // (one append: "\n" + string trips g++ 12's -Wrestrict)
    s += '}';
  } else if (v.is_array() && !v.empty()) {
    s += "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      s += (i == 0 ? "\n" : ",\n") + pad;
      if (v[i].is_object()) {
        s += dump_value(v[i], -1);
      } else {
        write_value(s, v[i], depth + 1);
      }
    }
    s += '\n';
    s.append(2 * depth, ' ');  // (one append: "\n" + string trips g++ 12's -Wrestrict)
    s += ']';
  } else {
    s += dump_value(v, -1);
  }
}

std::string dump(const json& doc) {
  std::string s;
  write_value(s, doc, 0);
  return s + "\n";
}

}  // namespace

std::string to_json(const Trace& trace) { return dump(trace_json(trace)); }

std::string to_json(const ReplayResult& r) {
  json divergence = nullptr;
  if (r.divergence) {
    const Divergence& d = *r.divergence;
    divergence = {{"decision", d.decision},
                  {"step", d.step},
                  {"recorded", d.recorded ? decision_json(*d.recorded) : json(nullptr)},
                  {"kind", decision_name(d.kind)},
                  {"options", d.options},
                  {"enabled", d.enabled},
                  {"reason", d.reason}};
  }
  return dump({{"format", "weft-replay"},
               {"version", Trace::kVersion},
               {"weft_version", kVersion},
               {"schema_version", kSchemaVersion},
               {"diverged", r.divergence.has_value()},
               {"divergence", divergence},
               {"matches", r.matches},
               {"outcome", r.divergence ? json(nullptr) : outcome_json(r.outcome)},
               {"events", events_json(r.events)}});
}

void write_trace(const std::string& path, const Trace& trace) {
  try {
    write_output_file(path, to_json(trace));
  } catch (const OutputFileError& e) {
    throw TraceError("cannot write trace '" + path + "': " + e.what());
  }
}

}  // namespace weft::checker
