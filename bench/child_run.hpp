// Runs the weft binary in a child process and measures it from outside: wall time, peak resident
// set (wait4's ru_maxrss: the child's own high-water mark, which no in-process figure can fake)
// and exit code, with its stdout kept in a file for the caller to read. The benchmarks that
// compare two builds (a WEFT argument) use it.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace weft_bench {

struct ChildRun {
  long peak_kib = 0;
  double seconds = 0;
  int exit_code = -1;
  std::vector<std::string> lines;  // its stdout, when asked for
};

// `weft args...`; stdout goes to a scratch file read back into `lines` (keep_output) or to
// /dev/null. stderr is left alone (a status line is off without a terminal).
inline ChildRun run_child(const std::string& weft, const std::vector<std::string>& args,
                          bool keep_output) {
  const std::string out =
      keep_output ? (std::filesystem::temp_directory_path() /
                     ("weft_bench_" + std::to_string(getpid()) + ".txt"))
                        .string()
                  : "/dev/null";
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
  ChildRun r;
  int status = 0;
  rusage usage{};
  if (pid > 0 && wait4(pid, &status, 0, &usage) == pid) {
    r.peak_kib = usage.ru_maxrss;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (keep_output) {
    std::ifstream in(out);
    for (std::string line; std::getline(in, line);) r.lines.push_back(line);
    std::filesystem::remove(out);
  }
  return r;
}

// The weft binary beside a benchmark's own directory (build/bench/X -> build/weft).
inline std::string weft_beside(const char* argv0) {
  return (std::filesystem::path(argv0).parent_path() / ".." / "weft").string();
}

}  // namespace weft_bench
