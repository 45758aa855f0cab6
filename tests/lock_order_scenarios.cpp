// Programs whose lock orders make, or do not make, a cycle, with the weft command line: weft
// check's lock-order warnings on each (tests/cli_lock_order.cmake). They live here, not among the
// built-in scenarios, because `weft list` is for learning from the seed.
#include "cli/cli.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// Takes `first` then `second`, holding `gate` throughout when there is one, and says so.
void nested(const weft::Lock& first, const weft::Lock& second, const weft::Lock* gate,
            const char* what) {
  if (gate) gate->acquire();
  first.acquire();
  second.acquire();
  weft::print(what);
  second.release();
  first.release();
  if (gate) gate->release();
}

WEFT_SCENARIO({
    .name = "fixed_order",
    .summary = "two threads take lock A then lock B",
    .description = "One order between the two locks: no cycle, no deadlock.",
    .params = {},
    .body =
        [](const weft::Params&) {
          const weft::Lock a("A"), b("B");
          weft::Thread t1([=] { nested(a, b, nullptr, "A then B"); });
          weft::Thread t2([=] { nested(a, b, nullptr, "A then B"); });
          t1.start();
          t2.start();
        },
});

WEFT_SCENARIO({
    .name = "gated",
    .summary = "two threads take A and B in opposite orders, each holding lock G",
    .description = "A cycle between A and B that G serialises: never a deadlock.",
    .params = {},
    .body =
        [](const weft::Params&) {
          const weft::Lock g("G"), a("A"), b("B");
          weft::Thread t1([=] { nested(a, b, &g, "A then B"); });
          weft::Thread t2([=] { nested(b, a, &g, "B then A"); });
          t1.start();
          t2.start();
        },
});

WEFT_SCENARIO({
    .name = "joined_orders",
    .summary = "opposite orders in two threads, the second started after the first ended",
    .description = "A cycle between A and B with no gate, which no schedule reaches: main joins "
                   "the first thread before it starts the second.",
    .params = {},
    .body =
        [](const weft::Params&) {
          const weft::Lock a("A"), b("B");
          weft::Thread t1([=] { nested(a, b, nullptr, "A then B"); });
          weft::Thread t2([=] { nested(b, a, nullptr, "B then A"); });
          t1.start();
          t1.join();
          t2.start();
        },
});

}  // namespace

int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
