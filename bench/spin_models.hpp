// The two models weft is compared on with SPIN (bench/spin_compare.sh), written against weft's
// API as bench/lock_order.pml and bench/counter.pml are in Promela: the same threads, the same
// locks, the same waits. The workers declare themselves interchangeable (Thread::interchangeable):
// they run the same code on the same objects, nobody joins them, and none reads its own name.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "primitives/weft.hpp"

namespace weft::bench {

// The key of a class of workers: the objects they share, which is all that could tell two
// kinds of worker apart.
inline std::uint64_t key_of(std::initializer_list<const void*> objects) {
  std::uint64_t key = 0x5350494eULL;
  for (const void* o : objects)
    key = (key ^ reinterpret_cast<std::uintptr_t>(o)) * 0x9e3779b97f4a7c15ULL;
  return key;
}

// lock_order.pml's P: lock A, lock B, unlock B, unlock A, twice.
class LockOrderWorker : public Thread {
 public:
  LockOrderWorker(Lock a, Lock b) : a_(std::move(a)), b_(std::move(b)) {
    interchangeable(key_of({a_.state().get(), b_.state().get()}));
  }

 protected:
  void run() override {
    for (int k = 0; k < 2; ++k) {
      a_.acquire();
      b_.acquire();
      b_.release();
      a_.release();
    }
  }

 private:
  Lock a_, b_;
};

// "lock-order fixed": main starts n workers and ends; the threads go on.
inline void spin_lock_order(int n) {
  if (n < 0 || n > 64) throw std::invalid_argument("spin_lock_order: 0 to 64 threads");
  Lock a("A"), b("B");
  for (int i = 0; i < n; ++i) std::make_shared<LockOrderWorker>(a, b)->start();
}

// counter.pml's P: k times lock, read, write + 1, unlock; then tells main it is done (unless main
// joins it instead: `tells` false).
class CounterWorker : public Thread {
 public:
  CounterWorker(Lock lock, Shared<int> counter, Semaphore done, int k, bool tells = true)
      : lock_(std::move(lock)),
        counter_(std::move(counter)),
        done_(std::move(done)),
        k_(k),
        tells_(tells) {
    // The counter goes with its lock (Shared<T> shows no identity of its own).
    interchangeable(key_of({lock_.state().get(), done_.state().get(),
                            reinterpret_cast<const void*>(static_cast<std::uintptr_t>(k))}));
  }

 protected:
  // Promela's state vector holds P's locals i and v; weft sees no C++ local, so the loop says
  // what it keeps (weft::local_state): its count at the top of each round, nothing once done —
  // v, loaded and stored within the round, is dead there, as SPIN's dead-variable reduction
  // finds it.
  void run() override {
    for (int j = 0; j < k_; ++j) {
      local_state("counter round", {j});
      lock_.acquire();
      const int v = counter_.load();
      counter_.store(v + 1);
      lock_.release();
    }
    local_state("counter done");
    if (tells_) done_.release();
  }

 private:
  Lock lock_;
  Shared<int> counter_;
  Semaphore done_;
  int k_;
  bool tells_;
};

// "counter": main starts n workers, waits until all are done (counter.pml's init waits for
// done == N), then checks the total. With `joins`, main waits by joining every worker, one join
// after another, as a Python program would: the one way a class of interchangeable threads may
// be joined (docs/state-caching.md, "Symmetry" a.).
inline void spin_counter(int n, int k, bool joins = false) {
  if (n < 0 || n > 64) throw std::invalid_argument("spin_counter: 0 to 64 threads");
  Lock lock("lock");
  Shared<int> counter(0, "counter");
  Semaphore done(0, "done");
  std::vector<std::shared_ptr<CounterWorker>> workers;
  for (int i = 0; i < n; ++i) {
    workers.push_back(std::make_shared<CounterWorker>(lock, counter, done, k, !joins));
    workers.back()->start();
  }
  for (int i = 0; i < n; ++i) {
    if (joins) {
      workers[static_cast<std::size_t>(i)]->join();
    } else {
      done.acquire();
    }
  }
  check(counter.load() == n * k, "lost update");
}

}  // namespace weft::bench
