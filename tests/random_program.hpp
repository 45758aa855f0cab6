// Small random concurrent programs, for differential tests of the search strategies: every
// strategy that claims completeness must find the same outcomes on them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace weft::test {

struct RandomProgram {
  // Each worker keeps one integer register, `reg`, that its steps read and change.
  enum class Op {
    Load,        // reg = v[target]
    Store,       // v[target] = reg + 1
    Print,       // print("w<i>", reg)
    Lock,        // locks[target].acquire() (well nested with Unlock)
    Unlock,      // locks[target].release()
    Sleep,       // sleep(target seconds)
    Yield,       // sleep(0)
    Choose,      // reg += choose(target)
    Set,         // event.set()
    Clear,       // event.clear()
    Wait,        // reg += event.wait(timeout)
    Acquire,     // reg += semaphore.acquire(timeout) (a permit taken is never given back)
    Release,     // semaphore.release()
    Put,         // queue.put_nowait(reg), reg += 10 on Full
    Get,         // reg += queue.get_nowait(), reg += 20 on Empty
    CondWait,    // with cond: reg += cond.wait(timeout)
    Notify,      // with cond: cond.notify()
    TryLock,     // if locks[target].acquire(timeout=1): reg += 1; release
    Check,       // check(reg != 2): a failure ends the execution
    Count,       // reg += active_count()
    Steal,       // locks[target].release() without holding it; reg += 5 on RuntimeError
  };
  struct Step {
    Op op;
    int target;  // variable or lock index, sleep length, choose's n, or a timeout code (see
                 // timeout_of)
  };
  struct Worker {
    bool daemon = false;
    std::vector<Step> steps;
  };
  // What main does after starting the workers.
  enum class Main { Exit, Join, TimedJoin };

  std::vector<Worker> workers;
  int variables = 2;
  int locks = 2;
  int permits = 0;  // the semaphore's initial value
  Main main = Main::Exit;  // Join: joins every non-daemon worker then prints v[0];
                           // TimedJoin: join(1) on every worker then prints v[0]
  // Each worker started this many times. With more than one, the copies of a worker are
  // interchangeable (Thread::interchangeable, a key per worker) and print their own name instead
  // of "w<i>"; main then only starts them, unless `copies_joined`.
  int copies = 1;
  // With copies and main Join: main joins every copy of every non-daemon worker, one join after
  // another, then prints v[0] (the tutorial's `for t in threads: t.join()`, the one way a class
  // may be joined; with a daemon worker, whose copies are not joined, the search drops symmetry).
  bool copies_joined = false;
  // With copies: whether each prints its own name; if not, "w<i>" as a single worker does, which
  // a renaming of the copies leaves as it is (so a listing of outputs may use symmetry).
  bool copies_print_names = true;

  // A program drawn from `seed`: 2–3 workers of 1–3 steps, few enough visible operations in all
  // that the search without reduction ends quickly; locks well nested (but for Steal). One in
  // six is a rendezvous instead: a condition wait or event wait against a notify or set (and, for
  // the event, maybe a third worker of one step).
  static RandomProgram generate(std::uint32_t seed);
  // Runs the program (as a scenario body, on the calling thread's backend).
  void run() const;
  std::string describe() const;
  // Timeout codes: 0 → no timeout, 1 → 0 s, 2 → 1 s.
  static double timeout_of(int code) { return code == 0 ? -1.0 : code == 1 ? 0.0 : 1.0; }
};

// How many random programs a differential test compares: `full`, or fewer when the environment
// variable WEFT_RANDOM_PROGRAMS asks for fewer (the sanitizer builds do, scripts/sanitize.sh: each
// program runs many times slower there, and its code paths are the same for the first 200 as for
// the thousand the Release build compares).
int programs_to_compare(int full);

}  // namespace weft::test
