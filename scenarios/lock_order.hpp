// The seed's MyThread of section 七, shared by `deadlock` (two Locks) and `rlock` (one RLock
// under both names): func1 takes A then B, func2 takes B, sleeps 2 s, then takes A.
#pragma once

#include <cstdint>
#include <memory>

#include "primitives/weft.hpp"

namespace weft::scenarios {

template <class L>
class MyThread : public Thread {
 public:
  MyThread(L mutex_a, L mutex_b) : mutex_a_(std::move(mutex_a)), mutex_b_(std::move(mutex_b)) {
    // Instances differ only by their name, which they print, and nobody joins one: they are
    // interchangeable, and what tells two apart is which locks they take.
    const auto a = reinterpret_cast<std::uintptr_t>(mutex_a_.state().get());
    const auto b = reinterpret_cast<std::uintptr_t>(mutex_b_.state().get());
    interchangeable(a * 0x9e3779b97f4a7c15ULL ^ b);
  }

 protected:
  void run() override {
    func1();
    func2();
  }

 private:
  void func1() {
    mutex_a_.acquire();
    print("\033[41m" + name() + " 拿到A锁\033[0m");

    mutex_b_.acquire();
    print("\033[42m" + name() + " 拿到B锁\033[0m");
    mutex_b_.release();

    mutex_a_.release();
  }

  void func2() {
    mutex_b_.acquire();
    print("\033[43m" + name() + " 拿到B锁\033[0m");
    sleep(2);

    mutex_a_.acquire();
    print("\033[44m" + name() + " 拿到A锁\033[0m");
    mutex_a_.release();

    mutex_b_.release();
  }

  L mutex_a_;
  L mutex_b_;
};

// for i in range(threads): t = MyThread(); t.start()
template <class L>
void start_my_threads(std::int64_t threads, const L& mutex_a, const L& mutex_b) {
  for (std::int64_t i = 0; i < threads; ++i) {
    auto t = std::make_shared<MyThread<L>>(mutex_a, mutex_b);
    t->start();
  }
}

}  // namespace weft::scenarios
