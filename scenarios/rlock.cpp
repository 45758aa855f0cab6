// Seed section 七 2 (递归锁): the deadlock program with one RLock under both names.
#include "primitives/weft.hpp"
#include "scenarios/lock_order.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "rlock",
    .summary = "the same program with one RLock: never deadlocks",
    .description =
        "Seed section 7.2: the deadlock program with mutexA = mutexB = RLock(), one reentrant "
        "lock under both names. A thread that holds it may acquire it again (its counter goes "
        "up), and other threads wait until every acquire has been released, so func1 and func2 "
        "each run whole and no lock-order cycle can form. Look for every outcome being ok: "
        "never a deadlock; func1's two lines stay together, and so do func2's (it sleeps holding "
        "the lock), in any order of the threads. The seed's listing indents the main block into "
        "the class body and leaves `t.start()` outside the loop, so as written it would not run "
        "and at best would start only the last thread; weft ports what it clearly means: each "
        "thread is started inside the loop, as in section 7.1.",
    .params = {{.name = "threads",
                .default_value = "10",
                .help = "number of MyThread threads",
                .min = 1,
                .threads_each = 1}},
    .body =
        [](const weft::Params& p) {
          weft::RLock mutex("mutexA=mutexB");
          weft::scenarios::start_my_threads(p.get_int("threads"), mutex, mutex);
        },
});
