// The parent's side (cli/supervisor.hpp): fork, watch, and tell how the child ended.
#include "cli/supervisor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <system_error>

#include "cli/child_channel.hpp"
#include "cli/interrupt.hpp"

namespace weft::cli {

namespace {

using Clock = std::chrono::steady_clock;

// How often the parent looks at the child, and how long a child asked for its last words gets.
constexpr auto kTick = std::chrono::milliseconds(100);
constexpr auto kLastWords = std::chrono::seconds(1);
constexpr double kBudgetGrace = 0.5;

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

std::string signal_text(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + " (" + (abbrev ? "SIG" + std::string(abbrev) : "?") +
         ")";
}

// The frames read so far, taken apart as they complete.
class Frames {
 public:
  void feed(const char* data, std::size_t n) { buf_.append(data, n); }
  void take(ChildEnd& end, bool& finished) {
    constexpr std::size_t kHead = 1 + sizeof(std::uint64_t);
    while (buf_.size() - at_ >= kHead) {
      std::uint64_t n = 0;
      std::memcpy(&n, buf_.data() + at_ + 1, sizeof n);
      if (buf_.size() - at_ - kHead < n) break;
      const auto tag = static_cast<channel::Tag>(buf_[at_]);
      const std::string payload = buf_.substr(at_ + kHead, n);
      at_ += kHead + n;
      one(tag, payload, end, finished);
    }
    if (at_ == buf_.size()) buf_.clear(), at_ = 0;
  }

 private:
  static void one(channel::Tag tag, const std::string& payload, ChildEnd& end, bool& finished) {
    switch (tag) {
      case channel::Tag::Note: end.notes.push_back(payload); break;
      case channel::Tag::Finished:
        if (payload.size() == sizeof(std::int32_t)) {
          std::int32_t code = 0;
          std::memcpy(&code, payload.data(), sizeof code);
          end.exit_code = code;
          finished = true;
        }
        break;
      case channel::Tag::Dying: dying(payload, end); break;
    }
  }
  static void dying(const std::string& payload, ChildEnd& end) {
    channel::DumpHead head{};
    if (payload.size() < sizeof head) return;
    std::memcpy(&head, payload.data(), sizeof head);
    if (head.decisions == channel::kOutside) return;
    const std::size_t choices = head.decisions * sizeof(checker::Choice);
    if (payload.size() != sizeof head + choices + head.out + head.err) return;
    UnderWay u;
    u.seed = head.seed;
    u.timing = static_cast<sim::Timing>(head.timing);
    u.steps = head.steps;
    u.schedule.resize(head.decisions);
    if (choices > 0) std::memcpy(u.schedule.data(), payload.data() + sizeof head, choices);
    u.out = payload.substr(sizeof head + choices, head.out);
    u.err = payload.substr(sizeof head + choices + head.out, head.err);
    end.under_way = std::move(u);
  }

  std::string buf_;
  std::size_t at_ = 0;
};

// One child, watched from the fork to its end.
class Watch {
 public:
  Watch(pid_t pid, int fd, channel::Shared* shared, const Supervision& s)
      : pid_(pid), fd_(fd), shared_(shared), s_(s) {}

  ChildEnd run() {
    const InterruptWatch interrupts;
    const Clock::time_point start = Clock::now();
    last_progress_ = start;
    std::optional<ChildEnd::How> stop;
    bool open = true;
    while (open && !stop) {
      open = read_for(kTick);
      const Clock::time_point now = Clock::now();
      if (interrupted(interrupts.count(), now)) stop = ChildEnd::How::Interrupted;
      else if (s_.time_budget > 0 && seconds_between(start, now) >= s_.time_budget + kBudgetGrace)
        stop = ChildEnd::How::OutOfTime;
      else if (open && stalled(now)) stop = ChildEnd::How::Runaway;
    }
    if (stop) {
      end_.how = *stop;
      if (*stop == ChildEnd::How::Runaway) end_.message = runaway_message(s_.runaway_after);
      if (*stop != ChildEnd::How::Interrupted) ask_last_words();
      ::kill(pid_, SIGKILL);
    }
    if (stop) erase_child_status();
    settle(stop.has_value());
    end_.seconds = seconds_between(start, Clock::now());
    end_.executions = shared_->in_flight.executions.load(std::memory_order_relaxed);
    end_.counted = shared_->counts_used.load();
    const std::uint64_t used = std::min<std::uint64_t>(end_.counted, kCountSlots);
    for (std::uint64_t i = 0; i < used; ++i) end_.counts.push_back(shared_->counts[i].load());
    return std::move(end_);
  }

