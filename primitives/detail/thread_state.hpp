// The record behind a Thread: what ThreadRef handles share, and what the backends keep as the
// thread's handle.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "primitives/detail/task.hpp"
#include "sim/types.hpp"

namespace weft::detail {

struct ThreadState : sim::Object {
  explicit ThreadState(std::string_view thread_name) : sim::Object("Thread"), name(thread_name) {}

  std::string name;
  bool daemon = false;
  bool started = false;
  bool finished = false;  // the body has returned or thrown
  sim::ThreadId tid = sim::kNoThread;
  Task target;  // the callable a target-style Thread runs (cleared when it ends)
  Task body;    // a subclass thread's run(), bound when it starts (cleared when it ends)

  void holders(std::vector<sim::ThreadId>& out) const override {
    if (started && !finished) out.push_back(tid);
  }
  // A thread is named as the program names it: "Thread-2", "MainThread", "worker".
  std::string describe() const override { return name; }
};

}  // namespace weft::detail
