#include "primitives/io.hpp"

#include <cmath>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "sim/runtime.hpp"
#include "sim/state_hash.hpp"

namespace weft {

using detail::Gate;
using detail::Mode;
using sim::Access;
using sim::OpKind;

namespace detail {

void append_float(std::string& out, double v) {
  if (std::isnan(v)) { out += "nan"; return; }
  if (std::isinf(v)) { out += v > 0 ? "inf" : "-inf"; return; }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  out += s;
  if (s.find_first_of(".e") == std::string_view::npos) out += ".0";  // Python shows 2.0, not 2
}

void emit(std::string_view text, bool to_stderr) {
  emit_formatted([](std::string& out, const void* p) { out += *static_cast<const std::string_view*>(p); },
                 &text, to_stderr);
}

void emit_formatted(Format format, const void* args, bool to_stderr) {
  sim::World& w = current_world();
  Gate g(OpKind::Print, Access::Write, to_stderr ? &w.stderr_object : &w.stdout_object);
  std::string& out = to_stderr ? w.err : w.out;
  const std::size_t from = out.size();
  try {
    format(out, args);
  } catch (...) {  // a value that failed to format: nothing of the line is written
    out.resize(from);
    throw;
  }
  if (auto* real = g.real()) real->wrote(to_stderr, out.substr(from));
}

}  // namespace detail

void write(std::string text) { detail::emit(text, false); }

static bool stdin_ready(const sim::Object*, sim::ThreadId) {
  const sim::World& w = detail::current_world();
  return w.stdin_next < w.stdin_lines.size() || w.keyboards_open == 0;
}

std::string input(const std::string& prompt) {
  if (!prompt.empty()) write(prompt);
  sim::World& w = detail::current_world();
  Gate g(OpKind::Input, Access::Write, &w.stdin_object, &stdin_ready, Mode::Block);
  if (w.stdin_next >= w.stdin_lines.size()) throw EOFError("EOF when reading a line");
  return w.stdin_lines[w.stdin_next++];
}

Keyboard::Keyboard() {
  sim::World& w = detail::current_world();
  Gate g(OpKind::Input, Access::Write, &w.stdin_object);
  ++w.keyboards_open;
}

Keyboard::~Keyboard() { close(); }

void Keyboard::type(std::string line) {
  if (!open_) throw ValueError("I/O operation on closed keyboard");
  sim::World& w = detail::current_world();
  Gate g(OpKind::Input, Access::Write, &w.stdin_object);
  w.stdin_lines.push_back(std::move(line));
}

void Keyboard::close() {
  if (!open_) return;
  open_ = false;
  sim::World& w = detail::current_world();
  Gate g(OpKind::Close, Access::Write, &w.stdin_object);
  --w.keyboards_open;
}

static bool never(const sim::Object*, sim::ThreadId) { return false; }

void sleep(double seconds) {
  detail::reject_nan(seconds);
  if (seconds < 0) throw ValueError("sleep length must be non-negative");
  if (detail::too_large(seconds)) throw OverflowError("sleep length is too large");
  if (seconds == 0) {
    Gate g(OpKind::Yield, Access::Read, nullptr);
    return;
  }
  Gate g(OpKind::Sleep, Access::Read, nullptr, &never, Mode::Timed, seconds);
}

double now() {
  if (auto* rt = sim::Runtime::current()) return sim::to_seconds(rt->read_clock());
  auto* real = detail::RealBackend::current();
  if (real == nullptr) detail::no_backend();
  return real->now();
}

void append_file(const std::string& name, const std::string& text) {
  sim::World& w = detail::current_world();
  Gate g(OpKind::FileWrite, Access::Write, &w.files_object);
  if (auto* real = g.real()) return real->write_file(name, text, true);
  w.files[name] += text;
}

void write_file(const std::string& name, const std::string& text) {
  sim::World& w = detail::current_world();
  Gate g(OpKind::FileWrite, Access::Write, &w.files_object);
  if (auto* real = g.real()) return real->write_file(name, text, false);
  w.files[name] = text;
}

std::string read_file(const std::string& name) {
  sim::World& w = detail::current_world();
  Gate g(OpKind::FileRead, Access::Read, &w.files_object);
  if (auto* real = g.real()) {
    if (auto content = real->read_file(name)) return *content;
  } else if (auto it = w.files.find(name); it != w.files.end()) {
    return it->second;
  }
  throw FileNotFoundError("No such file or directory: '" + name + "'");
}

std::size_t choose(std::size_t n) {
  if (n == 0) throw ValueError("choose(0): nothing to choose from");
  Gate g(OpKind::Choose, Access::Read, nullptr);
  std::size_t v = 0;
  if (auto* rt = g.sim()) {
    v = rt->choose(n);
  } else {
    v = g.real()->choose(n);
  }
  g.result(static_cast<std::int64_t>(v));
  return v;
}

std::int64_t randint(std::int64_t a, std::int64_t b) {
  if (b < a) throw ValueError("empty range for randint(" + std::to_string(a) + ", " +
                              std::to_string(b) + ")");
  sim::World& w = detail::current_world();
  Gate g(OpKind::Random, Access::Write, &w.random_object);
  const std::int64_t v = w.random.randint(a, b);
  g.result(v);
  return v;
}

void local_state(std::string_view where, std::initializer_list<std::int64_t> values) {
  auto* rt = sim::Runtime::current();
  if (rt == nullptr) return;  // real threads: nothing keeps states
  sim::StateHasher h;
  h.mix(0x6c6f63616c000001ULL);  // apart from any history of answers
  h.mix_bytes(where);
  h.mix(values.size());
  for (const std::int64_t v : values) h.mix(static_cast<std::uint64_t>(v));
  const sim::Fingerprint f = h.value();
  rt->declare_local_state(f.a, f.b);
}

void check(bool cond, const std::string& message) {
  if (cond) return;
  if (auto* rt = sim::Runtime::current()) rt->fail(sim::Status::Failure, message);
  auto* real = detail::RealBackend::current();
  if (real == nullptr) detail::no_backend();
  {
    std::lock_guard<std::mutex> lock(real->mu);
    real->fail(message);
  }
  throw sim::Abandoned{};
}

}  // namespace weft
