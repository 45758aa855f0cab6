// Lock, RLock and Shared<T> behave the same on the simulator and on real threads: each test body
// runs on both backends. Where two threads meet, one holds a lock the other needs for as long as
// the test looks, so nothing depends on the interleaving.
#include <catch2/catch.hpp>

#include "backends.hpp"
#include "primitives/weft.hpp"

using weft::sim::Status;
using weft::test::Backend;
using weft::test::print_error;
using weft::test::run_on;

namespace {

// Runs f on a new thread and waits for it.
template <class F>
void on_other_thread(F f) {
  weft::Thread t(std::move(f));
  t.start();
  t.join();
}

}  // namespace

TEST_CASE("Lock: acquire, release, locked; releasing an unlocked lock raises",
          "[backends][lock]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Lock l;
    const bool before = l.locked();
    const bool acquired = l.acquire();  // one call per statement: C++ leaves the order of
    weft::print(before, acquired, l.locked());  // function arguments unspecified
    l.release();
    weft::print(l.locked());
    print_error([&] { l.release(); });
    print_error([&] { l.acquire(false, 1); });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "False True True\n"
        "False\n"
        "RuntimeError: release unlocked lock\n"
        "ValueError: can't specify a timeout for a non-blocking call\n");
}

TEST_CASE("Lock: a held lock is not acquired without blocking, nor within a timeout",
          "[backends][lock]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Lock l;
    l.acquire();
    on_other_thread([l] {
      weft::print("non-blocking:", l.acquire(false));
      weft::print("timeout:", l.acquire(true, 0.5));
      l.release();  // any thread may release a Lock
    });
    const bool still_locked = l.locked();
    weft::print("released by the other thread:", still_locked, l.acquire(false));
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "non-blocking: False\n"
        "timeout: False\n"
        "released by the other thread: False True\n");
}

TEST_CASE("RLock: its owner acquires again; others wait until every acquire is released",
          "[backends][rlock]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::RLock r;
    const bool first = r.acquire();
    const bool second = r.acquire();
    weft::print(first, second, r.acquire(false));
    on_other_thread([r] { weft::print("other, held 3 times:", r.acquire(false)); });
    r.release();
    r.release();
    on_other_thread([r] { weft::print("other, held once:", r.acquire(true, 0.5)); });
    r.release();
    on_other_thread([r] {
      weft::print("other, free:", r.acquire(false));
      r.release();
    });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "True True True\n"
        "other, held 3 times: False\n"
        "other, held once: False\n"
        "other, free: True\n");
}

TEST_CASE("RLock: only its owner may release it", "[backends][rlock]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::RLock r;
    print_error([&] { r.release(); });
    r.acquire();
    on_other_thread([r] { print_error([&] { r.release(); }); });
    r.release();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "RuntimeError: cannot release un-acquired lock\n"
        "RuntimeError: cannot release un-acquired lock\n");
}

TEST_CASE("Shared<T>: updates under a Lock, and update() alone, lose nothing",
          "[backends][shared]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  auto o = run_on(b, [] {
    weft::Shared<int> locked_count(0);
    weft::Shared<std::vector<int>> items;
    weft::Lock l;
    std::vector<std::shared_ptr<weft::Thread>> threads;
    for (int i = 0; i < 3; ++i) {
      threads.push_back(std::make_shared<weft::Thread>([=] {
        for (int k = 0; k < 50; ++k) {
          std::scoped_lock guard(l);
          locked_count.store(locked_count.load() + 1);  // a read then a write, made atomic
          items.update([&](std::vector<int>& v) { v.push_back(i); });
        }
      }));
    }
    for (auto& t : threads) t->start();
    for (auto& t : threads) t->join();
    const int count = locked_count.load();
    weft::print(count, items.read([](const std::vector<int>& v) { return v.size(); }));
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "150 150\n");
}
