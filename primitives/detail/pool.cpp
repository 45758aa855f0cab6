#include "primitives/detail/pool.hpp"

#include <new>
#include <utility>

namespace weft::detail::pool {

namespace {

struct FreeBlock {
  FreeBlock* next;
};

// The calling OS thread's free lists. Plain thread_locals: reaching them costs no guard.
thread_local FreeBlock* t_heads[kClasses];
thread_local bool t_gone;  // the lists were freed: at exit, static objects may still free states
thread_local std::ptrdiff_t t_made;  // blocks this thread took from operator new for its lists

// Frees the lists when the thread exits. Armed whenever a list goes from empty to not empty.
struct Reaper {
  ~Reaper() {
    t_gone = true;
    for (FreeBlock*& head : t_heads) {
      while (head != nullptr) ::operator delete(std::exchange(head, head->next));
    }
  }
};

void arm_reaper() {
  thread_local Reaper reaper;
  (void)reaper;
}

}  // namespace

void* allocate(std::size_t bytes) {
  const std::size_t c = (bytes - 1) / kGrain;
  if (c >= kClasses) return ::operator new(bytes);
  if (FreeBlock* b = t_heads[c]) {
    t_heads[c] = b->next;
    return b;
  }
  ++t_made;
  return ::operator new((c + 1) * kGrain);
}

void deallocate(void* p, std::size_t bytes) noexcept {
  const std::size_t c = (bytes - 1) / kGrain;
  if (c >= kClasses || t_gone) {
    ::operator delete(p);
    return;
  }
  if (t_heads[c] == nullptr) arm_reaper();
  auto* b = static_cast<FreeBlock*>(p);
  b->next = t_heads[c];
  t_heads[c] = b;
}

std::ptrdiff_t blocks_out() {
  std::ptrdiff_t listed = 0;
  for (const FreeBlock* head : t_heads) {
    for (const FreeBlock* b = head; b != nullptr; b = b->next) ++listed;
  }
  return t_made - listed;
}

}  // namespace weft::detail::pool
