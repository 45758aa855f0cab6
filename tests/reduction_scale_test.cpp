// The reduced search's own state grows with one execution's events, not with the square of its
// thread count: the states its branching points save pay for their size in events
// (checker/dpor_saved.hpp). Time is measured in bench/scale_bench.cpp, not here.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "checker/dpor.hpp"
#include "primitives/weft.hpp"
#include "sim/runtime.hpp"

namespace {

// gil_counter's body: each thread reads n, sleeps, writes n - 1; main joins them all.
void counter_threads(int threads) {
  weft::Shared<long long> n(threads, "n");
  std::vector<std::unique_ptr<weft::Thread>> ts;
  for (int i = 0; i < threads; ++i) {
    ts.push_back(std::make_unique<weft::Thread>([n] {
      const long long temp = n.load();
      weft::sleep(0.1);
      n.store(temp - 1);
    }));
    ts.back()->start();
  }
  for (const auto& t : ts) t->join();
}

}  // namespace

TEST_CASE("the states a reduced execution saves are bounded by its events, not its threads",
          "[reduction]") {
  // Each saved state holds a clock per thread as wide as the thread count: with 300 threads
  // about 300 * 300 words. Saved every four events, the stack held thousands of words per event;
  // each state now waits for size / kWordsPerEvent events since the last one.
  weft::sim::Runtime rt;
  weft::checker::DporStrategy dpor;
  weft::sim::ExecutionSetup setup;
  rt.execute([] { counter_threads(300); }, dpor, setup);
  // Each thread's start, read, sleep, write and end, and main's join of it: 6 events per
  // thread; then main's end. (Saved every four events, the stack held 152 million words.)
  REQUIRE(dpor.events() == 6 * 300 + 1);
  CHECK(dpor.saved_words() <= weft::checker::dpor::kWordsPerEvent * dpor.events());
}
