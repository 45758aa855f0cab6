// A weft::Process on real threads: a real child process made by fork().
//
// The fork is made by a thread of the parent's execution started for the purpose (the "keeper"),
// which stands in the parent for the child's MainThread: it is named Process-1/MainThread, it
// counts as a non-daemon thread for the program's end when the process is not a daemon, and it
// waits for the child's end (waitpid) and sets its exit code. Forking from the keeper rather
// than from the thread calling start() ties the child's life to a thread that outlives it: the
// child asks to be killed when the keeper dies (PR_SET_PDEATHSIG), so that a run killed as hung
// leaves no process behind.
//
// The child is the keeper's OS thread continuing alone with a copy of the parent's memory: it
// becomes the process's MainThread, runs the target, joins its threads, and _exits with the
// exit code. What it prints goes to the parent over a pipe, one frame per write, and the child
// waits for the parent's acknowledgement: when a print returns, its text is in the parent's
// output, in the order real processes writing to one inherited stdout would give.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/process_state.hpp"
#include "primitives/detail/socket_state.hpp"
#include "primitives/detail/thread_state.hpp"
#include "primitives/errors.hpp"

namespace weft::detail {

namespace {

enum Tag : char { kStdout = 'o', kStderr = 'e', kFailure = 'f' };

// In a child: its ends of the pipes to its parent (-1 elsewhere).
int g_up = -1;    // frames to the parent
int g_down = -1;  // the parent's acknowledgements

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t k = ::write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<std::size_t>(k);
  }
  return true;
}

// Sends one frame to the parent and waits until the parent has taken it. A parent gone means
// the program is over: the child goes too.
void send_up(Tag tag, const std::string& text) {
  std::string frame(1, static_cast<char>(tag));
  const auto n = static_cast<std::uint32_t>(text.size());
  frame.append(reinterpret_cast<const char*>(&n), sizeof n);
  frame += text;
  char ack = 0;
  ssize_t k = 0;
  if (write_all(g_up, frame.data(), frame.size())) {
    do {
      k = ::read(g_down, &ack, 1);
    } while (k < 0 && errno == EINTR);
  }
  if (k != 1) _exit(1);
}

// The parent's side of one child: the frames that came, the end of the pipe.
class Keeper {
 public:
  Keeper(RealBackend& b, ProcessState& s, int from, int to) : b_(b), s_(s), from_(from), to_(to) {}

