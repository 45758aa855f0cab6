// Peak memory of the searches that grow with their run time: `weft outputs rlock` (text and
// --json) and `weft check rlock` at the tutorial's 10 threads, each run for a fixed time.
//
//   build/bench/weft_memory_bench [SECONDS [WEFT]]
//
// SECONDS (default 30) is each search's --time-budget; WEFT (default: the weft binary beside this
// one's directory, build/weft) may be any build, so that two can be compared. Each search runs in
// a child process with its output sent to /dev/null; its peak resident set comes from wait4().
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Run {
  long peak_kib = 0;
  double seconds = 0;
  int exit_code = -1;
};

Run run(const std::string& weft, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(weft.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    execv(weft.c_str(), argv.data());
    _exit(127);
  }
  Run r;
  int status = 0;
  rusage usage{};
  if (pid > 0 && wait4(pid, &status, 0, &usage) == pid) {
    r.peak_kib = usage.ru_maxrss;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string seconds = argc > 1 ? argv[1] : "30";
  const std::string weft =
      argc > 2 ? argv[2]
               : (std::filesystem::path(argv[0]).parent_path() / ".." / "weft").string();
  // No execution budget: only the time budget (or --max-memory) ends these searches.
  const std::string many = "1000000000";
  const std::vector<std::pair<std::string, std::vector<std::string>>> searches = {
      {"outputs rlock", {"outputs", "rlock", "--time-budget", seconds, "--max-executions", many}},
      {"outputs rlock --json",
       {"outputs", "rlock", "--json", "--time-budget", seconds, "--max-executions", many}},
      {"check rlock", {"check", "rlock", "--time-budget", seconds, "--runs", many}},
  };
  std::printf("%-22s %12s %10s %5s   (--time-budget %s, %s)\n", "search", "peak RSS", "seconds",
              "exit", seconds.c_str(), weft.c_str());
  for (const auto& [label, args] : searches) {
    const Run r = run(weft, args);
    std::printf("%-22s %9.1f MB %10.1f %5d\n", label.c_str(), r.peak_kib / 1024.0, r.seconds,
                r.exit_code);
    std::fflush(stdout);
  }
}
