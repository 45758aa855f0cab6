// Scenarios whose user code takes a process down or never comes back to weft, with the weft
// command line: the searches must report each as a finding with a trace (tests/cli_hostile.cmake).
// They live here, not among the built-in scenarios, because `weft list` is for learning.
//
// Each starts two threads: `a` stores 1 into x, `b` reads x and does harm when it reads 0. The
// first schedule a search takes runs the threads in creation order (b reads 1 and prints it:
// ok); a later one runs b's load first: the harm. So every exhaustive search has an outcome
// before the harm.
#include <cstdlib>

#include "cli/cli.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

void loop_forever() {
  for (volatile bool on = true; on;) {
  }
}
// Uninstrumented by UndefinedBehaviorSanitizer (the sanitizer builds), which would report the
// store and exit instead of letting it fault.
__attribute__((no_sanitize("undefined"))) void write_null() {
  *static_cast<volatile int*>(nullptr) = 1;
}
int recurse(int depth) {
  volatile char frame[256];
  frame[0] = static_cast<char>(depth);
  if (depth > 100000000) return depth;  // far beyond any fiber stack
  return recurse(depth + 1) + frame[0];  // not a tail call: the frame is read after
}
void overflow() { weft::print(recurse(0)); }

void harm_when_b_reads_zero(void (*harm)()) {
  weft::Shared<int> x(0, "x");
  weft::Thread a([x]() mutable { x.store(1); });
  weft::Thread b([x, harm]() mutable {
    const int v = x.load();
    if (v == 0) {
      weft::print("b read 0, now the harm");
      harm();
    }
    weft::print("b read", v);
  });
  a.start();
  b.start();
  a.join();
  b.join();
}

WEFT_SCENARIO({
    .name = "loops_forever",
    .summary = "a thread loops without a weft call when it reads 0",
    .description = "A runaway: no visible operation ever again.",
    .params = {},
    .body = [](const weft::Params&) { harm_when_b_reads_zero(&loop_forever); },
});

WEFT_SCENARIO({
    .name = "calls_abort",
    .summary = "a thread calls abort() when it reads 0",
    .description = "SIGABRT.",
    .params = {},
    .body = [](const weft::Params&) { harm_when_b_reads_zero([] { std::abort(); }); },
});

WEFT_SCENARIO({
    .name = "writes_null",
    .summary = "a thread writes through a null pointer when it reads 0",
    .description = "SIGSEGV.",
    .params = {},
    .body = [](const weft::Params&) { harm_when_b_reads_zero(&write_null); },
});

WEFT_SCENARIO({
    .name = "recurses_forever",
    .summary = "a thread recurses without end when it reads 0",
    .description = "A stack overflow: SIGSEGV on the fiber stack's guard page.",
    .params = {},
    .body = [](const weft::Params&) { harm_when_b_reads_zero(&overflow); },
});

}  // namespace

int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
