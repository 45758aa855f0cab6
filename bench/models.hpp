// The models the benchmarks measure, shared with the tests that pin their execution counts.
#pragma once

#include "primitives/weft.hpp"

namespace weft::bench {

// N threads each doing K times: lock, read, write + 1, unlock; main joins them and checks the
// total. The classic lock-counter model other checkers are measured on.
inline void lock_counter(int n, int k) {
  weft::Lock lock("lock");
  weft::Shared<int> counter(0, "counter");
  std::vector<std::shared_ptr<weft::Thread>> threads;
  for (int i = 0; i < n; ++i) {
    auto t = std::make_shared<weft::Thread>([lock, counter, k] {
      for (int j = 0; j < k; ++j) {
        lock.acquire();
        const int v = counter.load();
        counter.store(v + 1);
        lock.release();
      }
    });
    t->start();
    threads.push_back(t);
  }
  for (auto& t : threads) t->join();
  weft::check(counter.load() == n * k, "lost update");
}

}  // namespace weft::bench
