#include "sim/fiber.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>

#include <boost/context/detail/fcontext.hpp>
#include <cxxabi.h>
#include <algorithm>
#include <new>
#include <stdexcept>
#include <utility>

#if WEFT_ASAN
#include <sanitizer/asan_interface.h>
#endif
#if WEFT_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace ctx = boost::context;

namespace weft::sim {

namespace {

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

// Guard pages of every stack handed out, for the fault handler: a fixed table, because a signal
// handler may not allocate or lock.
constexpr std::size_t kMaxGuards = 1 << 14;
std::atomic<std::uintptr_t> g_guards[kMaxGuards];
std::atomic<std::size_t> g_guard_count{0};

// The SIGSEGV handler installed before this one (a supervisor's, which reports the execution
// under way): a fault is passed on to it once said in words.
struct sigaction g_previous {};

bool previous_is_a_function() {
  if ((g_previous.sa_flags & SA_SIGINFO) != 0) return g_previous.sa_sigaction != nullptr;
  return g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN;
}

void on_fault(int sig, siginfo_t* info, void* context) {
  const auto addr = reinterpret_cast<std::uintptr_t>(info->si_addr);
  const std::uintptr_t page = page_size();
  const std::size_t n = std::min(g_guard_count.load(), kMaxGuards);
  bool overflow = false;
  for (std::size_t i = 0; i < n && !overflow; ++i) {
    const std::uintptr_t guard = g_guards[i].load();
    overflow = addr >= guard && addr < guard + page;
  }
  if (overflow) {
    static const char msg[] =
        "weft: a thread of the scenario overflowed its stack (deep or endless recursion); "
        "the execution cannot go on\n";
    (void)!::write(2, msg, sizeof msg - 1);
  }
  if (previous_is_a_function()) {
    if ((g_previous.sa_flags & SA_SIGINFO) != 0) {
      g_previous.sa_sigaction(sig, info, context);
    } else {
      g_previous.sa_handler(sig);
    }
  }
  if (overflow) ::_exit(1);
  // Not ours: die of the signal as the program would have.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// The handler runs on an alternate stack, because the faulting one is exhausted. An alternate
// stack belongs to one OS thread, so each thread that runs fibers gets its own, mapped when it
// first takes a fiber stack and unmapped when it ends. On the way out the thread's previous
// alternate stack (none, or a sanitizer's, which the sanitizer unmaps itself at the thread's end)
// is put back before ours is unmapped: a thread must never be left naming unmapped memory.
class AltStack {
 public:
  AltStack() {
    const std::size_t page = page_size();
    void* base = ::mmap(nullptr, kBytes + page, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) return;  // no report in words then: the fault still ends the process
    ::mprotect(base, page, PROT_NONE);  // a guard page: a handler that overflows faults at once
    stack_t ss{};
    ss.ss_sp = static_cast<char*>(base) + page;
    ss.ss_size = kBytes;
    if (::sigaltstack(&ss, &previous_) != 0) {
      ::munmap(base, kBytes + page);
      return;
    }
    base_ = base;
  }
  ~AltStack() {
    if (base_ == nullptr) return;
    stack_t restore{};
    if ((previous_.ss_flags & SS_DISABLE) != 0) {
      restore.ss_flags = SS_DISABLE;
    } else {  // SS_ONSTACK is reported, never asked for
      restore.ss_sp = previous_.ss_sp;
      restore.ss_size = previous_.ss_size;
    }
    ::sigaltstack(&restore, nullptr);
    ::munmap(base_, kBytes + page_size());
  }
  AltStack(const AltStack&) = delete;
  AltStack& operator=(const AltStack&) = delete;

 private:
  static constexpr std::size_t kBytes = 64 * 1024;
  void* base_ = nullptr;
  stack_t previous_{};
};

// A stack overflow in a scenario is reported in the user's terms instead of a bare crash: the
// handler is the process's, its alternate stack the calling thread's.
void watch_guard_pages() {
  thread_local const AltStack alt_stack;
  static const bool installed = [] {
    struct sigaction sa {};
    sa.sa_sigaction = &on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    ::sigemptyset(&sa.sa_mask);
    ::sigaction(SIGSEGV, &sa, &g_previous);
    return true;
  }();
  (void)installed;
}

}  // namespace

// The Itanium C++ ABI's __cxa_eh_globals, whose layout (the handled exceptions, then the
// uncaught count) ExceptionState repeats.
#if defined(__ARM_EABI_UNWINDER__)
#error "__cxa_eh_globals has a third member under the ARM EABI unwinder: extend ExceptionState"
#endif
static_assert(sizeof(Fiber::ExceptionState) == 2 * sizeof(void*), "switch_to copies it whole");
Fiber::ExceptionState& Fiber::look_up_exception_globals() {
  t_exceptions = reinterpret_cast<ExceptionState*>(abi::__cxa_get_globals());
  return *t_exceptions;
}

StackPool::StackPool(std::size_t stack_bytes) {
  const std::size_t page = page_size();
  bytes_ = (stack_bytes + page - 1) / page * page;
}

std::shared_ptr<StackPool> StackPool::local() {
  thread_local std::shared_ptr<StackPool> pool = std::make_shared<StackPool>();
  return pool;
}

StackPool::~StackPool() {
  for (const Stack& s : all_) {
    char* base = static_cast<char*>(s.top) - s.size - page_size();
    ::munmap(base, s.size + page_size());
  }
}

StackPool::Stack StackPool::take() {
  watch_guard_pages();  // on this OS thread: a pool's stacks are taken where they run
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
#if WEFT_ASAN
    // The last fiber on this stack was left parked in its loop, whose frames never returned to
    // unpoison their redzones: the next fiber starts on a clean stack.
    ASAN_UNPOISON_MEMORY_REGION(static_cast<char*>(s.top) - s.size, s.size);
#endif
    return s;
  }
  const std::size_t total = bytes_ + page_size();
  void* base = ::mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                      -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  ::mprotect(base, page_size(), PROT_NONE);  // the guard page
  const std::size_t slot = g_guard_count.fetch_add(1);
  if (slot < kMaxGuards) g_guards[slot].store(reinterpret_cast<std::uintptr_t>(base));
  Stack s{static_cast<char*>(base) + total, bytes_};
  all_.push_back(s);
  return s;
}

bool StackPool::is_guard_page(const void* addr) const {
  const auto* a = static_cast<const char*>(addr);
  for (const Stack& s : all_) {
    const char* guard = static_cast<const char*>(s.top) - s.size - page_size();
    if (a >= guard && a < guard + page_size()) return true;
  }
  return false;
}

// Raw fcontext switching rather than boost::context::fiber: creating a fiber costs no switch
// (boost's fiber jumps into a new context and back to set it up), and ending one is a plain jump
// instead of an ontop call that destroys the stack.

// What a jump carries: the fiber that left, so that the one landing can keep the context to
// resume it by (null when it ended for good), and the fiber landed on (for its first landing).
struct Fiber::Hop {
  Fiber* from;
  Fiber* to;
};

// Sanitizers are told about each switch on both sides of the jump: before it, which stack comes
// next; after it, that the switch is done. Otherwise AddressSanitizer takes a fiber's frames for
// overflows of the OS thread's stack (an exception unwinding a fiber is reported as a
// stack-buffer-overflow), and ThreadSanitizer mixes the histories of unrelated stacks.
void Fiber::landed(void* from_ctx, void* hop, void* fake_stack) {
  Fiber* from = static_cast<Hop*>(hop)->from;
#if WEFT_ASAN
  const void* bottom = nullptr;
  std::size_t size = 0;
  __sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
  if (from != nullptr) {  // the OS thread's own stack is known only this way
    from->asan_bottom_ = bottom;
    from->asan_size_ = size;
  }
#else
  (void)fake_stack;
#endif
  if (from != nullptr) from->ctx_ = from_ctx;
}

void Fiber::create(StackPool& pool, const Entry& entry) {
  entry_ = entry;
  exceptions_ = {};  // what a previous body left saved here ended with it
  busy_ = true;
  if (ctx_ != nullptr) return;  // parked: the loop in start() runs the new body
  pool_ = &pool;
  stack_ = pool.take();
#if WEFT_ASAN
  asan_bottom_ = static_cast<char*>(stack_.top) - stack_.size;
  asan_size_ = stack_.size;
#endif
#if WEFT_TSAN
  tsan_ = __tsan_create_fiber(0);
#endif
  ctx_ = ctx::detail::make_fcontext(stack_.top, stack_.size, [](ctx::detail::transfer_t t) {
    start(t.fctx, t.data);
  });
}

Fiber::~Fiber() {
  if (stack_.top == nullptr) return;
  if (!busy_) pool_->give_back(stack_);
#if WEFT_TSAN
  __tsan_destroy_fiber(tsan_);
#endif
}

void Fiber::forget() {
  if (stack_.top != nullptr) pool_->lose();
  ctx_ = nullptr;
  busy_ = false;
  stack_ = {};
#if WEFT_TSAN
  __tsan_destroy_fiber(std::exchange(tsan_, nullptr));
#endif
}

void Fiber::start(void* from_ctx, void* hop) {
  Fiber& self = *static_cast<Hop*>(hop)->to;
  landed(from_ctx, hop, nullptr);
  for (;;) {
    const Entry e = self.entry_;
    try {
      e.run(e.arg);
    } catch (...) {
      e.uncaught(e.arg, std::current_exception());
    }
    Fiber& next = e.finish(e.arg);
    // Parked: whoever gives this fiber its next body and switches to it resumes the loop here.
    self.busy_ = false;
    switch_to(self, next);
  }
}

void Fiber::jump(Fiber& from, Fiber& to) {
  Hop hop{&from, &to};
  void* fake_stack = nullptr;
#if WEFT_ASAN
  __sanitizer_start_switch_fiber(&fake_stack, to.asan_bottom_, to.asan_size_);
#endif
#if WEFT_TSAN
  // The switches order everything the fibers do: they run one at a time on this OS thread.
  if (from.pool_ == nullptr) from.tsan_ = __tsan_get_current_fiber();
  __tsan_switch_to_fiber(to.tsan_, 0);
#endif
  const ctx::detail::transfer_t t = ctx::detail::jump_fcontext(std::exchange(to.ctx_, nullptr), &hop);
  // Someone switched back to `from`: keep their context where they can be resumed.
  landed(t.fctx, t.data, fake_stack);
}

}  // namespace weft::sim
