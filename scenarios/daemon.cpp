// Seed section 五 (守护线程): what can this program print?
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

WEFT_SCENARIO({
    .name = "daemon",
    .summary = "the daemon-thread output question: every possible output",
    .description =
        "Seed section 5 asks which outputs this program can have, and why. t1 is a daemon thread "
        "that prints 123, sleeps 1 s and prints end123; t2 is an ordinary thread that prints 456, "
        "sleeps 3 s and prints end456; the main thread starts both and prints main-------. The "
        "three first lines come in any order, since the threads run while main prints. The "
        "program does not end when main's body does: it waits for the non-daemon t2, which "
        "sleeps longer than the daemon t1, so end123 always appears before end456. The tutorial "
        "names one order; weft lists all six.",
    .body =
        [](const weft::Params&) {
          weft::Thread t1([] {
            weft::print(123);
            weft::sleep(1);
            weft::print("end123");
          });
          weft::Thread t2([] {
            weft::print(456);
            weft::sleep(3);
            weft::print("end456");
          });
          t1.set_daemon(true);
          t1.start();
          t2.start();
          weft::print("main-------");
        },
});
