// Python's queue.Queue (first in, first out), queue.LifoQueue (last in, first out) and
// queue.PriorityQueue (smallest first, by operator<), with put/get that block, time out or raise
// Full/Empty, and task_done/join. Copies share one queue, as Python references do.
//
// A blocked get may proceed whenever the queue holds an item, and a blocked put whenever it has
// room; which of several blocked threads goes first is a scheduling choice: a sound
// over-approximation of CPython, whose notify order a barging thread can overtake anyway.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "sim/state_hash.hpp"
#include "sim/state_text.hpp"

namespace weft {

namespace detail {

// What every queue type shares, so that the waiting logic is written once (queue.cpp).
struct QueueState : sim::Object {
  QueueState(const char* kind, int max) : sim::Object(kind), maxsize(max) {}
  // Items held now.
  virtual std::size_t size() const = 0;
  // Holding maxsize items (never when unbounded).
  bool full() const { return maxsize > 0 && size() >= static_cast<std::size_t>(maxsize); }
  const int maxsize;            // 0 or less: unbounded
  std::int64_t unfinished = 0;  // items put and not yet task_done()
};

// How a put or get waits: not at all (block=false), until ready, or up to `timeout` seconds
// (negative or NaN: no timeout). A wait too long to represent is tried without waiting, and raises
// OverflowError where it would have waited.
struct QueueWait {
  QueueWait(bool block, double timeout);
  Mode mode;
  double timeout;
  bool too_large;
};
// Ready predicates: a put may proceed, a get may proceed.
bool queue_has_room(const sim::Object* q, sim::ThreadId self);
bool queue_has_item(const sim::Object* q, sim::ThreadId self);
// Inside a put's Gate: throws Full when it may not put; otherwise counts the coming item.
void queue_admit_put(const Gate& g, QueueState& q, const QueueWait& w);
// Inside a get's Gate: throws Empty when there is nothing to get.
void queue_admit_get(const Gate& g, const QueueWait& w);
// task_done(), join(), qsize(), empty(), full().
void queue_task_done(QueueState& q);
void queue_join(const QueueState& q);
std::size_t queue_qsize(const QueueState& q, const void* site);
bool queue_empty(const QueueState& q, const void* site);
bool queue_full(const QueueState& q, const void* site);

// The three orders.
template <class T>
struct FifoStore {
  static constexpr const char* kind = "Queue";
  std::deque<T> items;
  void push(T v) { items.push_back(std::move(v)); }
  T pop() {
    T v = std::move(items.front());
    items.pop_front();
    return v;
  }
};

template <class T>
struct LifoStore {
  static constexpr const char* kind = "LifoQueue";
  std::vector<T> items;
  void push(T v) { items.push_back(std::move(v)); }
  T pop() {
    T v = std::move(items.back());
    items.pop_back();
    return v;
  }
};

// A binary min-heap, as Python's heapq: the smallest item by operator< comes out first.
template <class T>
struct HeapStore {
  static constexpr const char* kind = "PriorityQueue";
  std::vector<T> items;
  static bool after(const T& a, const T& b) { return b < a; }
  void push(T v) {
    items.push_back(std::move(v));
    std::push_heap(items.begin(), items.end(), &after);
  }
  T pop() {
    std::pop_heap(items.begin(), items.end(), &after);
    T v = std::move(items.back());
    items.pop_back();
    return v;
  }
};

}  // namespace detail

// The queue behind Queue, LifoQueue and PriorityQueue; Store gives the order.
template <class T, class Store>
class BasicQueue {
 public:
  // A queue holding at most `maxsize` items (0 or less: no limit), with a name used in reports.
  explicit BasicQueue(int maxsize = 0, std::string name = "")
      : s_(detail::make_pooled<State>(maxsize)) {
    s_->set_name(std::move(name));
    detail::register_object(*s_);
  }

  // Adds `item`. When the queue is full: waits for room (block, no timeout), waits up to
  // `timeout` seconds then raises Full, or raises Full at once (block=false).
  void put(T item, bool block = true, double timeout = -1) const {
    const detail::QueueWait w(block, timeout);
    detail::Gate g(sim::OpKind::Put, sim::Access::Write, s_.get(), &detail::queue_has_room, w.mode,
                   w.timeout);
    detail::queue_admit_put(g, *s_, w);
    s_->store.push(std::move(item));
  }
  // Removes and returns the next item. When the queue is empty: waits for one, waits up to
  // `timeout` seconds then raises Empty, or raises Empty at once (block=false).
  T get(bool block = true, double timeout = -1) const {
    const detail::QueueWait w(block, timeout);
    detail::Gate g(sim::OpKind::Get, sim::Access::Write, s_.get(), &detail::queue_has_item, w.mode,
                   w.timeout);
    detail::queue_admit_get(g, w);
    return s_->store.pop();
  }
  // put(item, false) and get(false).
  void put_nowait(T item) const { put(std::move(item), false); }
  T get_nowait() const { return get(false); }

  // The number of items now, and whether it is 0. Never inlined: the return address names the
  // calling line, and reading again from one line with nothing written in between is how weft
  // tells a spin loop.
  [[gnu::noinline]] std::size_t qsize() const {
    return detail::queue_qsize(*s_, WEFT_CALL_SITE());
  }
  [[gnu::noinline]] bool empty() const { return detail::queue_empty(*s_, WEFT_CALL_SITE()); }
  // Whether the queue holds maxsize items (never when unbounded).
  [[gnu::noinline]] bool full() const { return detail::queue_full(*s_, WEFT_CALL_SITE()); }
  // The bound given at construction (0 or less: none).
  int maxsize() const { return s_->maxsize; }

  // Marks one item put earlier as processed; ValueError when every item already was.
  void task_done() const { detail::queue_task_done(*s_); }
  // Waits until every item put has been marked by task_done().
  void join() const { detail::queue_join(*s_); }

 private:
  struct State : detail::QueueState {
    explicit State(int max) : detail::QueueState(Store::kind, max) {}
    std::size_t size() const override { return store.items.size(); }
    Store store;
    bool fingerprint(sim::StateHasher& h) const override {
      h.mix(static_cast<std::uint64_t>(unfinished));
      h.mix(store.items.size());
      for (const T& item : store.items)
        if (!sim::hash_value(h, item)) return false;
      return true;
    }
    // Its items as Python lists q.queue (a LifoQueue: the last is taken first; a PriorityQueue:
    // its heap), or how many when they have no text.
    std::string state() const override {
      std::string s;
      if (sim::text_items(s, store.items)) return s;
      return std::to_string(store.items.size()) + (store.items.size() == 1 ? " item" : " items");
    }
  };
  std::shared_ptr<State> s_;
};

// queue.Queue: first in, first out.
template <class T>
class Queue : public BasicQueue<T, detail::FifoStore<T>> {
 public:
  using BasicQueue<T, detail::FifoStore<T>>::BasicQueue;
};

// queue.LifoQueue: last in, first out.
template <class T>
class LifoQueue : public BasicQueue<T, detail::LifoStore<T>> {
 public:
  using BasicQueue<T, detail::LifoStore<T>>::BasicQueue;
};

// queue.PriorityQueue: the smallest item (by operator<) first; put (priority, value) pairs.
template <class T>
class PriorityQueue : public BasicQueue<T, detail::HeapStore<T>> {
 public:
  using BasicQueue<T, detail::HeapStore<T>>::BasicQueue;
};

}  // namespace weft
