// Python's print, input, time.sleep, files and random, as visible operations on the execution's
// world: on the simulator the world is virtual, on real threads it is the backend's.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace weft {

namespace detail {
// How print() shows a value: as Python's str() would where the type has a Python counterpart.
inline void append_text(std::string& out, std::string_view s) { out += s; }
inline void append_text(std::string& out, const char* s) { out += s; }
inline void append_text(std::string& out, const std::string& s) { out += s; }
inline void append_text(std::string& out, char c) { out += c; }
inline void append_text(std::string& out, bool b) { out += b ? "True" : "False"; }
template <std::integral T>
void append_text(std::string& out, T v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
void append_float(std::string& out, double v);
template <std::floating_point T>
void append_text(std::string& out, T v) { append_float(out, static_cast<double>(v)); }
template <class T>
  requires(!std::integral<T> && !std::floating_point<T> &&
           !std::is_convertible_v<const T&, std::string_view>)
void append_text(std::string& out, const T& v) {
  std::ostringstream os;
  os << v;
  out += os.str();
}
// Writes `text` to stdout or stderr as one visible operation.
void emit(std::string_view text, bool to_stderr);
// Writes what `format(out, args)` appends to `out` (the stream's text), as one visible operation.
// The text is formatted straight into the stream: no line is built to be copied.
using Format = void (*)(std::string& out, const void* args);
void emit_formatted(Format format, const void* args, bool to_stderr);

// The arguments joined by spaces, then a newline, as Python's print writes them.
template <class... Args>
void append_line(std::string& out, const Args&... args) {
  [[maybe_unused]] bool first = true;
  ((first ? void() : void(out += ' '), first = false, append_text(out, args)), ...);
  out += '\n';
}
// Values whose text needs no code of the scenario's: formatting them inside the operation cannot
// perform another operation (which, on real threads, would wait for the lock the first holds).
template <class T>
concept PlainText = std::integral<T> || std::floating_point<T> ||
                    std::is_convertible_v<const T&, std::string_view>;
template <class... Args>
void print_to(bool to_stderr, const Args&... args) {
  if constexpr ((PlainText<Args> && ...)) {
    const std::tuple<const Args&...> bound(args...);
    emit_formatted(
        [](std::string& out, const void* p) {
          std::apply([&out](const Args&... a) { append_line(out, a...); },
                     *static_cast<const std::tuple<const Args&...>*>(p));
        },
        &bound, to_stderr);
  } else {
    std::string line;
    append_line(line, args...);
    emit(line, to_stderr);
  }
}
}  // namespace detail

// print(*args): the arguments joined by spaces, then a newline, in one atomic write.
template <class... Args>
void print(const Args&... args) {
  detail::print_to(false, args...);
}
// Text written to stdout as it is (print with end='').
void write(std::string text);
// print(..., file=sys.stderr)
template <class... Args>
void eprint(const Args&... args) {
  detail::print_to(true, args...);
}

// input(prompt): writes the prompt, then returns the next line of stdin; EOFError at the end.
std::string input(const std::string& prompt = "");

// A simulated user at the keyboard: while one is open, input() waits for the lines it types
// instead of meeting the end of input.
class Keyboard {
 public:
  Keyboard();
  ~Keyboard();
  Keyboard(const Keyboard&) = delete;
  Keyboard& operator=(const Keyboard&) = delete;
  void type(std::string line);
  void close();

 private:
  bool open_ = true;
};

// time.sleep(seconds): virtual seconds on the simulator, scaled real ones on real threads.
void sleep(double seconds);
// time.time() relative to the start of the execution, in seconds.
double now();

// Files of the execution (virtual on the simulator).
void append_file(const std::string& name, const std::string& text);  // open(name, 'a').write
void write_file(const std::string& name, const std::string& text);   // open(name, 'w').write
std::string read_file(const std::string& name);  // FileNotFoundError when absent

// An explored choice: every value in [0, n) is tried by exhaustive search.
std::size_t choose(std::size_t n);

// Declares the calling thread's local state, the way a model's state vector holds a process's
// variables: "from here on, what this thread does depends only on the code from this point —
// `where` names the point — and on `values`, and on what it learns afterwards". weft cannot see
// C++ locals, so a state caching search otherwise takes a thread's local state to be every
// answer it was ever given (docs/state-caching.md, "What a state is"), and threads that took a
// lock in different orders, or loaded values now dead, never meet again. The declaration lets
// it forget them. It is a promise, like Thread::interchangeable: a declaration that leaves out
// something the thread still uses (a loaded value it will store later, a counter of its loop)
// makes the search take two different states for one, and miss what the second would do.
// Not an operation: it does nothing on real threads, and the other searches ignore it.
void local_state(std::string_view where, std::initializer_list<std::int64_t> values = {});
// random.randint(a, b) from the execution's seeded generator (not explored; the seed is recorded).
std::int64_t randint(std::int64_t a, std::int64_t b);
template <class T>
const T& random_choice(const std::vector<T>& items) {
  return items[static_cast<std::size_t>(randint(0, static_cast<std::int64_t>(items.size()) - 1))];
}

// A scenario assertion: when `cond` is false the execution ends as a failure with `message`.
void check(bool cond, const std::string& message);
// The same for a literal message, turned into a string only when the check fails.
inline void check(bool cond, const char* message) {
  if (!cond) check(cond, std::string(message));
}

}  // namespace weft
