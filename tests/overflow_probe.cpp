// A scenario that recurses without end, run on the simulator: weft must say what happened
// instead of crashing silently (checked by CTest's PASS_REGULAR_EXPRESSION).
#include "checker/explore.hpp"
#include "primitives/weft.hpp"

namespace {
// Each frame keeps a buffer the optimiser cannot drop, and the call is not a tail call.
int recurse(int depth) {
  volatile char frame[256];
  frame[0] = static_cast<char>(depth);
  if (depth > 100000000) return depth;  // far beyond any fiber stack
  return recurse(depth + 1) + frame[0];
}
}  // namespace

int main() {
  weft::checker::Options opt;
  weft::checker::explore(
      [] {
        weft::Thread t([] { weft::print(recurse(0)); });
        t.start();
      },
      opt);
  return 0;
}
