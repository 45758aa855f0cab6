// The record behind a Thread: what ThreadRef handles share, and what the backends keep as the
// thread's handle.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "primitives/detail/process_state.hpp"
#include "primitives/detail/task.hpp"
#include "sim/state_hash.hpp"
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
  // The process it runs in (null: the main process), and then the name reports give it, which
  // names the process too: "Process-1/MainThread".
  std::shared_ptr<ProcessState> process;
  std::string shown;
  const std::string& reported_name() const { return process ? shown : name; }
  // Thread::interchangeable's key, 0 until it is called.
  std::uint64_t symmetry_key = 0;

  void holders(std::vector<sim::ThreadId>& out) const override {
    if (started && !finished) out.push_back(tid);
  }
  // A thread is named as the program names it: "Thread-2", "MainThread", "worker".
  std::string describe() const override { return reported_name(); }
  std::uint64_t symmetry_class() const override { return symmetry_key; }
  // (Once started, the runtime fingerprints a thread with its state, and not through this.)
  bool fingerprint(sim::StateHasher& h) const override {
    h.mix_bytes(name);
    h.mix(daemon);
    h.mix(started);
    h.mix(finished);
    h.mix(process ? process->id() : 0);  // the process it will run in (its maker's)
    return true;
  }
};

}  // namespace weft::detail
