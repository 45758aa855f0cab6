// The JSON side of traces, documented field by field in docs/trace-format.md. The only file of
// checker/ that sees nlohmann/json. Reading trusts nothing: every field is checked for presence
// and type, and any problem becomes a TraceError naming the field.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "checker/output_file.hpp"
#include "checker/replay.hpp"
#include "checker/trace.hpp"

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
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
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
  for (const TraceEvent& e : events)
    out.push_back({{"step", e.step}, {"time", e.time}, {"thread", e.thread}, {"op", e.op},
                   {"object", e.object}, {"result", e.result}});
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
    s += "\n" + std::string(2 * depth, ' ') + "}";
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
    s += "\n" + std::string(2 * depth, ' ') + "]";
  } else {
    s += dump_value(v, -1);
  }
}

std::string dump(const json& doc) {
  std::string s;
  write_value(s, doc, 0);
  return s + "\n";
}

// --- reading ---

// A JSON object being read, with its path for messages ("outcome.blocked[2]").
class Fields {
 public:
  Fields(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  std::string name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  [[noreturn]] void wrong(const char* key, const char* what) const {
    throw TraceError("field '" + name(key) + "' must be " + what);
  }
  const json& get(const char* key) const {
    const auto it = j_.find(key);
    if (it == j_.end()) throw TraceError("field '" + name(key) + "' is missing");
    return *it;
  }
  std::string string(const char* key) const {
    const json& v = get(key);
    if (!v.is_string()) wrong(key, "a string");
    return v.get<std::string>();
  }
  std::uint64_t uint(const char* key,
                     std::uint64_t max = std::numeric_limits<std::uint64_t>::max()) const {
    const json& v = get(key);
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= max) return v.get<std::uint64_t>();
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0 &&
        static_cast<std::uint64_t>(v.get<std::int64_t>()) <= max)
      return static_cast<std::uint64_t>(v.get<std::int64_t>());
    wrong(key, max == std::numeric_limits<std::uint32_t>::max() ? "an integer from 0 to 2^32-1"
                                                                : "a non-negative integer");
  }
  std::int64_t integer(const char* key) const {
    const json& v = get(key);
    if (v.is_number_unsigned() &&
        v.get<std::uint64_t>() > std::uint64_t{std::numeric_limits<std::int64_t>::max()})
      wrong(key, "a 64-bit integer");
    if (!v.is_number_integer()) wrong(key, "an integer");
    return v.get<std::int64_t>();
  }
  double number(const char* key) const {
    const json& v = get(key);
    if (!v.is_number()) wrong(key, "a number");
    return v.get<double>();
  }
  const json& array(const char* key) const {
    const json& v = get(key);
    if (!v.is_array()) wrong(key, "an array");
    return v;
  }
  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    const json& a = array(key);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_string())
        throw TraceError("field '" + name(key) + "[" + std::to_string(i) + "]' must be a string");
      out.push_back(a[i].get<std::string>());
    }
    return out;
  }
  Fields object(const char* key) const {
    const json& v = get(key);
    if (!v.is_object()) wrong(key, "an object");
    return Fields(v, name(key));
  }
  std::map<std::string, std::string> string_map(const char* key) const {
    std::map<std::string, std::string> out;
    const Fields f = object(key);
    for (const auto& [k, v] : f.j_.items()) out[k] = f.string(k.c_str());
    return out;
  }
  // Calls fn(Fields) on each element of the array `key`, each of which must be an object.
  template <class Fn>
  void each(const char* key, Fn fn) const {
    const json& a = array(key);
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = name(key) + "[" + std::to_string(i) + "]";
      if (!a[i].is_object()) throw TraceError("field '" + at + "' must be an object");
      fn(Fields(a[i], at));
    }
  }

 private:
  const json& j_;
  std::string path_;
};

std::string joined(const std::vector<std::string>& pieces) {
  std::string s;
  for (const std::string& p : pieces) s += p;
  return s;
}

sim::Status read_status(const Fields& f) {
  const std::string s = f.string("status");
  for (sim::Status st : {sim::Status::Ok, sim::Status::Deadlock, sim::Status::Livelock,
                         sim::Status::Failure, sim::Status::Limit, sim::Status::Hung,
                         sim::Status::Crashed, sim::Status::Runaway})
    if (s == sim::status_name(st)) return st;
  f.wrong("status", "one of ok, deadlock, livelock, failure, limit, hung, crashed, runaway");
}

