// Seed section 八 1 (信号量): at most `permits` threads inside at once.
#include <cstdint>
#include <utility>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// Thread(target=func) that says what the program already makes true: the threads run one
// function on one semaphore, and nobody keeps, joins or asks about one once started, so they are
// interchangeable (Thread::interchangeable; the key names the semaphore). Nothing of what they
// do changes: the declaration lets the state caching search and the output count explore one
// thread of each orbit (docs/state-caching.md, "Symmetry").
class User : public weft::Thread {
 public:
  template <class F>
  User(F target, const weft::Semaphore& sm) : Thread(std::move(target)) {
    interchangeable(reinterpret_cast<std::uintptr_t>(sm.state().get()) * 0x9e3779b97f4a7c15ULL);
  }
};

}  // namespace

WEFT_SCENARIO({
    .name = "semaphore",
    .summary = "at most 5 holders at once",
    .description =
        "Seed section 8.1: sm = Semaphore(5) is a car park with five places; 23 threads each "
        "acquire it, print '<name> get sm' with current_thread().getName(), sleep 3 s and "
        "release. Look at the waves: five lines at t=0, the next five once those five have "
        "released at t=3, and so on (23 threads end at t=15). Which threads make up each wave is "
        "a race: any thread still waiting may get a released permit, so the names come in many "
        "orders, but never more than `permits` threads between acquire and release.",
    .params = {{.name = "threads",
                .default_value = "23",
                .help = "number of threads",
                .min = 1,
                .threads_each = 1},
               // Python refuses a negative value; the counter is an int.
               {.name = "permits",
                .default_value = "5",
                .help = "the semaphore's initial value",
                .min = 0,
                .max = 2147483647}},
    .body =
        [](const weft::Params& p) {
          weft::Semaphore sm(static_cast<int>(p.get_int("permits")), "sm");
          auto func = [sm] {
            sm.acquire();
            weft::print(weft::current_thread().name() + " get sm");
            weft::sleep(3);
            sm.release();
          };
          for (std::int64_t i = 0; i < p.get_int("threads"); ++i) {
            User t(func, sm);
            t.start();
          }
        },
});
