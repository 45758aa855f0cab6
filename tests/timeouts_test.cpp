// Bad sleep lengths and timeouts do what CPython 3.11 does with them, on both backends: NaN is a
// ValueError where Python converts the time (sleep, Lock.acquire, join) and otherwise follows
// Python's arithmetic (no wait for Event.wait, Condition.wait and Timer; no end for loops that
// re-check the time left); a wait too long for virtual time is an OverflowError where it would
// begin (CPython's conversion says "timestamp out of range for platform time_t"; weft uses its
// lock's wording, "timeout value is too large", and "sleep length is too large" for sleep).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "backends.hpp"
#include "primitives/weft.hpp"
#include "support.hpp"

using weft::sim::Status;
using weft::test::Backend;
using weft::test::run_on;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Prints `what`, then what f returned or the Python error it raised.
template <class F>
void attempt(const char* what, F&& f) {
  try {
    weft::print(what, f());
  } catch (const weft::Error& e) {
    weft::print(what, std::string(e.type()) + ": " + e.what());
  }
}

}  // namespace

TEST_CASE("sleep: negative and NaN lengths are ValueErrors, one past virtual time an OverflowError",
          "[backends][time][timeouts]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  const auto o = run_on(b, [] {
    attempt("-1", [] { return weft::sleep(-1), "slept"; });
    attempt("nan", [] { return weft::sleep(kNaN), "slept"; });
    attempt("1e300", [] { return weft::sleep(1e300), "slept"; });
    attempt("inf", [] { return weft::sleep(kInf), "slept"; });
    attempt("0", [] { return weft::sleep(0), "slept"; });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "-1 ValueError: sleep length must be non-negative\n"
        "nan ValueError: Invalid value NaN (not a number)\n"
        "1e300 OverflowError: sleep length is too large\n"
        "inf OverflowError: sleep length is too large\n"
        "0 slept\n");
  CHECK(o.err.empty());
}

TEST_CASE("sleep: an uncaught bad length is reported as the thread's exception, not a deadlock",
          "[sim][time][timeouts]") {
  const auto o = weft::test::run_once([] { weft::sleep(1e300); });
  CHECK(o.status == Status::Ok);
  CHECK(o.err == "Exception in thread MainThread: OverflowError: sleep length is too large\n");
  CHECK(o.end_time == 0);
}

// One thread, so nothing depends on the interleaving. Each line is what Python 3.11 prints for
// the same call (probed with CPython; its overflow message aside, see the top of the file).
TEST_CASE("timeouts: NaN, negative and too large ones as Python treats them",
          "[backends][timeouts]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  const auto o = run_on(b, [] {
    weft::Lock lock;
    attempt("lock nan", [&] { return lock.acquire(true, kNaN); });
    attempt("lock 1e300", [&] { return lock.acquire(true, 1e300); });
    attempt("lock -0.5", [&] { return lock.acquire(true, -0.5); });
    attempt("lock -1", [&] { return lock.acquire(true, -1); });      // no timeout: taken
    attempt("lock held inf", [&] { return lock.acquire(true, kInf); });
    attempt("lock held 0", [&] { return lock.acquire(true, 0); });
    weft::Semaphore empty(0), one(1);
    attempt("semaphore 1e300", [&] { return empty.acquire(true, 1e300); });
    attempt("semaphore permit 1e300", [&] { return one.acquire(true, 1e300); });
    attempt("semaphore nonblocking nan", [&] { return empty.acquire(false, kNaN); });
    weft::Event e;
    attempt("event nan", [&] { return e.wait(kNaN); });  // does not wait
    attempt("event 1e300", [&] { return e.wait(1e300); });
    e.set();
    attempt("event set 1e300", [&] { return e.wait(1e300); });
    weft::Condition c;
    c.acquire();
    attempt("condition nan", [&] { return c.wait(kNaN); });  // does not wait
    attempt("condition 1e300", [&] { return c.wait(1e300); });
    attempt("condition still held", [&] { return c.notify(), "notified"; });
    attempt("wait_for true 1e300", [&] { return c.wait_for([] { return true; }, 1e300); });
    attempt("wait_for false 1e300", [&] { return c.wait_for([] { return false; }, 1e300); });
    c.release();
    weft::Queue<int> q(1);
    attempt("get 1e300", [&] { return q.get(true, 1e300); });
    q.put(7);
    attempt("put full inf", [&] { return q.put(8, true, kInf), 0; });
    attempt("get item 1e300", [&] { return q.get(true, 1e300); });
    attempt("put room nan", [&] { return q.put(9, true, kNaN), 0; });
    weft::Barrier two(2), single(1);
    attempt("barrier 1e300", [&] { return two.wait(1e300); });
    attempt("barrier left", [&] { return two.n_waiting(); });
    attempt("barrier broken", [&] { return two.broken(); });
    attempt("barrier last 1e300", [&] { return single.wait(1e300); });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "lock nan ValueError: Invalid value NaN (not a number)\n"
        "lock 1e300 OverflowError: timeout value is too large\n"
        "lock -0.5 ValueError: timeout value must be positive\n"
        "lock -1 True\n"
        "lock held inf OverflowError: timeout value is too large\n"
        "lock held 0 False\n"
        "semaphore 1e300 OverflowError: timeout value is too large\n"
        "semaphore permit 1e300 True\n"
        "semaphore nonblocking nan ValueError: can't specify timeout for non-blocking acquire\n"
        "event nan False\n"
        "event 1e300 OverflowError: timeout value is too large\n"
        "event set 1e300 True\n"
        "condition nan False\n"
        "condition 1e300 OverflowError: timeout value is too large\n"
        "condition still held notified\n"
        "wait_for true 1e300 True\n"
        "wait_for false 1e300 OverflowError: timeout value is too large\n"
        "get 1e300 OverflowError: timeout value is too large\n"
        "put full inf OverflowError: timeout value is too large\n"
        "get item 1e300 7\n"
        "put room nan 0\n"
        "barrier 1e300 OverflowError: timeout value is too large\n"
        "barrier left 0\n"
        "barrier broken False\n"
        "barrier last 1e300 0\n");
  CHECK(o.err.empty());
}

