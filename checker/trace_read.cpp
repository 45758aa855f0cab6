// Reading traces (docs/trace-format.md, "Reading is strict"). A trace may come from anywhere, so
// reading trusts nothing: the file's size and the document's nesting are bounded before anything
// is built from them, a key given twice is refused, and every field is checked for presence,
// type and range before use. Any problem becomes a TraceError with a one-line reason.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "checker/trace.hpp"

namespace weft::checker {

// Fields keep the order they are written in (trace_json.cpp), so reading uses the same type.
using json = nlohmann::ordered_json;

namespace {

constexpr const char* kFormat = "weft-trace";

// A trace of 100,000 steps (the default --max-steps) takes about 12 MB: this leaves room for
// longer ones while keeping what the parser builds from any file well within memory.
constexpr std::size_t kMaxBytes = std::size_t{64} << 20;
// A trace nests 5 containers deep (outcome.blocked[i].held_by); a hostile file nested hundreds
// of thousands deep would exhaust the stack of code that walks the document recursively.
constexpr int kMaxDepth = 16;

// A JSON object being read, with its path for messages ("outcome.blocked[2]").
class Fields {
 public:
  Fields(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  std::string name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  [[noreturn]] void wrong(const char* key, const char* what) const {
    throw TraceError("field '" + name(key) + "' must be " + what);
  }
  bool has(const char* key) const { return j_.contains(key); }
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
  // A string that names something (a thread): never empty.
  std::string name_string(const char* key) const {
    std::string s = string(key);
    if (s.empty()) wrong(key, "a non-empty string");
    return s;
  }
  bool boolean(const char* key) const {
    const json& v = get(key);
    if (!v.is_boolean()) wrong(key, "true or false");
    return v.get<bool>();
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
  // Virtual seconds: a finite number, not negative.
  double seconds(const char* key) const {
    const json& v = get(key);
    if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0)
      wrong(key, "a non-negative number of seconds");
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
  o.end_time = sim::from_seconds(f.seconds("end_time"));
  f.each("blocked", [&o](const Fields& b) {
    o.blocked.push_back(sim::BlockedThread{b.name_string("thread"), b.string("op"),
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
  if (d.kind != sim::Decision::Value) d.thread = f.name_string("thread");
  const std::uint64_t u32 = std::numeric_limits<std::uint32_t>::max();
  d.chosen = static_cast<std::uint32_t>(f.uint("chosen", u32));
  d.options = static_cast<std::uint32_t>(f.uint("options", u32));
  if (d.options < 2) f.wrong("options", "at least 2 (a decision has a choice)");
  if (d.chosen >= d.options) f.wrong("chosen", "less than options");
  return d;
}

// The fields after `result` are optional: older traces do not have them.
TraceEvent read_event(const Fields& f) {
  TraceEvent e{f.uint("step"), f.seconds("time"),  f.string("thread"),
               f.string("op"), f.string("object"), f.integer("result")};
  if (f.has("text")) e.text = f.string("text");
  if (f.has("waited_after")) {
    e.waited = true;
    e.waited_after = f.uint("waited_after");
    if (f.has("woken_by")) e.woken_by = f.uint("woken_by");
    if (f.has("held_by")) e.held_by = f.strings("held_by");
  }
  return e;
}

FailurePolicy read_failures(const Fields& f) {
  FailurePolicy p;
  p.fail_on_exception = f.boolean("fail_on_exception");
  p.expected_exceptions = f.strings("expected_exceptions");
  return p;
}

void read_header(const json& doc, const Fields& f, Trace& t) {
  if (!doc.is_object()) throw TraceError("not a weft trace (the document is not a JSON object)");
  if (!f.has("format") || f.get("format") != kFormat)
    throw TraceError(std::string("not a weft trace (field 'format' is not \"") + kFormat + "\")");
  const std::int64_t version = f.integer("version");
  if (version < Trace::kOldestVersion || version > Trace::kVersion)
    throw TraceError("trace version " + std::to_string(version) + " is not supported (this weft "
                     "reads versions " + std::to_string(Trace::kOldestVersion) + " to " +
                     std::to_string(Trace::kVersion) + ")");
  t.version = static_cast<int>(version);
  t.weft_version = f.string("weft_version");
  t.scenario = f.string("scenario");
  t.params = f.string_map("params");
  t.stdin_lines = f.strings("stdin");
  t.seed = f.uint("seed");
  t.strategy = f.string("strategy");
}

Trace read_document(const json& doc) {
  const Fields f(doc, "");
  Trace t;
  read_header(doc, f, t);
  const Fields limits = f.object("limits");
  t.max_steps = limits.uint("max_steps");
  t.max_time = limits.seconds("max_time");
  // Optional: traces written before the untimed model existed ran under the exact one.
  if (f.has("timing")) {
    const std::string timing = f.string("timing");
    if (timing != "exact" && timing != "untimed") f.wrong("timing", "\"exact\" or \"untimed\"");
    t.timing = timing == "untimed" ? sim::Timing::Untimed : sim::Timing::Exact;
  }
  // Optional: traces of programs without sockets never needed it.
  if (f.has("max_segments")) {
    t.max_segments = static_cast<std::uint32_t>(f.uint("max_segments", 1000000));
    if (t.max_segments == 0) f.wrong("max_segments", "an integer from 1 to 1000000");
  }
  // Versions 1 and 2 were judged by the default policy, the only one they could record.
  if (t.version >= 3) t.failures = read_failures(f.object("failures"));
  f.each("decisions", [&t](const Fields& d) { t.decisions.push_back(read_decision(d)); });
  t.outcome = read_outcome(f.object("outcome"));
  f.each("events", [&t](const Fields& e) { t.events.push_back(read_event(e)); });
  return t;
}

// What the parser reported, without nlohmann/json's "[json.exception...] parse error at " prefix.
std::string json_reason(const json::exception& e) {
  std::string what = e.what();
  for (const char* prefix : {"parse error at ", "] "}) {
    const std::size_t at = what.find(prefix);
    if (at != std::string::npos) return what.substr(at + std::strlen(prefix));
  }
  return what;
}

// A parse error in words: truncated when the parser ran out of text, else where and why.
std::string parse_problem(std::string_view text, const json::parse_error& e) {
  if (e.byte > text.size())  // the parser wanted more text than there is
    return "truncated: the JSON ends (at byte " + std::to_string(text.size()) +
           ") before the document is complete";
  return "not valid JSON: " + json_reason(e);
}

// Refuses, while the parser builds the document, what no trace holds and a hostile file could:
// nesting deeper than kMaxDepth, and a key given twice in one object (which of its values
// counts would be the parser's choice, not the writer's).
json parse_guarded(std::string_view text) {
  std::vector<std::set<std::string>> keys;  // one set per object being parsed
  const json::parser_callback_t guard = [&keys](int depth, json::parse_event_t event,
                                                json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= kMaxDepth)
          throw TraceError("not a weft trace (nested deeper than " + std::to_string(kMaxDepth) +
                           " levels)");
        if (event == json::parse_event_t::object_start) keys.emplace_back();
        break;
      case json::parse_event_t::object_end: keys.pop_back(); break;
      case json::parse_event_t::key:
        if (!keys.back().insert(parsed.get<std::string>()).second)
          throw TraceError("not a weft trace (key \"" + parsed.get<std::string>() +
                           "\" appears twice in one object)");
        break;
      default: break;
    }
    return true;
  };
  return json::parse(text.begin(), text.end(), guard);
}

// The file's bytes, at most kMaxBytes of them; anything else a one-line TraceError. Read in
// pieces rather than sized up front: a FIFO or a device has no size, and /dev/zero no end.
std::string slurp(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw TraceError("cannot read trace '" + path + "': it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TraceError("cannot read trace '" + path + "': " + std::strerror(errno));
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBytes)
      throw TraceError("cannot read trace '" + path + "': larger than " +
                       std::to_string(kMaxBytes >> 20) + " MiB, more than any trace weft writes");
  }
  if (in.bad()) throw TraceError("cannot read trace '" + path + "': read error");
  return text;
}

}  // namespace

Trace parse_trace(std::string_view text) {
  if (text.size() > kMaxBytes)
    throw TraceError("larger than " + std::to_string(kMaxBytes >> 20) +
                     " MiB, more than any trace weft writes");
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw TraceError("empty file, not a weft trace");
  json doc;
  try {
    doc = parse_guarded(text);
  } catch (const json::parse_error& e) {
    throw TraceError(parse_problem(text, e));
  } catch (const json::exception& e) {  // a number too large for a double: 1e999
    throw TraceError("not valid JSON: " + json_reason(e));
  }
  try {
    return read_document(doc);
  } catch (const json::exception& e) {  // a check above missed something: still one line
    throw TraceError("unreadable trace (" + std::string(e.what()) + ")");
  }
}

Trace read_trace(const std::string& path) {
  const std::string text = slurp(path);
  try {
    return parse_trace(text);
  } catch (const TraceError& e) {
    throw TraceError(path + ": " + e.what());
  }
}

}  // namespace weft::checker