sim::Outcome read_outcome(const Fields& f) {
  sim::Outcome o;
  o.status = read_status(f);
  o.message = f.string("message");
  o.out = joined(f.strings("stdout"));
  o.err = joined(f.strings("stderr"));
  o.files = f.string_map("files");
  o.end_time = sim::from_seconds(f.number("end_time"));
  f.each("blocked", [&o](const Fields& b) {
    o.blocked.push_back(sim::BlockedThread{b.string("thread"), b.string("op"),
                                           b.string("object"), b.strings("held_by")});
  });
  return o;
}

TraceDecision read_decision(const Fields& f) {
  TraceDecision d{};
  const std::string kind = f.string("kind");
  if (kind == "thread") {
    d.kind = sim::Decision::Thread;
  } else if (kind == "timer-tie") {
    d.kind = sim::Decision::TimerTie;
  } else if (kind == "value") {
    d.kind = sim::Decision::Value;
  } else {
    f.wrong("kind", "one of thread, timer-tie, value");
  }
  if (d.kind != sim::Decision::Value) d.thread = f.string("thread");
  const std::uint64_t u32 = std::numeric_limits<std::uint32_t>::max();
  d.chosen = static_cast<std::uint32_t>(f.uint("chosen", u32));
  d.options = static_cast<std::uint32_t>(f.uint("options", u32));
  if (d.options < 2) f.wrong("options", "at least 2 (a decision has a choice)");
  if (d.chosen >= d.options) f.wrong("chosen", "less than options");
  return d;
}

TraceEvent read_event(const Fields& f) {
  return TraceEvent{f.uint("step"),        f.number("time"),  f.string("thread"),
                    f.string("op"),        f.string("object"), f.integer("result")};
}

Trace read_document(const json& doc) {
  if (!doc.is_object()) throw TraceError("not a weft trace (the document is not a JSON object)");
  const Fields f(doc, "");
  if (!doc.contains("format") || f.get("format") != kFormat)
    throw TraceError(std::string("not a weft trace (field 'format' is not \"") + kFormat + "\")");
  const std::int64_t version = f.integer("version");
  if (version < Trace::kOldestVersion || version > Trace::kVersion)
    throw TraceError("trace version " + std::to_string(version) + " is not supported (this weft "
                     "reads versions " + std::to_string(Trace::kOldestVersion) + " to " +
                     std::to_string(Trace::kVersion) + ")");
  Trace t;
  t.weft_version = f.string("weft_version");
  t.scenario = f.string("scenario");
  t.params = f.string_map("params");
  t.stdin_lines = f.strings("stdin");
  t.seed = f.uint("seed");
  t.strategy = f.string("strategy");
  const Fields limits = f.object("limits");
  t.max_steps = limits.uint("max_steps");
  t.max_time = limits.number("max_time");
  // Optional: traces written before the untimed model existed ran under the exact one.
  if (doc.contains("timing")) {
    const std::string timing = f.string("timing");
    if (timing != "exact" && timing != "untimed") f.wrong("timing", "\"exact\" or \"untimed\"");
    t.timing = timing == "untimed" ? sim::Timing::Untimed : sim::Timing::Exact;
  }
  f.each("decisions", [&t](const Fields& d) { t.decisions.push_back(read_decision(d)); });
  t.outcome = read_outcome(f.object("outcome"));
  f.each("events", [&t](const Fields& e) { t.events.push_back(read_event(e)); });
  return t;
}

// A parse error in words: truncated when the parser ran out of text, else where and why.
std::string parse_problem(const std::string& text, const json::parse_error& e) {
  if (e.byte > text.size())  // the parser wanted more text than there is
    return "truncated: the JSON ends (at byte " + std::to_string(text.size()) +
           ") before the document is complete";
  std::string what = e.what();
  const std::size_t at = what.find("parse error at ");
  if (at != std::string::npos) what = what.substr(at + std::strlen("parse error at "));
  return "not valid JSON: " + what;
}

std::string slurp(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw TraceError("cannot read trace '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError("cannot read trace '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw TraceError("cannot read trace '" + path + "': read error");
  return text.str();
}

}  // namespace

Trace read_trace(const std::string& path) {
  const std::string text = slurp(path);
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw TraceError(path + ": empty file, not a weft trace");
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw TraceError(path + ": " + parse_problem(text, e));
  }
  try {
    return read_document(doc);
  } catch (const TraceError& e) {
    throw TraceError(path + ": " + e.what());
  } catch (const json::exception& e) {  // a check above missed something: still one line
    throw TraceError(path + ": unreadable trace (" + std::string(e.what()) + ")");
  }
}

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
