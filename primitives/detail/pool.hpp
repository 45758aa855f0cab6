// Primitive states recycled across executions. Every execution of a search creates the same few
// Locks, Shared variables and Threads again; per-size free lists hand their memory back in a few
// instructions, where malloc and free take over a hundred. Handles stay ordinary std::shared_ptr:
// a state lives exactly as long as its last handle, wherever that is kept, and only its memory
// goes back to a list.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

namespace weft::detail {

// Blocks by size class (multiples of kGrain bytes, up to kGrain * kClasses), one set of free
// lists per OS thread. A block freed on another OS thread (a real-backend program) joins that
// thread's lists; each thread frees its lists when it exits. Larger blocks go to operator new.
namespace pool {
inline constexpr std::size_t kGrain = 64;
inline constexpr std::size_t kClasses = 8;
void* allocate(std::size_t bytes);
void deallocate(void* p, std::size_t bytes) noexcept;
// Pooled blocks this OS thread took from operator new less those on its free lists: the blocks
// in use, less those other threads gave back here. Once every state a search made is gone, it is
// what it was before the search (tests check this). The lists are counted when asked, so that
// allocating and freeing a block count nothing.
std::ptrdiff_t blocks_out();
}  // namespace pool

// A std allocator over the pool, for std::allocate_shared.
template <class T>
struct PoolAllocator {
  static_assert(alignof(T) <= alignof(std::max_align_t), "pooled blocks are max_align_t aligned");
  using value_type = T;
  PoolAllocator() = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}  // NOLINT: rebinding, as std allocators
  T* allocate(std::size_t n) { return static_cast<T*>(pool::allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { pool::deallocate(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const PoolAllocator<U>&) const noexcept {
    return true;
  }
};

// std::make_shared, with the object and its reference counts in one pooled block.
template <class T, class... Args>
std::shared_ptr<T> make_pooled(Args&&... args) {
  return std::allocate_shared<T>(PoolAllocator<T>{}, std::forward<Args>(args)...);
}

}  // namespace weft::detail
