// The models the benchmarks measure, shared with the tests that pin their execution counts.
#pragma once

#include <array>
#include <optional>
#include <stdexcept>

#include "primitives/weft.hpp"

namespace weft::bench {

// N threads each doing K times: lock, read, write + 1, unlock; main joins them and checks the
// total. The classic lock-counter model other checkers are measured on. Up to kMaxThreads
// threads, kept in place (a Thread cannot move): the model allocates nothing of its own, so what
// an execution costs is weft's.
inline constexpr int kMaxThreads = 8;
inline void lock_counter(int n, int k) {
  if (n < 0 || n > kMaxThreads) throw std::invalid_argument("lock_counter: 0 to 8 threads");
  weft::Lock lock("lock");
  weft::Shared<int> counter(0, "counter");
  std::array<std::optional<weft::Thread>, kMaxThreads> threads;
  for (int i = 0; i < n; ++i) {
    threads[i].emplace([lock, counter, k] {
      for (int j = 0; j < k; ++j) {
        lock.acquire();
        const int v = counter.load();
        counter.store(v + 1);
        lock.release();
      }
    });
    threads[i]->start();
  }
  for (int i = 0; i < n; ++i) threads[i]->join();
  weft::check(counter.load() == n * k, "lost update");
}

}  // namespace weft::bench
