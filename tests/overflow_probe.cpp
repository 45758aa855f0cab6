// A scenario that recurses without end, run on the simulator: weft must say what happened
// instead of crashing silently (checked by CTest's PASS_REGULAR_EXPRESSION).
//   weft_overflow_probe                 the overflow in a search on the main thread
//   weft_overflow_probe another-thread  a search on an OS thread that then ends, and the overflow
//                                       in a search on a second OS thread (each thread that runs
//                                       fibers needs a signal stack of its own, and the first
//                                       one's must go cleanly when that thread ends)
#include <cstring>
#include <thread>

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

void overflow() {
  weft::checker::explore(
      [] {
        weft::Thread t([] { weft::print(recurse(0)); });
        t.start();
      },
      weft::checker::Options{});
}
}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "another-thread") == 0) {
    std::thread([] {
      weft::checker::explore(
          [] {
            weft::Thread t([] { weft::print("fine"); });
            t.start();
          },
          weft::checker::Options{});
    }).join();
    std::thread(overflow).join();
  } else {
    overflow();
  }
  return 0;
}
