// How an execution ends: its status, the description of a deadlock's blocked threads, and the
// unwinding of the threads the end cut off.
#include <exception>
#include <string>

#include "sim/runtime.hpp"

namespace weft::sim {

void Runtime::end_status(Status status, std::string_view message) {
  ended_ = true;
  plain_ = false;
  outcome_.status = status;
  if (message.empty()) {  // most executions end so: spare the string assignment
    outcome_.message.clear();
  } else {
    outcome_.message.assign(message);
  }
}

void Runtime::leave_for_host(Status status, std::string_view message) {
  if (!ended_) end_status(status, message);
  const ThreadId me = current_;
  current_ = kNoThread;
  Fiber::switch_to(threads_[me]->fiber, host_);
}

void Runtime::fail(Status status, std::string message) {
  if (!ended_) leave_for_host(status, message);
  // A failed check does not return. Called from a destructor while its thread unwinds, it may not
  // throw either.
  if (std::uncaught_exceptions() > 0 || ++threads_[current_]->calls_after_end > kCallsAfterEnd)
    leave_for_good();
  unwind_abandoned();
}

// Written over the entries the last deadlock left, whose strings and lists keep their memory: a
// reduced search of a deadlocking program ends most of its executions here.
void Runtime::describe_blocked() {
  std::vector<BlockedThread>& out = outcome_.blocked;
  std::size_t n = 0;
  for (ThreadId i = 0; i < count_; ++i) {
    const Slot& t = slots_[i];
    if (t.state == State::Finished) continue;
    if (n == out.size()) out.emplace_back();
    BlockedThread& b = out[n++];
    b.thread.assign(*threads_[i]->name);
    b.object.clear();
    b.held_by.clear();
    if (t.state == State::Exited) {  // MainThread's body returned; it waits at program exit
      b.op.assign("exit");
      b.object.assign("the non-daemon threads");
      for (ThreadId j = 1; j < count_; ++j)
        if (slots_[j].state == State::Running && !slots_[j].daemon)
          b.held_by.push_back(*threads_[j]->name);
    } else {
      b.op.assign(t.spinning ? "spin" : op_name(t.pending.kind));
      if (const Object* o = t.pending.object) {
        b.object.assign(o->describe());
        holders_.clear();
        o->holders(holders_);
        for (ThreadId h : holders_) b.held_by.push_back(*threads_[h]->name);
      }
    }
  }
  out.resize(n);
  described_ = true;
}

// Newest first, MainThread last. A thread refers to what the threads before it own (its starter's
// locals above all, captured by reference), never to what later ones own: while it unwinds, and
// runs on from an operation that completes quietly (after_end), all of that is still there.
void Runtime::abandon_all() {
  for (ThreadId i = static_cast<ThreadId>(count_); i-- > 0;) {
    Thread& t = *threads_[i];
    if (!t.fiber.suspended()) continue;
    slots_[i].abandoned = true;
    current_ = i;
    Fiber::switch_to(host_, t.fiber);
    if (t.fiber.suspended()) t.fiber.forget();  // left for good; its stack is lost
  }
}

bool Runtime::completes_after_end() {
  if (++threads_[current_]->calls_after_end > kCallsAfterEnd) [[unlikely]] leave_for_good();
  const Op& op = slots_[current_].pending;
  // What destructors do (a guard's release, a keyboard's close) completes quietly: it never
  // blocks, and what it is on outlives the thread (abandon_all). So does a thread's own end.
  if (quiet_when_abandoned(op.kind) || op.kind == OpKind::End) return true;
  // Called by the program's code: the thread unwinds from it.
  if (std::uncaught_exceptions() == 0) return false;
  // Called from a destructor while the thread unwinds, where a throw would end the process: it
  // completes if no other thread need act first (the outcome is taken: nothing it does shows).
  // A start, or a wait that nothing will end, leaves the thread for good.
  if (op.kind != OpKind::Start && (op.ready == nullptr || op.deadline != kNever ||
                                   op.site != nullptr || op.ready(op.object, current_)))
    return true;
  leave_for_good();
}

void Runtime::leave_for_good() {
  const ThreadId me = current_;
  current_ = kNoThread;
  Fiber::switch_to(threads_[me]->fiber, host_);
  std::terminate();  // the host never comes back to it (abandon_all forgets it)
}

}  // namespace weft::sim
