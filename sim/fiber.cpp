#include "sim/fiber.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/detail/fcontext.hpp>
#include <new>
#include <stdexcept>
#include <utility>

namespace ctx = boost::context;

namespace weft::sim {

namespace {

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

}  // namespace

StackPool::StackPool(std::size_t stack_bytes) {
  const std::size_t page = page_size();
  bytes_ = (stack_bytes + page - 1) / page * page;
}

StackPool& StackPool::local() {
  thread_local StackPool pool;
  return pool;
}

StackPool::~StackPool() {
  for (const Stack& s : all_) {
    char* base = static_cast<char*>(s.top) - s.size - page_size();
    ::munmap(base, s.size + page_size());
  }
}

StackPool::Stack StackPool::take() {
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
    return s;
  }
  const std::size_t total = bytes_ + page_size();
  void* base = ::mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                      -1, 0);
  if (base == MAP_FAILED) throw std::bad_alloc();
  ::mprotect(base, page_size(), PROT_NONE);  // the guard page
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

void Fiber::landed(void* from_ctx, void* hop) {
  if (Fiber* from = static_cast<Hop*>(hop)->from) from->ctx_ = from_ctx;
}

void Fiber::create(StackPool& pool, const Entry& entry) {
  entry_ = entry;
  pool_ = &pool;
  stack_ = pool.take();
  ctx_ = ctx::detail::make_fcontext(stack_.top, stack_.size, [](ctx::detail::transfer_t t) {
    start(t.fctx, t.data);
  });
}

void Fiber::start(void* from_ctx, void* hop) {
  Fiber& self = *static_cast<Hop*>(hop)->to;
  landed(from_ctx, hop);
  const Entry e = self.entry_;
  try {
    e.run(e.arg);
  } catch (...) {
    e.uncaught(e.arg, std::current_exception());
  }
  Fiber& next = e.finish(e.arg);
  // Nothing runs on this stack after the jump below, so it may be handed out again already.
  self.pool_->give_back(self.stack_);
  Hop last{nullptr, &next};
  ctx::detail::jump_fcontext(std::exchange(next.ctx_, nullptr), &last);
  __builtin_unreachable();  // nobody holds this context: it is never resumed
}

void Fiber::switch_to(Fiber& from, Fiber& to) {
  Hop hop{&from, &to};
  const ctx::detail::transfer_t t = ctx::detail::jump_fcontext(std::exchange(to.ctx_, nullptr), &hop);
  // Someone switched back to `from`: keep their context where they can be resumed.
  landed(t.fctx, t.data);
}

}  // namespace weft::sim
