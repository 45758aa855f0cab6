// Seed section 四: the Thread object's name and liveness, and threading's module functions.
#include <string>
#include <vector>

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

// Python's repr of a list of str: ['MainThread', 'worker'].
std::string names_of(const std::vector<weft::ThreadRef>& threads) {
  std::string out = "[";
  for (std::size_t i = 0; i < threads.size(); ++i)
    out += (i ? ", '" : "'") + threads[i].name() + "'";
  return out + "]";
}

void work() {
  weft::print(weft::current_thread().name() + " 正在运行");
  weft::sleep(1);
  weft::print(weft::current_thread().name() + " 运行结束");
}

}  // namespace

WEFT_SCENARIO({
    .name = "thread_info",
    .summary = "names, is_alive, current_thread, enumerate, active_count",
    .description =
        "Seed section 4 lists the Thread methods and module functions without a program; this "
        "one exercises them: main creates a worker (default name Thread-1) and prints its name "
        "and is_alive() (False), renames it 'worker', starts it, prints its name and is_alive() "
        "again, current_thread().name, the names in enumerate() and active_count(), joins it and "
        "prints the last three again. The worker prints its own name (current_thread().name), "
        "sleeps 1 s and prints it again. Look at where the worker's first line can fall among "
        "main's lines, and at enumerate()/active_count() listing only started, unfinished "
        "threads: ['MainThread', 'worker'] and 2 before the join, ['MainThread'] and 1 after.",
    .body =
        [](const weft::Params&) {
          weft::Thread t(work);
          weft::print(t.name(), t.is_alive());
          t.set_name("worker");
          t.start();
          weft::print(t.name(), t.is_alive());
          weft::print(weft::current_thread().name());
          weft::print(names_of(weft::enumerate()));
          weft::print(weft::active_count());
          t.join();
          weft::print(t.name(), t.is_alive());
          weft::print(names_of(weft::enumerate()));
          weft::print(weft::active_count());
        },
});