TEST_CASE("join: NaN is a ValueError; too large an OverflowError unless the thread has ended",
          "[backends][timeouts][thread]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  const auto o = run_on(b, [] {
    weft::Event go;
    weft::Thread t([go] { go.wait(); });
    t.start();
    attempt("nan", [&] { return t.join(kNaN), "joined"; });
    attempt("running 1e300", [&] { return t.join(1e300), "joined"; });
    go.set();
    t.join();
    attempt("ended 1e300", [&] { return t.join(1e300), "joined"; });
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out ==
        "nan ValueError: Invalid value NaN (not a number)\n"
        "running 1e300 OverflowError: timeout value is too large\n"
        "ended 1e300 joined\n");
}

// Python's Timer waits on its event with the interval: negative or NaN, the function runs at once;
// too large, the timer thread dies of OverflowError. Each timer is joined before the next starts.
TEST_CASE("Timer: a negative or NaN interval fires at once, one too large kills its thread",
          "[backends][timeouts][timer]") {
  const Backend b = GENERATE(Backend::Sim, Backend::Real);
  CAPTURE(b);
  const auto o = run_on(b, [] {
    for (double interval : {-1.0, kNaN, 1e300}) {
      weft::Timer t(interval, [] { weft::print("fired"); });
      t.start();
      t.join();
    }
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "fired\nfired\n");
  CHECK(o.err == "Exception in thread Thread-3: OverflowError: timeout value is too large\n");
}

// Where Python loops on `end - now <= 0`, a NaN timeout never ends the wait: each of these waits
// until main provides at 1 s, and returns what a wait with no timeout returns.
TEST_CASE("timeouts: a NaN timeout in a re-checking loop means no timeout", "[sim][timeouts]") {
  const auto o = weft::test::run_once([] {
    weft::Semaphore s(0);
    weft::Queue<int> q(1);
    weft::Condition c;
    weft::Barrier b(2);
    weft::Shared<int> ready(0);
    weft::Thread t([&] {
      // (Each result is taken before now() is read: a call's arguments have no order.)
      const bool acquired = s.acquire(true, kNaN);
      weft::print("semaphore", acquired, weft::now());
      const int got = q.get(true, kNaN);
      weft::print("get", got, weft::now());
      c.acquire();
      const bool woken = c.wait_for([&] { return ready.load() == 1; }, kNaN);
      weft::print("wait_for", woken, weft::now());
      c.release();
      b.wait(kNaN);
      weft::print("barrier", weft::now());
    });
    t.start();
    weft::sleep(1);
    s.release();
    q.put(5);
    {
      std::scoped_lock g(c);
      ready.store(1);
      c.notify();
    }
    b.wait();
    t.join();
  });
  CHECK(o.status == Status::Ok);
  CHECK(o.out == "semaphore True 1.0\nget 5 1.0\nwait_for True 1.0\nbarrier 1.0\n");
}
