// A program thread's life: its start (run at once up to its first visible operation), the base
// of its stack, an uncaught exception, and its end, which is a step of its own.
#include <exception>
#include <string>
#include <utility>

#include "sim/error.hpp"
#include "sim/runtime.hpp"
#include "sim/runtime_inline.hpp"

namespace weft::sim {

ThreadId Runtime::add_thread(const std::string* name, bool daemon, void (*fn)(void*),
                             void (*done)(void*), void* arg, std::shared_ptr<void> handle) {
  if (count_ == threads_.size()) {  // more threads than any execution so far had
    threads_.push_back(std::make_unique<Thread>());
    slots_.emplace_back();
    enabled_.push_back(kNoThread);
  }
  const auto id = static_cast<ThreadId>(count_++);
  slots_[id] = Slot{State::Running, daemon, false, false, false, Op{}};
  Thread& t = *threads_[id];
  t.name = name;
  t.fn = fn;
  t.done = done;
  t.arg = arg;
  t.handle = std::move(handle);
  t.object = nullptr;
  t.process = id == 0 ? 0 : threads_[current_]->process;
  t.clock = id == 0 ? 0 : threads_[current_]->clock;  // a new thread starts at its starter's time
  t.calls_after_end = 0;
  t.clock_reads = 0;
  if (recording_) t.wait = Wait{};
  t.reads.clear();
  if (!daemon) ++non_daemon_alive_;
  t.fiber.create(*pool_, Fiber::Entry{&fiber_run, &fiber_uncaught, &fiber_finish, this});
  return id;
}

// done() runs after the unwinding rather than fn() cleaning up after itself: every frame with a
// cleanup costs an abandoned thread's unwinding another walk of the stack.
ThreadId Runtime::spawn(const std::string& name, bool daemon, void (*fn)(void*),
                        void (*done)(void*), std::shared_ptr<void> handle, const Object* object) {
  void* arg = handle.get();
  const ThreadId id = add_thread(&name, daemon, fn, done, arg, std::move(handle));
  threads_[id]->object = object;
  if (object != nullptr && object->id() != 0) {
    if (object_thread_.size() <= object->id()) object_thread_.resize(object->id() + 1, kNoThread);
    object_thread_[object->id()] = id;
  }
  if (object != nullptr && object->kind() == kProcessKind) threads_[id]->process = object->id();
  if (recording_) note_object(object);  // its start event named it before it had one
  // Run the new thread up to its first visible operation: the code before it touches nothing
  // another thread can see, so running it now is one of the interleavings, and it saves a
  // scheduling point per thread.
  priming_ = current_;
  plain_ = false;
  switch_to(id);
  // The execution ended while the new thread ran. Its start is done: only a destructor, which
  // may not throw, goes on from it.
  if (slots_[current_].abandoned && std::uncaught_exceptions() == 0) unwind_abandoned();
  return id;
}

// A killed thread is Finished at once: joins of it return, it is never picked again, and its
// fiber stays where it was (suspended in its last step) until abandon_all unwinds it with the
// threads the execution's end cut off. Nothing of it runs in between, as nothing of a killed
// process does: a lock its guard holds stays held.
void Runtime::end_process(const Object& process) {
  const std::uint32_t id = process.id();
  for (ThreadId i = 0; i < count_; ++i) {
    Slot& s = slots_[i];
    if (threads_[i]->process != id || s.state != State::Running) continue;
    s.state = State::Finished;
    s.spinning = false;
    if (s.has_reads) {
      threads_[i]->reads.clear();
      s.has_reads = false;
      --readers_;
    }
    if (!s.daemon) --non_daemon_alive_;
  }
  // The last non-daemon threads were killed (by a daemon thread): the program ends here.
  if (non_daemon_alive_ == 0) return end_here(Status::Ok, {});
  // Its own process: the caller goes no further. Another thread is picked; the caller's fiber
  // stays here until the execution's end unwinds it.
  if (slots_[current_].state != State::Running) schedule();
}

void Runtime::fiber_run(void* arg) {
  auto& rt = *static_cast<Runtime*>(arg);
  const Thread& t = *rt.threads_[rt.current_];
  std::exception_ptr escaped;
  try {
    t.fn(t.arg);
  } catch (...) {
    // Unless the execution has ended and this thread is being abandoned (its stack has just
    // unwound). Caught here rather than rethrown to the fiber's own handler, since every throw
    // walks the stack anew; reported outside the handler, since the report is an operation
    // other threads may run before.
    if (!rt.ended_) escaped = std::current_exception();
  }
  if (escaped) rt.report_uncaught(escaped);
  if (t.done != nullptr) t.done(t.arg);
  if (rt.ended_) return;  // abandoned: nothing more runs on it
  // Ending is a step of its own: which threads a join releases, and whether the program ends
  // before or after a daemon thread's next operation, depend on where it falls.
  const Object* self = t.object != nullptr ? t.object : &rt.world_.threads_object;
  rt.step(Op{.kind = OpKind::End, .access = Access::Write, .object = self});
}

// Only what the End step's unwinding throws gets here (fiber_run catches the rest).
void Runtime::fiber_uncaught(void* arg, std::exception_ptr e) {
  static_cast<Runtime*>(arg)->report_uncaught(e);
}

// Python writes the report to stderr as the thread dies, and another thread may print or die
// first: a print to stderr, a visible operation like any other, so that the search orders it
// against other writes to stderr and the reduction knows it writes stderr.
void Runtime::report_uncaught(const std::exception_ptr& e) {
  if (ended_) return;  // abandoned, or anything thrown while unwinding
  try {
    std::rethrow_exception(e);
  } catch (const Abandoned&) {
    return;
  } catch (...) {
  }
  try {
    step(Op{.kind = OpKind::Print, .access = Access::Write, .object = &world_.stderr_object});
  } catch (...) {  // the execution ended while the report waited: it never shows
    return;
  }
  // Appended piece by piece: a chain of operator+ draws g++ 12's -Wrestrict false positive here.
  std::string& err = world_.err;
  err += "Exception in thread ";
  err += *threads_[current_]->name;
  err += ": ";
  err += describe_exception(e);
  err += '\n';
}

Fiber& Runtime::fiber_finish(void* arg) { return static_cast<Runtime*>(arg)->finish_current(); }

std::vector<ThreadId> Runtime::alive() const {
  std::vector<ThreadId> out;
  for (ThreadId i = 0; i < count_; ++i)
    if (slots_[i].state == State::Running) out.push_back(i);
  return out;
}

}  // namespace weft::sim
