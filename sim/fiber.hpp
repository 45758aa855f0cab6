// The only door to Boost.Context. A Fiber is a stack of execution that can be switched to
// symmetrically (any fiber to any fiber). Ending a suspended fiber is the runtime's business: it
// resumes the fiber, which unwinds itself with an exception and finishes normally, so destructors
// on its stack run and the fiber parks, ready for another body.
#pragma once

#include <cstddef>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

// Sanitizer builds (WEFT_SANITIZE, README "Sanitizers") tell the sanitizer about every stack
// switch; in other builds that bookkeeping is compiled out. g++ says so with __SANITIZE_*__,
// clang with __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define WEFT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WEFT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define WEFT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TSAN 1
#endif
#endif

namespace weft::sim {

// Guarded fiber stacks, recycled across executions: creating a guarded stack costs a couple of
// system calls, reusing one costs a vector pop. The lowest page of every stack is PROT_NONE, so a
// scenario that overflows its stack faults at once instead of corrupting a neighbour.
class StackPool {
 public:
  explicit StackPool(std::size_t stack_bytes = 256 * 1024);
  // The pool of the calling OS thread: searches that follow one another reuse its stacks. Shared,
  // so that a runtime that outlives the thread's own reference (one kept in a thread_local built
  // before the pool) can still give its stacks back.
  static std::shared_ptr<StackPool> local();
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  struct Stack {
    void* top;         // highest address (stacks grow down)
    std::size_t size;  // usable bytes, guard page excluded
  };
  Stack take();
  void give_back(Stack s) { free_.push_back(s); }
  // A stack a forgotten fiber was left on: it never comes back.
  void lose() { ++lost_; }
  std::size_t stack_bytes() const { return bytes_; }
  // Stacks handed out and not given back, lost ones included. Once every fiber that took one has
  // gone, this equals lost(); more is a leak.
  std::size_t out() const { return all_.size() - free_.size(); }
  std::size_t lost() const { return lost_; }
  // True when addr lies in the guard page of a stack this pool handed out.
  bool is_guard_page(const void* addr) const;

 private:
  std::size_t bytes_;
  std::vector<Stack> free_;
  std::vector<Stack> all_;
  std::size_t lost_ = 0;
};

// A fiber. A default-constructed Fiber stands for "a context with no stack of its own" (the OS
// thread's original context); it becomes resumable once something switches away from it.
// A fiber whose body has finished keeps its stack and context, parked in a loop that runs the
// next body given to create(): a thread of the next execution starts without a new context, and
// its stack never goes back to the pool and out again.
class Fiber {
 public:
  // What a fiber runs. `run` executes the body; exceptions escaping it go to `uncaught` (still on
  // the fiber's stack). `finish` names the fiber to continue with once the body is done; the
  // finished fiber parks until create() gives it another body.
  struct Entry {
    void (*run)(void* arg);
    void (*uncaught)(void* arg, std::exception_ptr e);
    Fiber& (*finish)(void* arg);
    void* arg;
  };

  Fiber() = default;
  // A parked fiber's stack goes back to its pool, which must still exist. A fiber still suspended
  // in its body is forgotten, never force-unwound: the runtime ends fibers itself before their
  // Fiber objects go away.
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // Gives the fiber a body to run, which starts on the next switch_to: on a new context on a
  // pooled stack, or, when the fiber is parked, on its own (then `pool` must be the one it took
  // its stack from). Costs no switch. Not while a body is suspended (see suspended()).
  void create(StackPool& pool, const Entry& entry);
  // Suspends the running fiber `from` and resumes `to`. Returns when someone switches back.
  static void switch_to(Fiber& from, Fiber& to) {
    ExceptionState& eh = exception_globals();
    std::memcpy(&from.exceptions_, &eh, sizeof eh);  // whole: one 16-byte move each way
    std::memcpy(&eh, &to.exceptions_, sizeof eh);
    jump(from, to);
  }
  // Drops a suspended fiber without running anything on it: its stack is leaked. The last resort
  // for a scenario that refuses to unwind (it swallows the unwinding exception forever).
  void forget();
  // Whether the fiber holds a body that has not finished (it may not have begun).
  bool suspended() const { return busy_ && ctx_ != nullptr; }

  // The C++ runtime's record of the exceptions a fiber is handling (a catch block it was
  // switched out of, or one in flight). The runtime keeps one record per OS thread: shared by
  // fibers, a `throw;` would rethrow another fiber's exception. So each fiber keeps its own,
  // swapped in while it runs.
  struct ExceptionState {
    void* caught = nullptr;     // the handled exceptions, innermost first
    unsigned int uncaught = 0;  // thrown and not yet caught
  };
  // The OS thread's record, looked up once per thread (asking the runtime costs a call).
  static ExceptionState& exception_globals() {
    return t_exceptions != nullptr ? *t_exceptions : look_up_exception_globals();
  }

 private:
  struct Hop;
  [[gnu::cold]] static ExceptionState& look_up_exception_globals();
  static inline thread_local ExceptionState* t_exceptions = nullptr;
  static void jump(Fiber& from, Fiber& to);
  // Just after landing on a fiber; `fake_stack` is what AddressSanitizer saved when it was left
  // (null on its first landing).
  static void landed(void* from_ctx, void* hop, void* fake_stack);
  [[noreturn]] static void start(void* from_ctx, void* hop);

  void* ctx_ = nullptr;  // the suspended context (a Boost.Context fcontext_t), null when none
  ExceptionState exceptions_{};  // while suspended
  Entry entry_{};
  StackPool* pool_ = nullptr;
  StackPool::Stack stack_{};  // top == nullptr: none (the OS thread's context, or forgotten)
  bool busy_ = false;         // a body was given and has not finished
#if WEFT_ASAN
  // The stack AddressSanitizer must move to when this fiber is resumed. The OS thread's own
  // stack is learnt when it is first left.
  const void* asan_bottom_ = nullptr;
  std::size_t asan_size_ = 0;
#endif
#if WEFT_TSAN
  // ThreadSanitizer's record of this fiber: its own for a pooled fiber, the OS thread's for the
  // original context.
  void* tsan_ = nullptr;
#endif
};

}  // namespace weft::sim
