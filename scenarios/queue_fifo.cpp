// Seed section 九: queue.Queue, first in, first out.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "queue_fifo",
    .summary = "queue.Queue: first in, first out",
    .description =
        "Seed section 9, queue.Queue: put 'first', 'second', 'third', then get and print three "
        "times. One thread, so one outcome: first, second, third, in the order they were put.",
    .body =
        [](const weft::Params&) {
          weft::Queue<std::string> q;
          q.put("first");
          q.put("second");
          q.put("third");
          weft::print(q.get());
          weft::print(q.get());
          weft::print(q.get());
        },
});
