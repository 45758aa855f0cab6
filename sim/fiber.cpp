#include "sim/fiber.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <boost/context/fiber.hpp>
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

// The Boost.Context stack-allocator concept, over a StackPool.
struct PoolAllocator {
  StackPool* pool;
  ctx::stack_context allocate() {
    StackPool::Stack s = pool->take();
    ctx::stack_context sc;
    sc.sp = s.top;
    sc.size = s.size;
    return sc;
  }
  void deallocate(ctx::stack_context& sc) noexcept { pool->give_back({sc.sp, sc.size}); }
};

// The fiber that switched away last: whoever lands next stores the switcher's continuation in it.
thread_local Fiber* t_switched_from = nullptr;

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

static_assert(sizeof(ctx::fiber) == sizeof(void*), "boost::context::fiber is one pointer");

static ctx::fiber& boost_fiber(unsigned char* storage) {
  return *std::launder(reinterpret_cast<ctx::fiber*>(storage));
}

Fiber::Fiber() { new (ctx_) ctx::fiber(); }

Fiber::~Fiber() {
  // A fiber still suspended here is forgotten, never force-unwound from a destructor: the
  // runtime ends fibers itself before their Fiber objects go away.
  if (suspended()) forget();
  boost_fiber(ctx_).~fiber();
}

bool Fiber::suspended() const {
  return static_cast<bool>(*std::launder(reinterpret_cast<const ctx::fiber*>(ctx_)));
}

void Fiber::forget() {
  // Overwrite without destroying: boost's destructor would force-unwind the suspended stack.
  new (ctx_) ctx::fiber();
}

void Fiber::create(StackPool& pool, const Entry& entry) {
  Fiber* self = this;
  Entry e = entry;
  boost_fiber(ctx_) = ctx::fiber(
      std::allocator_arg, PoolAllocator{&pool}, [self, e](ctx::fiber&& caller) -> ctx::fiber {
        boost_fiber(t_switched_from->ctx_) = std::move(caller);
        try {
          e.run(e.arg);
        } catch (...) {
          e.uncaught(e.arg, std::current_exception());
        }
        Fiber& next = e.finish(e.arg);
        t_switched_from = self;
        return std::move(boost_fiber(next.ctx_));
      });
}

void Fiber::switch_to(Fiber& from, Fiber& to) {
  t_switched_from = &from;
  ctx::fiber continuation = std::move(boost_fiber(to.ctx_)).resume();
  // Someone switched back to `from`: keep their continuation where they can be resumed.
  boost_fiber(t_switched_from->ctx_) = std::move(continuation);
}

}  // namespace weft::sim
