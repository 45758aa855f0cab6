// Seed section 六 (GIL与lock): why a Lock is needed although CPython has a GIL.
#include <memory>
#include <vector>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// The tutorial's threads are Thread(target=...) threads, one function for all of them, joined
// by main in one loop. The port declares them interchangeable (Thread::interchangeable; one key:
// every worker runs the same task on the same counter and lock), which the program allows: main starts them all, then joins them
// all, one join after another (docs/state-caching.md, "Symmetry", promise 3). Nothing of what
// they do changes: the declaration lets state caching explore one thread of each orbit.
class Worker : public weft::Thread {
 public:
  template <class F>
  explicit Worker(F target) : Thread(std::move(target)) {
    interchangeable(0x67696c5f636f756eULL);
  }
};

}  // namespace

WEFT_SCENARIO({
    .name = "gil_counter",
    .summary = "lost updates without a Lock, none with it",
    .description =
        "Seed section 6 asks why a Lock is needed when the GIL already lets one thread run at a "
        "time. The classic program behind the question: n starts equal to the number of "
        "threads; each thread does temp = n; time.sleep(0.1); n = temp - 1 (inside `with mutex:` "
        "when lock=true); main joins them all and prints n. The GIL makes each step atomic but "
        "does not keep the three steps together: without the lock every thread reads n before "
        "any writes it, so the last line is always threads-1 (all updates but one lost), after "
        "0.1 s. With the lock the threads take turns and the last line is 0, after threads x "
        "0.1 s.",
    .params = {{.name = "threads",
                .default_value = "100",
                .help = "number of threads",
                .min = 1,
                .threads_each = 1},
               {.name = "lock",
                .type = weft::ParamSpec::Type::Bool,
                .default_value = "false",
                .help = "hold a Lock around each update"}},
    .body =
        [](const weft::Params& p) {
          const auto threads = p.get_int("threads");
          const bool use_lock = p.get_bool("lock");
          weft::Shared<long long> n(threads, "n");
          weft::Lock mutex("mutex");
          auto task = [n, mutex, use_lock] {
            if (use_lock) mutex.acquire();
            const long long temp = n.load();
            weft::sleep(0.1);
            n.store(temp - 1);
            if (use_lock) mutex.release();
          };
          std::vector<std::unique_ptr<Worker>> t_l;
          for (long long i = 0; i < threads; ++i) {
            t_l.push_back(std::make_unique<Worker>(task));
            t_l.back()->start();
          }
          for (const auto& t : t_l) t->join();
          weft::print(n.load());
        },
});
