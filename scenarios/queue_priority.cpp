// Seed section 九: queue.PriorityQueue, smallest priority first.
#include <string>
#include <utility>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

using Item = std::pair<int, std::string>;

// Python's repr of an (int, str) tuple: (10, 'b').
std::string repr(const Item& item) {
  std::string s = "(" + std::to_string(item.first) + ", '";
  for (char c : item.second) {
    if (c == '\\' || c == '\'') s += '\\';
    s += c;
  }
  return s + "')";
}

}  // namespace

WEFT_SCENARIO({
    .name = "queue_priority",
    .summary = "queue.PriorityQueue: the smallest priority first",
    .description =
        "Seed section 9, queue.PriorityQueue: put the tuples (20, 'a'), (10, 'b'), (30, 'c'), "
        "then get and print three times. Tuples compare by their first element, the priority, "
        "and the smallest comes out first; one thread, so one outcome: (10, 'b'), (20, 'a'), "
        "(30, 'c').",
    .body =
        [](const weft::Params&) {
          weft::PriorityQueue<Item> q;
          q.put({20, "a"});
          q.put({10, "b"});
          q.put({30, "c"});
          weft::print(repr(q.get()));
          weft::print(repr(q.get()));
          weft::print(repr(q.get()));
        },
});
