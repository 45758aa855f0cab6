// The models the benchmarks measure, shared with the tests that pin their execution counts.
#pragma once

#include <deque>

#include "primitives/weft.hpp"

namespace weft::bench {

// N threads each doing K times: lock, read, write + 1, unlock; main joins them and checks the
// total. The classic lock-counter model other checkers are measured on.
inline void lock_counter(int n, int k) {
  weft::Lock lock("lock");
  weft::Shared<int> counter(0, "counter");
  std::deque<weft::Thread> threads;  // a deque never moves its elements (a Thread cannot move)
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([lock, counter, k] {
      for (int j = 0; j < k; ++j) {
        lock.acquire();
        const int v = counter.load();
        counter.store(v + 1);
        lock.release();
      }
    });
    threads.back().start();
  }
  for (auto& t : threads) t.join();
  weft::check(counter.load() == n * k, "lost update");
}

}  // namespace weft::bench
