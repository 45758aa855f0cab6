// Seed section 七 1 (死锁的现象): two threads take two Locks in opposite orders.
#include "primitives/weft.hpp"
#include "scenarios/lock_order.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "deadlock",
    .summary = "the lock-order deadlock, found and explained",
    .description =
        "Seed section 7.1: each MyThread runs func1 (acquire mutexA, then mutexB, print after "
        "each, release both) and then func2 (acquire mutexB, print, sleep 2 s, acquire mutexA, "
        "print, release both); main starts `threads` of them. The seed shows Thread-1 getting A, "
        "B, then B again and sleeping while holding B, when Thread-2 gets A in func1 and then "
        "waits for B: Thread-1 wakes and waits for A. Look for the deadlock outcomes: weft names "
        "each blocked thread, the lock it waits for (mutexA or mutexB) and the thread holding it. "
        "Schedules finish (ok) only when every thread has finished func1 before any takes mutexB "
        "in func2; for two threads or more the deadlock is always among the outcomes (for two: "
        "4 deadlocks and 4 ok outcomes).",
    .params = {{.name = "threads",
                .default_value = "10",
                .help = "number of MyThread threads",
                .min = 1,
                .threads_each = 1}},
    .expected_findings = {weft::Finding::Deadlock},
    .body =
        [](const weft::Params& p) {
          weft::Lock mutexA("mutexA");
          weft::Lock mutexB("mutexB");
          weft::scenarios::start_my_threads(p.get_int("threads"), mutexA, mutexB);
        },
});
