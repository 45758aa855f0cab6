// The supervised child's side (cli/supervisor.hpp): what it tells its parent as it goes, and
// what it says when it dies. Everything a signal handler calls here is async-signal-safe:
// write(), sigaction, raise, _exit, and reads of memory the search keeps consistent between its
// own steps (user code cannot be inside weft's code when it crashes or loops).
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/child_channel.hpp"

namespace weft::cli {

namespace {

channel::Shared* g_shared = nullptr;
int g_fd = -1;

// Writes all of it, or gives up silently: the parent is gone and nobody is listening.
void write_all(const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(g_fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void write_frame_head(channel::Tag tag, std::uint64_t length) {
  char head[1 + sizeof length];
  head[0] = static_cast<char>(tag);
  std::memcpy(head + 1, &length, sizeof length);
  write_all(head, sizeof head);
}

// The execution under way, as a Dying frame. Only inside an execution are the noted schedule
// and setup this execution's.
void write_dump(int sig) {
  const checker::InFlight& f = checker::in_flight();
  const sim::Runtime* rt = sim::Runtime::current();
  channel::DumpHead head{sig, 0, 0, 0, channel::kOutside, 0, 0};
  const bool inside = rt != nullptr && f.schedule != nullptr && f.setup != nullptr;
  if (inside) {
    head.timing = static_cast<std::uint32_t>(f.setup->timing);
    head.seed = f.setup->seed;
    head.steps = rt->steps();
    head.decisions = f.schedule->size();
    head.out = rt->world().out.size();
    head.err = rt->world().err.size();
  }
  const std::size_t choices = inside ? f.schedule->size() * sizeof(checker::Choice) : 0;
  write_frame_head(channel::Tag::Dying, sizeof head + choices + head.out + head.err);
  write_all(&head, sizeof head);
  if (choices > 0) write_all(f.schedule->data(), choices);
  if (inside) {
    write_all(rt->world().out.data(), head.out);
    write_all(rt->world().err.data(), head.err);
  }
}

// A fatal signal: say which execution, then die of it, here and now.
void on_fatal(int sig, siginfo_t*, void*) {
  write_dump(sig);
  ::signal(sig, SIG_DFL);
  sigset_t set;
  ::sigemptyset(&set);
  ::sigaddset(&set, sig);
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
  ::raise(sig);
  ::_exit(128 + sig);  // a signal that could not kill (ignored by the process's owner)
}

// The parent's probe: how far is the execution under way?
void on_probe(int) {
  const sim::Runtime* rt = sim::Runtime::current();
  g_shared->probed_executions.store(
      g_shared->in_flight.executions.load(std::memory_order_relaxed), std::memory_order_relaxed);
  g_shared->probed_steps.store(rt != nullptr ? rt->steps() : channel::kOutside,
                               std::memory_order_release);
}

// The parent gave up on the execution under way: say which, and end.
void on_stop(int) {
  write_dump(0);
  ::_exit(0);
}

void catch_signal(int sig, void (*handler)(int, siginfo_t*, void*)) {
  struct sigaction sa {};
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  ::sigemptyset(&sa.sa_mask);
  ::sigaction(sig, &sa, nullptr);
}

void catch_request(int sig, void (*handler)(int)) {
  struct sigaction sa {};
  sa.sa_handler = handler;
  sa.sa_flags = SA_ONSTACK | SA_RESTART;
  ::sigemptyset(&sa.sa_mask);
  ::sigaddset(&sa.sa_mask, SIGUSR1);
  ::sigaddset(&sa.sa_mask, SIGUSR2);
  ::sigaction(sig, &sa, nullptr);
}

// A frame written outside a signal handler must not be cut by a request's frame.
class RequestsHeld {
 public:
  RequestsHeld() {
    sigset_t set;
    ::sigemptyset(&set);
    ::sigaddset(&set, SIGUSR1);
    ::sigaddset(&set, SIGUSR2);
    ::sigprocmask(SIG_BLOCK, &set, &old_);
  }
  ~RequestsHeld() { ::sigprocmask(SIG_SETMASK, &old_, nullptr); }

 private:
  sigset_t old_;
};

}  // namespace

namespace channel {

void become_child(Shared* shared, int fd) {
  g_shared = shared;
  g_fd = fd;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // a parent killed outright takes its child along
  // Ctrl-C reaches the whole process group: the parent decides, and asks the search to stop
  // (cli/interrupt.hpp) or ends the child.
  ::signal(SIGINT, SIG_IGN);
  ::signal(SIGTERM, SIG_IGN);
  // The fatal signals' handler runs on a stack of its own: a runaway recursion has used up the
  // thread's.
  constexpr std::size_t kAltStack = 64 * 1024;
  void* alt = ::mmap(nullptr, kAltStack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
                     0);
  if (alt != MAP_FAILED) {
    stack_t ss{};
    ss.ss_sp = alt;
    ss.ss_size = kAltStack;
    ::sigaltstack(&ss, nullptr);
  }
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS})
    catch_signal(sig, &on_fatal);
  catch_request(SIGUSR1, &on_probe);
  catch_request(SIGUSR2, &on_stop);
  checker::place_in_flight(&shared->in_flight);
}

void finish_child(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  {
    const RequestsHeld held;
    const std::int32_t c = code;
    write_frame_head(Tag::Finished, sizeof c);
    write_all(&c, sizeof c);
  }
  ::_exit(code);
}

}  // namespace channel

bool supervised() { return g_shared != nullptr; }

void send_note(const std::string& payload) {
  if (g_shared == nullptr) return;
  const RequestsHeld held;
  write_frame_head(channel::Tag::Note, payload.size());
  write_all(payload.data(), payload.size());
}

void set_count(std::size_t index, std::uint64_t count) {
  if (g_shared == nullptr) return;
  if (index < kCountSlots) g_shared->counts[index].store(count, std::memory_order_relaxed);
  if (g_shared->counts_used.load(std::memory_order_relaxed) <= index)
    g_shared->counts_used.store(index + 1, std::memory_order_relaxed);
}

}  // namespace weft::cli
