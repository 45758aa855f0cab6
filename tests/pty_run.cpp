// Runs a command on a pseudo-terminal, as a user's shell would, and prints what the terminal
// showed; for the tests of what weft draws on a terminal and how it ends on Ctrl-C
// (tests/cli_progress.cmake).
//
//   weft_pty_run [--stdout FILE] [--send ctrl-c|term|ctrl-c-twice|ctrl-d|type:KEYS] [--after TEXT]
//                [--timeout SECONDS] -- COMMAND ARGS...
//
// The command's stdin, stdout and stderr are the terminal (stdout goes to FILE instead with
// --stdout). With --send, once the terminal has shown TEXT (default "/s)", which only weft's
// status line shows), the terminal gets a Ctrl-C (the line discipline sends SIGINT to the
// command's whole process group, as a real one does), or the command gets SIGTERM; or the terminal
// gets an end of input (ctrl-d), or KEYS typed, each '|' an Enter (weft step). The terminal's
// whole output goes to stdout; the exit code is the command's (128 + N for signal N), or 125 when
// it did not end within the timeout (it is killed then), or 126 when it could not be started.
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

struct Args {
  std::string stdout_file;
  std::string send;  // empty: nothing
  std::string after = "/s)";
  double timeout = 300;
  std::vector<char*> command;
};

Args parse(int argc, char** argv) {
  Args a;
  int i = 1;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; i += 2) {
    if (i + 1 >= argc) break;
    const std::string opt = argv[i];
    if (opt == "--stdout") a.stdout_file = argv[i + 1];
    else if (opt == "--send") a.send = argv[i + 1];
    else if (opt == "--after") a.after = argv[i + 1];
    else if (opt == "--timeout") a.timeout = std::atof(argv[i + 1]);
  }
  for (++i; i < argc; ++i) a.command.push_back(argv[i]);
  a.command.push_back(nullptr);
  return a;
}

[[noreturn]] void run_child(const Args& a) {
  if (!a.stdout_file.empty()) {
    const int fd = ::open(a.stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || ::dup2(fd, STDOUT_FILENO) < 0) ::_exit(126);
    ::close(fd);
  }
  ::execv(a.command[0], a.command.data());
  ::_exit(126);
}

// Sends what --send says; once is all a user does, twice for ctrl-c-twice (a pause between,
// as a user's two key presses have).
void send(const Args& a, int master, pid_t pid) {
  if (a.send == "term") {
    ::kill(pid, SIGTERM);
    return;
  }
  if (a.send.rfind("type:", 0) == 0) {
    std::string keys = a.send.substr(5);
    for (char& c : keys)
      if (c == '|') c = '\r';
    if (::write(master, keys.data(), keys.size()) != static_cast<ssize_t>(keys.size()))
      std::perror("write");
    return;
  }
  if (a.send == "ctrl-d") {
    const char ctrl_d = '\x04';
    if (::write(master, &ctrl_d, 1) != 1) std::perror("write");
    return;
  }
  const char ctrl_c = '\x03';
  if (::write(master, &ctrl_c, 1) != 1) std::perror("write");
  if (a.send == "ctrl-c-twice") {
    ::usleep(200 * 1000);
    if (::write(master, &ctrl_c, 1) != 1) std::perror("write");
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.command.size() < 2) {
    std::fprintf(stderr, "usage: weft_pty_run [options] -- COMMAND ARGS...\n");
    return 2;
  }
  winsize ws{};
  ws.ws_row = 40;
  ws.ws_col = 160;
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
  if (pid < 0) return 126;
  if (pid == 0) run_child(a);

  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::duration<double>(a.timeout);
  std::string shown;
  bool sent = a.send.empty();
  for (;;) {
    if (Clock::now() > deadline) {
      std::fwrite(shown.data(), 1, shown.size(), stdout);
      std::fprintf(stdout, "\n[weft_pty_run: timed out; killed]\n");
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      return 125;
    }
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 100) < 0 && errno != EINTR) break;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[4096];
      const ssize_t n = ::read(master, buf, sizeof buf);
      if (n <= 0) break;  // EIO: every process holding the terminal has closed it
      shown.append(buf, static_cast<std::size_t>(n));
    }
    if (!sent && shown.find(a.after) != std::string::npos) {
      send(a, master, pid);
      sent = true;
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::fwrite(shown.data(), 1, shown.size(), stdout);
  if (!sent) std::fprintf(stdout, "\n[weft_pty_run: never saw '%s'; sent nothing]\n", a.after.c_str());
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
