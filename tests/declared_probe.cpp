// A weft command line whose scenarios declare findings (Scenario::expected_findings) that they
// do or do not show, for tests/cli_declared.cmake: `weft fuzz --all` must pass exactly the
// scenarios that behave as declared.
#include "cli/cli.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

// A Lock taken twice by the thread that holds it: a deadlock in every schedule.
WEFT_SCENARIO({
    .name = "as_declared",
    .summary = "declares a deadlock and deadlocks",
    .expected_findings = {weft::Finding::Deadlock},
    .body =
        [](const weft::Params&) {
          weft::Lock lock("lock");
          lock.acquire();
          lock.acquire();
        },
});

// Both threads take the locks in the same order: the deadlock it declares never happens.
WEFT_SCENARIO({
    .name = "promised_deadlock",
    .summary = "declares a deadlock that cannot happen",
    .expected_findings = {weft::Finding::Deadlock},
    .body =
        [](const weft::Params&) {
          weft::Lock a("a"), b("b");
          auto work = [a, b] {
            a.acquire();
            b.acquire();
            b.release();
            a.release();
          };
          weft::Thread t1(work), t2(work);
          t1.start(), t2.start();
          t1.join(), t2.join();
        },
});

// Fails a check at once: a failure, but not the livelock it declares.
WEFT_SCENARIO({
    .name = "other_failure",
    .summary = "declares a livelock and fails a check instead",
    .expected_findings = {weft::Finding::Livelock},
    .body = [](const weft::Params&) { weft::check(false, "never holds"); },
});

int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
