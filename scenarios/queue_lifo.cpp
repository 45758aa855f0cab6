// Seed section 九: queue.LifoQueue, last in, first out.
#include <string>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "queue_lifo",
    .summary = "queue.LifoQueue: last in, first out",
    .description =
        "Seed section 9, queue.LifoQueue (a stack): put 'first', 'second', 'third', then get "
        "and print three times. One thread, so one outcome: third, second, first.",
    .body =
        [](const weft::Params&) {
          weft::LifoQueue<std::string> q;
          q.put("first");
          q.put("second");
          q.put("third");
          weft::print(q.get());
          weft::print(q.get());
          weft::print(q.get());
        },
});
