// Wall time and peak memory of `weft outputs` where the output set is too large to list: rlock at
// the tutorial's 10 threads (its default), in text and --json, and semaphore at the sizes its
// search completes, each with --sample 3. Each runs as its own child process (its output in a
// file, from which the exact count line is shown); peak resident set from wait4().
//
//   build/bench/weft_outputs_bench [WEFT]
//
// WEFT (default: build/weft beside this one's directory) may be any build, so that two can be
// compared (before and after a change).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Run {
  long peak_kib = 0;
  double seconds = 0;
  int exit_code = -1;
  std::string count;  // the line that gives the exact count, if any
};

Run run(const std::string& weft, const std::vector<std::string>& args) {
  const std::string out = (std::filesystem::temp_directory_path() / "weft_outputs_bench.txt").string();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(weft.c_str()));
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 1);
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
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("exact count:", 0) == 0 || line.find("\"distinct_outcomes\"") != std::string::npos) {
      r.count = line.substr(0, 60);
      break;
    }
  }
  std::filesystem::remove(out);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string weft =
      argc > 1 ? argv[1]
               : (std::filesystem::path(argv[0]).parent_path() / ".." / "weft").string();
  const std::vector<std::vector<std::string>> commands = {
      {"outputs", "rlock", "--sample", "3"},
      {"outputs", "rlock", "--sample", "3", "--json"},
      {"outputs", "semaphore", "-p", "threads=4", "--sample", "3"},
      {"outputs", "semaphore", "-p", "threads=5", "--sample", "3"},
  };
  std::printf("%-52s %9s %9s %5s  %s\n", "command", "seconds", "peak MB", "exit", "count");
  for (const auto& args : commands) {
    std::string shown = "weft";
    for (const std::string& a : args) shown += " " + a;
    const Run r = run(weft, args);
    std::printf("%-52s %9.2f %9.1f %5d  %s\n", shown.c_str(), r.seconds,
                static_cast<double>(r.peak_kib) / 1024, r.exit_code, r.count.c_str());
    std::fflush(stdout);
  }
  return 0;
}