  // Takes the child's frames until its end, then reaps it.
  void serve() {
    for (;;) {
      pollfd p{from_, POLLIN, 0};
      const int ready = ::poll(&p, 1, 20);
      if (ready > 0) {
        char buf[4096];
        const ssize_t n = ::read(from_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the child has ended (or closed its end: it is about to)
        buf_.append(buf, static_cast<std::size_t>(n));
        take_frames();
      }
      stop_if_over();
    }
    reap();
  }

 private:
  void take_frames() {
    constexpr std::size_t kHead = 1 + sizeof(std::uint32_t);
    while (buf_.size() >= kHead) {
      std::uint32_t n = 0;
      std::memcpy(&n, buf_.data() + 1, sizeof n);
      if (buf_.size() < kHead + n) return;
      const char tag = buf_[0];
      const std::string text = buf_.substr(kHead, n);
      buf_.erase(0, kHead + n);
      {
        std::lock_guard<std::mutex> lock(b_.mu);
        if (tag == kFailure) {
          b_.fail(text);
        } else if (!b_.ended()) {
          (tag == kStderr ? b_.world.err : b_.world.out) += text;
          b_.wrote(tag == kStderr, text);
        }
      }
      b_.cv.notify_all();
      const char ack = 1;
      write_all(to_, &ack, 1);
    }
  }

  // Once the program has ended, a child still running is ended too: a daemon as
  // multiprocessing ends it at exit (SIGTERM), any other (the program failed or hung) at once.
  void stop_if_over() {
    if (killed_) return;
    std::lock_guard<std::mutex> lock(b_.mu);
    if (!b_.ended() || s_.finished) return;
    ::kill(s_.pid, s_.daemon ? SIGTERM : SIGKILL);
    killed_ = true;
  }

  void reap() {
    int status = 0;
    while (::waitpid(s_.pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(from_);
    ::close(to_);
    std::lock_guard<std::mutex> lock(b_.mu);
    s_.exitcode = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    s_.finished = true;
    b_.cv.notify_all();
  }

  RealBackend& b_;
  ProcessState& s_;
  const int from_, to_;
  std::string buf_;
  bool killed_ = false;
};

// The child's whole life, on the keeper's OS thread, with the copy of `b.mu` the fork made
// (locked).
[[noreturn]] void child_life(RealBackend& b, const std::shared_ptr<ProcessState>& s, pid_t parent,
                             int up, int down) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) _exit(1);  // the keeper died before the request took hold
  // terminate()'s SIGTERM, and a crash, end the child as they would a process of its own,
  // whatever handlers the host process installed (a test framework's, say).
  for (int sig : {SIGTERM, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
    ::signal(sig, SIG_DFL);
  g_up = up;
  g_down = down;
  b.forked();  // the copied mutex and conditions, anew: their other users are not here
  s->pid = ::getpid();
  s->process_numbers = 0;  // Python's child starts its _process_counter anew
  set_real_process(s);
  run_process(*s);
  _exit(s->exitcode);
}

// The keeper thread's body: forks, then serves the child until it ends.
void keep(void* state) {
  auto& main = *static_cast<ThreadState*>(state);
  ProcessState& s = *main.process;
  RealBackend& b = *RealBackend::current();
  int up[2], down[2];
  if (::pipe2(up, O_CLOEXEC) != 0 || ::pipe2(down, O_CLOEXEC) != 0) {
    std::lock_guard<std::mutex> lock(b.mu);
    s.fork_error = errno;
    b.cv.notify_all();
    return;
  }
  {
    // Under the backend's lock, so that no operation is half done in the copy; and every fork
    // of the execution is made under it, so that no other child inherits this child's ends.
    std::unique_lock<std::mutex> lock(b.mu);
    std::fflush(nullptr);  // what stdio holds would be written twice, once by each process
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
      lock.release();
      ::close(up[0]);
      ::close(down[1]);
      child_life(b, main.process, parent, up[1], down[0]);
    }
    ::close(up[1]);
    ::close(down[0]);
    if (pid < 0) {
      s.fork_error = errno;
      ::close(up[0]);
      ::close(down[1]);
      s.finished = true;
      main.finished = true;
      b.cv.notify_all();
      return;
    }
    s.pid = pid;
    s.forked = true;
    b.cv.notify_all();
  }
  Keeper(b, s, up[0], down[1]).serve();
  std::lock_guard<std::mutex> lock(b.mu);
  main.finished = true;
}

}  // namespace

void start_on_real(const std::shared_ptr<ProcessState>& s) {
  RealBackend& b = *RealBackend::current();
  auto main = make_pooled<ThreadState>("MainThread");
  main->process = s;
  main->shown = s->name + "/MainThread";
  main->started = true;
  ThreadState& m = *main;
  s->main = m.tid = b.start_thread(m.shown, s->daemon, &keep, std::move(main));
  // The caller holds `b.mu` (its Gate): wait, releasing it, until the keeper has forked.
  std::unique_lock<std::mutex> lock(b.mu, std::adopt_lock);
  b.cv.wait(lock, [&] { return s->forked || s->fork_error != 0; });
  lock.release();
  if (s->fork_error != 0) raise_errno(s->fork_error);
}

void terminate_on_real(ProcessState& s) {
  if (!s.finished) ::kill(s.pid, SIGTERM);
}

bool forward_output(bool to_stderr, const std::string& text) {
  if (g_up < 0) return false;
  send_up(to_stderr ? kStderr : kStdout, text);
  return true;
}

void forward_failure(const std::string& message) {
  if (g_up < 0) return;
  send_up(kFailure, message);
  _exit(1);  // the parent has ended the program
}

}  // namespace weft::detail
