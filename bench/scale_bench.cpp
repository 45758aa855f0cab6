// How the reduced search scales with the size of one execution: its analysis keeps clocks per
// thread and per object and finds races at every step, so an execution with many threads or
// many steps must not cost it the square of either. Each figure is one execution (the first of
// the search), run in a child process of its own so that its peak memory is its own.
// Run: build/bench/weft_scale_bench [THREADS] [STEPS]
//   THREADS  threads of the wide execution (default 1000): gil_counter, each thread reading a
//            shared counter, sleeping, writing it
//   STEPS    visible operations of the long executions (default 100000): the lock counter with
//            two threads (lock, read, write, unlock), and two threads that each read a shared
//            flag and write a variable of their own, over and over
// For each: peak RSS (max resident set) and wall time, reduced and naive, and their ratio.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "checker/explore.hpp"
#include "models.hpp"
#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"

namespace {

struct Figure {
  double seconds = 0;
  long peak_kib = 0;
  int status = 0;  // sim::Status of the execution
};

// Runs the first execution of a search in a child process: its wall time, how it ended and the
// child's peak resident set.
Figure one_execution(const std::function<void()>& body, bool reduction,
                     unsigned long long max_steps) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(2);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    weft::checker::Options opt;
    opt.reduction = reduction;
    opt.max_executions = 1;
    opt.setup.max_steps = max_steps;
    const auto t0 = std::chrono::steady_clock::now();
    const weft::checker::Report r = weft::checker::explore(body, opt);
    Figure f;
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    f.status = r.outcomes.empty() ? -1 : static_cast<int>(r.outcomes.front().outcome.status);
    if (write(fds[1], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) _exit(2);
    _exit(0);
  }
  close(fds[1]);
  Figure f;
  const bool got = read(fds[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "the measured execution failed\n");
    std::exit(2);
  }
  f.peak_kib = usage.ru_maxrss;
  return f;
}

void compare(const char* label, const std::function<void()>& body, unsigned long long max_steps) {
  const Figure red = one_execution(body, true, max_steps);
  const Figure naive = one_execution(body, false, max_steps);
  const auto status = [](const Figure& f) {
    return f.status < 0 ? "none" : weft::sim::status_name(static_cast<weft::sim::Status>(f.status));
  };
  std::printf("%-28s %9s %10.3f %10.3f %8.1f %10.1f %10.1f\n", label, status(red), red.seconds,
              naive.seconds, red.seconds / naive.seconds, red.peak_kib / 1024.0,
              naive.peak_kib / 1024.0);
}

// Two threads each read a shared flag `rounds` times, noting each round in a variable of their
// own; main sets the flag once they are done. The flag's reads all commute: none races.
void readers(long long rounds) {
  weft::Shared<int> flag(0, "flag");
  auto read = [flag, rounds] {
    weft::Shared<long long> mine(0, "mine");
    for (long long i = 0; i < rounds; ++i) {
      (void)flag.load();
      mine.store(i);
    }
  };
  weft::Thread a(read), b(read);
  a.start();
  b.start();
  a.join();
  b.join();
  flag.store(1);
}

}  // namespace

int main(int argc, char** argv) {
  const long long threads = argc > 1 ? std::atoll(argv[1]) : 1000;
  const long long steps = argc > 2 ? std::atoll(argv[2]) : 100000;
  const weft::Scenario* gil = weft::Registry::instance().find("gil_counter");
  if (gil == nullptr || threads < 1 || steps < 8) {
    std::fprintf(stderr, "usage: weft_scale_bench [THREADS>=1] [STEPS>=8]\n");
    return 2;
  }
  const weft::Params params = gil->resolve({{"threads", std::to_string(threads)}});
  const unsigned long long limit = 2ULL * static_cast<unsigned long long>(steps) + 1000;
  std::printf("%-28s %9s %10s %10s %8s %10s %10s\n", "one execution", "ended", "red. s",
              "naive s", "ratio", "red. MiB", "naive MiB");
  compare(("gil_counter threads=" + std::to_string(threads)).c_str(),
          [gil, params] { gil->body(params); }, limit);
  const int k = static_cast<int>(steps / 8);  // 2 threads x k x 4 operations
  compare(("lock counter 2 x " + std::to_string(k)).c_str(),
          [k] { weft::bench::lock_counter(2, k); }, limit);
  compare(("readers 2 x " + std::to_string(steps / 4)).c_str(),
          [steps] { readers(steps / 4); }, limit);
  return 0;
}
