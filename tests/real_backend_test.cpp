// What only the real-thread backend does: hang detection, scaled wall-clock time, threads that
// weft cannot stop, choose() from the seed. Behaviour both backends share is pinned in
// backends_*_test.cpp instead.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "primitives/weft.hpp"
#include "real/run.hpp"

using weft::real::RealOptions;
using weft::real::run_real;
using weft::sim::Status;

namespace {

// Short sleeps; a generous grace, since threads here unwind at once unless something is broken.
RealOptions fast(double timeout = 20) {
  RealOptions o;
  o.time_scale = 0.001;
  o.timeout = timeout;
  o.grace = 10;
  return o;
}

// Waits up to 10 real seconds for `flag`: for threads that outlive their run.
bool eventually(const std::atomic<bool>& flag) {
  for (int i = 0; i < 1000 && !flag; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return flag;
}

struct Counted {
  static inline std::atomic<int> alive{0};
  Counted() { ++alive; }
  Counted(const Counted&) { ++alive; }
  ~Counted() { --alive; }
};

}  // namespace

TEST_CASE("a deadlocked program is reported hung after the timeout, with its output so far",
          "[real][hang]") {
  Counted::alive = 0;
  auto o = run_real(
      [] {
        weft::Lock a("A");
        weft::Lock b("B");
        weft::Lock b_taken;
        weft::Thread t([a, b, b_taken] {
          Counted c;
          std::scoped_lock hold_b(b);
          weft::print("Thread-1 holds B");
          b_taken.release();
          a.acquire();
        });
        a.acquire();
        b_taken.acquire();
        t.start();
        b_taken.acquire();  // until Thread-1 holds B
        weft::eprint("MainThread wants B");
        b.acquire();
      },
      fast(0.5));
  CHECK(o.status == Status::Hung);
  CHECK(o.message == "after 0.5 s");
  CHECK(o.out == "Thread-1 holds B\n");
  CHECK(o.err == "MainThread wants B\n");
  CHECK(Counted::alive == 0);  // the blocked threads unwound at the end
}

TEST_CASE("virtual time is real time divided by the time scale", "[real][time]") {
  double slept = 0;
  auto o = run_real(
      [&slept] {
        const double before = weft::now();
        weft::sleep(20);  // 20 ms real
        slept = weft::now() - before;
      },
      fast());
  CHECK(o.status == Status::Ok);
  CHECK(slept >= 20);  // a sleep never ends early; how late it ends depends on the machine
}

TEST_CASE("threads busy in plain code are left running and do not crash weft",
          "[real][abandon]") {
  static std::atomic<bool> release{false};
  static std::atomic<bool> came_back{false};
  release = false;
  came_back = false;
  RealOptions opt = fast(0.3);
  opt.grace = 0.02;
  auto o = run_real(
      [] {
        weft::print("main spins");
        while (!release) {
        }  // no visible operation: weft cannot interrupt this
        weft::print("never printed");
        came_back = true;  // not reached: the print above abandons
      },
      opt);
  CHECK(o.status == Status::Hung);
  CHECK(o.out == "main spins\n");
  release = true;  // MainThread reaches its print, abandons, and leaves the leaked execution
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_FALSE(came_back);

  static std::atomic<bool> daemon_done{false};
  release = false;
  auto ok = run_real(
      [] {
        weft::Thread d([] {
          while (!release) {
          }
          daemon_done = true;  // plain code after program end still runs; output would not
        });
        d.set_daemon(true);
        d.start();
        weft::print("main ends");
      },
      opt);
  CHECK(ok.status == Status::Ok);
  CHECK(ok.out == "main ends\n");
  release = true;
  CHECK(eventually(daemon_done));
}

TEST_CASE("choose(n) draws from the seed: the same seed, the same choices", "[real][choose]") {
  const auto body = [] {
    for (int i = 0; i < 8; ++i) weft::write(std::to_string(weft::choose(10)));
  };
  RealOptions a = fast();
  a.seed = 7;
  const std::string first = run_real(body, a).out;
  CHECK(first.size() == 8);
  CHECK(run_real(body, a).out == first);
}

TEST_CASE("a failed check in MainThread ends the program although threads still run",
          "[real][check]") {
  auto o = run_real(
      [] {
        weft::Lock never;
        never.acquire();
        weft::Thread t([never] { never.acquire(); });  // non-daemon, blocked for ever
        t.start();
        weft::check(1 + 1 == 3, "arithmetic");
      },
      fast());
  CHECK(o.status == Status::Failure);
  CHECK(o.message == "arithmetic");
}

TEST_CASE("run_real rejects a time scale that is not positive", "[real][options]") {
  RealOptions o;
  o.time_scale = 0;
  CHECK_THROWS_AS(run_real([] {}, o), std::invalid_argument);
  o.time_scale = 1;
  o.timeout = -1;
  CHECK_THROWS_AS(run_real([] {}, o), std::invalid_argument);
}

TEST_CASE("weft primitives outside any execution say so", "[real][options]") {
  CHECK_THROWS_AS(weft::print("x"), weft::RuntimeError);
}
