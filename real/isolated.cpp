#include "real/isolated.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <system_error>

#include "real/batch.hpp"
#include "real/files.hpp"
#include "real/process_tree.hpp"
#include "real/run.hpp"

namespace weft::real {

namespace {

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // the parent is gone: nobody wants the rest
    done += static_cast<std::size_t>(n);
  }
}

// The child's whole life: run the program, its output streamed to the parent as it is written,
// then the outcome; then end the process at once, taking any daemon thread still running along.
[[noreturn]] void child_main(int fd, const std::function<void()>& body, RealOptions o) {
  // A crash must kill the child as the signal says, whatever handlers the parent installed (a
  // test framework's, say): the parent reports it from the child's exit status.
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGPIPE})
    std::signal(sig, SIG_DFL);
  o.timeout = 0;  // the parent keeps the time
  o.grace = 0;    // threads left behind die with the process
  o.echo = true;
  o.sink = [fd](bool to_stderr, const std::string& text) {
    write_all(fd, wire::frame(to_stderr ? wire::Tag::Stderr : wire::Tag::Stdout, text));
  };
  const sim::Outcome outcome = run_real(body, o);
  write_all(fd, wire::frame(wire::Tag::Outcome, wire::encode_outcome(outcome)));
  _exit(0);
}

std::string seconds_text(double seconds) {
  std::ostringstream os;
  os << seconds;
  return os.str();
}

Child::Clock::time_point deadline_after(double seconds) {
  if (!(seconds > 0)) return Child::Clock::time_point::max();
  return Child::Clock::now() + std::chrono::duration_cast<Child::Clock::duration>(
                                   std::chrono::duration<double>(seconds));
}

}  // namespace

Child::Child(const std::function<void()>& body, const RealOptions& options)
    : options_(options), start_(Clock::now()), deadline_(deadline_after(options.timeout)) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  std::fflush(nullptr);  // nothing buffered in the parent may be written twice
  pid_ = ::fork();
  if (pid_ < 0) {
    const int e = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::system_error(e, std::generic_category(), "fork");
  }
  if (pid_ == 0) {
    ::close(fds[0]);
    child_main(fds[1], body, options_);
  }
  ::close(fds[1]);
  fd_ = fds[0];
}

Child::~Child() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) ::close(fd_);
}

void Child::take(wire::Tag tag, std::string payload) {
  switch (tag) {
    case wire::Tag::Stdout:
    case wire::Tag::Stderr: {
      const bool err = tag == wire::Tag::Stderr;
      (err ? err_ : out_) += payload;
      if (options_.echo) {
        std::FILE* f = err ? stderr : stdout;
        std::fwrite(payload.data(), 1, payload.size(), f);
        std::fflush(f);
      }
      break;
    }
    case wire::Tag::Outcome: result_ = wire::decode_outcome(payload); break;
  }
}

bool Child::pump() {
  char buf[1 << 16];
  ssize_t n;
  do {
    n = ::read(fd_, buf, sizeof buf);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  reader_.feed(buf, static_cast<std::size_t>(n));
  wire::Tag tag;
  std::string payload;
  while (reader_.next(tag, payload)) take(tag, std::move(payload));
  return true;
}

sim::Outcome Child::finish() {
  const bool killed = !result_ && Clock::now() >= deadline_;
  double cpu = -1;
  if (killed) {
    // The program's own processes (weft::Process) too: each would die with its parent, a step
    // later; its CPU time shows whether the run was waiting or spinning.
    const std::vector<pid_t> tree = process_tree(pid_);
    cpu = cpu_seconds(tree);
    for (pid_t p : tree) ::kill(p, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  sim::Outcome o = settle(status, killed);
  if (killed) o.cpu_seconds = cpu;
  return o;
}

// The outcome the child reported; else what its end says: killed at the timeout (hung), died of
// a signal (crashed), or exited before the program ended.
sim::Outcome Child::settle(int wait_status, bool killed) {
  if (result_ && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0) return *result_;
  sim::Outcome o;
  o.out = out_;
  o.err = err_;
  if (!options_.files_dir.empty()) o.files = read_files(options_.files_dir);
  const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  o.end_time = sim::from_seconds(seconds / options_.time_scale);
  if (killed) {
    o.status = sim::Status::Hung;
    o.message = "after " + seconds_text(options_.timeout) + " s";
  } else if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    o.status = sim::Status::Failure;
    o.message = "crashed: signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
  } else {
    o.status = sim::Status::Failure;
    o.message = "crashed: the process exited with status " +
                std::to_string(WEXITSTATUS(wait_status)) + " before the program ended";
  }
  return o;
}

sim::Outcome run_isolated(const std::function<void()>& body, const RealOptions& options) {
  sim::Outcome outcome;
  run_batch(
      1, 1, body, [&](std::size_t) { return options; },
      [&](std::size_t, const sim::Outcome& o) { outcome = o; });
  return outcome;
}

}  // namespace weft::real