 private:
  // After Ctrl-C or SIGTERM (cli/interrupt.hpp): whether to end the child now. The first signal
  // asks its search to stop; the child then reports by itself, unless it is still in a search
  // that has not heard the request kStopGrace later.
  bool interrupted(int signals, Clock::time_point now) {
    if (signals == 0) return false;
    if (s_.interactive) return true;
    checker::InFlight& f = shared_->in_flight;
    if (!asked_) {
      asked_ = now;
      end_.interrupted = true;
      f.stop.store(1, std::memory_order_relaxed);
      say_stopping();
    }
    if (signals >= 2) return true;
    const bool heard = f.stopped.load(std::memory_order_relaxed) != 0 ||
                       f.searches.load(std::memory_order_relaxed) == 0;
    return !heard && seconds_between(*asked_, now) >= kStopGrace;
  }

  // Reads what arrives within `wait`; false once the child has closed its end.
  bool read_for(Clock::duration wait) {
    pollfd p{fd_, POLLIN, 0};
    const int ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count());
    const int r = ::poll(&p, 1, ms);
    if (r <= 0) return true;  // nothing yet, or a signal (looked at by the caller)
    char buf[1 << 16];
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) return false;
    frames_.feed(buf, static_cast<std::size_t>(n));
    frames_.take(end_, finished_);
    return true;
  }

  // No execution begun and no visible operation made since runaway_after seconds. Between
  // executions (weft's own work: reports, shrinking's set-up) the child is not stalled.
  bool stalled(Clock::time_point now) {
    const std::uint64_t executions = shared_->in_flight.executions.load(std::memory_order_relaxed);
    const std::uint64_t probed_exec = shared_->probed_executions.load(std::memory_order_relaxed);
    const std::uint64_t steps = shared_->probed_steps.load(std::memory_order_acquire);
    const bool moved = executions != last_executions_ ||
                       (probed_exec == executions &&
                        (steps == channel::kOutside || steps != last_steps_ ||
                         probed_exec != last_probed_exec_));
    if (s_.runaway_at_step != 0 && executions == 1 && probed_exec == 1 &&
        steps == s_.runaway_at_step)
      return true;
    if (moved) {
      last_progress_ = now;
      last_executions_ = executions;
      last_steps_ = steps;
      last_probed_exec_ = probed_exec;
    }
    if (now - last_probe_ >= kTick) {  // the answer is read at a later look
      ::kill(pid_, SIGUSR1);
      last_probe_ = now;
    }
    return seconds_between(last_progress_, now) >= s_.runaway_after;
  }

  void ask_last_words() {
    ::kill(pid_, SIGUSR2);
    const Clock::time_point until = Clock::now() + kLastWords;
    while (Clock::now() < until && read_for(kTick)) {
    }
  }

  // Reads what is left and reaps the child; unless it was stopped, its end says how it went.
  void settle(bool stopped) {
    while (!stopped && read_for(kTick)) {
    }
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(fd_);
    if (stopped) return;
    if (finished_ && WIFEXITED(status) && WEXITSTATUS(status) == end_.exit_code) return;
    end_.how = ChildEnd::How::Crashed;
    if (WIFSIGNALED(status)) {
      end_.message = "crashed: " + signal_text(WTERMSIG(status));
    } else {
      end_.message = "crashed: the process exited with status " +
                     std::to_string(WEXITSTATUS(status)) + " before weft's search had ended";
    }
  }

  pid_t pid_;
  int fd_;
  channel::Shared* shared_;
  Supervision s_;
  Frames frames_;
  ChildEnd end_;
  bool finished_ = false;
  std::optional<Clock::time_point> asked_;  // when the child was asked to stop
  Clock::time_point last_progress_, last_probe_;
  std::uint64_t last_executions_ = 0, last_steps_ = channel::kOutside, last_probed_exec_ = 0;
};

// The command's exit code; what the user gave wrong is said on one line, as cli.cpp does.
int run_command(const std::function<int()>& command) {
  try {
    return command();
  } catch (const std::exception& e) {
    std::cerr << "weft: " << e.what() << "\n";
    return 2;
  }
}

}  // namespace

std::string runaway_message(double seconds) {
  std::ostringstream os;
  os << "runaway: no visible operation for " << seconds << " s";
  return os.str();
}

ChildEnd supervise(const std::function<int()>& command, const Supervision& supervision) {
  void* mem = ::mmap(nullptr, sizeof(channel::Shared), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "mmap");
  auto* shared = new (mem) channel::Shared();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ::munmap(mem, sizeof(channel::Shared));
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);  // nothing buffered here may be written twice
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int e = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    ::munmap(mem, sizeof(channel::Shared));
    throw std::system_error(e, std::generic_category(), "fork");
  }
  if (pid == 0) {
    ::close(fds[0]);
    channel::become_child(shared, fds[1]);
    channel::finish_child(run_command(command));
  }
  ::close(fds[1]);
  ChildEnd end = Watch(pid, fds[0], shared, supervision).run();
  ::munmap(mem, sizeof(channel::Shared));
  return end;
}

}  // namespace weft::cli
