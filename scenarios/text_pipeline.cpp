// Seed section 三 文本处理工具: three threads, input -> upper case -> append to a file.
#include <algorithm>
#include <string>
#include <vector>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

using List = weft::Shared<std::vector<std::string>>;

// Python's list.pop(): removes and returns the last item, as one atomic step under the GIL.
std::string pop(const List& l) {
  return l.update([](std::vector<std::string>& v) {
    std::string last = std::move(v.back());
    v.pop_back();
    return last;
  });
}

void append(const List& l, std::string item) {
  l.update([&item](std::vector<std::string>& v) { v.push_back(std::move(item)); });
}

bool non_empty(const List& l) {
  return l.read([](const std::vector<std::string>& v) { return !v.empty(); });
}

// str.upper() on ASCII text (the scripted lines are ASCII).
std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  });
  return s;
}

void user_input(List msg_l) {
  for (;;) {
    std::string text = weft::input("请输入内容:");
    // The seed's `if text is None: continue` never fires: input() returns a str or raises.
    append(msg_l, std::move(text));
  }
}

void format_text(List msg_l, List format_l) {
  for (;;) {
    if (non_empty(msg_l)) {
      std::string reg = pop(msg_l);
      append(format_l, upper(reg));
    }
  }
}

void save(List format_l) {
  for (;;) {
    if (non_empty(format_l)) {
      weft::append_file("db1.txt", "");  // open('db1.txt', 'a') creates the file
      std::string res = pop(format_l);
      weft::append_file("db1.txt", res + "\n");  // f.write('%s\n' % res); f.flush()
    }
  }
}

}  // namespace

WEFT_SCENARIO({
    .name = "text_pipeline",
    .summary = "three threads, input -> upper case -> file; what the file can hold",
    .description =
        "Seed section 3's text tool: one thread reads lines with input('请输入内容:') and appends "
        "them to msg_l, one pops msg_l and appends the upper-cased text to format_l, one pops "
        "format_l and appends it to db1.txt. Each list operation is one atomic step, as under "
        "CPython's GIL; the `if msg_l:` test is a separate step from the pop. Look at the order "
        "the lines can reach db1.txt: pop() takes the newest item, so when the input thread runs "
        "ahead the file holds the lines in reverse or mixed order. At the end of the scripted "
        "input, input() raises EOFError, which kills the input thread (reported on stderr), while "
        "the other two threads spin forever on empty lists: the seed's program never ends, and "
        "weft reports it as a livelock naming the two spinning threads and the list each reads. "
        "With the two scripted lines the file ends as AB, CD or as CD, AB. The seed's "
        "`if text is None: continue` is dead code (input() never returns None) and is left out.",
    .stdin_lines = {"ab", "cd"},
    .expected_exceptions = {"EOFError"},
    // The seed's program never ends: once the input thread dies of EOFError the other two spin
    // on empty lists for ever.
    .expected_findings = {weft::Finding::Livelock},
    .body =
        [](const weft::Params&) {
          List msg_l({}, "msg_l");
          List format_l({}, "format_l");
          weft::Thread t1(user_input, msg_l);
          weft::Thread t2(format_text, msg_l, format_l);
          weft::Thread t3(save, format_l);
          t1.start();
          t2.start();
          t3.start();
        },
});
