#include "primitives/thread.hpp"

#include <charconv>
#include <typeinfo>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "sim/error.hpp"

namespace weft {

using detail::Gate;
using detail::Mode;
using detail::RealBackend;
using detail::ThreadState;
using sim::Access;
using sim::OpKind;

namespace {

// A forked process numbers its threads on from its parent's count at the fork, as Python's do.
int next_thread_number() {
  if (auto* rt = sim::Runtime::current()) {
    if (const auto& p = detail::current_process()) return ++p->thread_numbers;
    return rt->next_thread_number();
  }
  auto* real = RealBackend::current();
  if (real == nullptr) detail::no_backend();
  std::lock_guard<std::mutex> lock(real->mu);
  return real->next_thread_number();
}

// On the simulator a thread has finished once its end step ran; on real threads once its body
// returned.
bool is_finished(const sim::Object* o, sim::ThreadId) {
  const auto* s = static_cast<const ThreadState*>(o);
  if (auto* rt = sim::Runtime::current()) return rt->finished(s->tid);
  return s->finished;
}

// The state of thread `tid`, creating MainThread's on first use.
std::shared_ptr<ThreadState> state_of(std::shared_ptr<void>& handle, sim::ThreadId tid,
                                      const std::string& name) {
  if (!handle) {
    auto s = detail::make_pooled<ThreadState>(name);
    s->started = true;
    s->tid = tid;
    handle = s;
  }
  return std::static_pointer_cast<ThreadState>(handle);
}

}  // namespace

// --- ThreadRef ---

const std::string& ThreadRef::name() const { return s_->name; }

void ThreadRef::set_name(std::string name) const {
  s_->name = std::move(name);
  if (s_->process) s_->shown = s_->process->name + "/" + s_->name;
  if (s_->started) {
    if (auto* rt = sim::Runtime::current()) rt->set_thread_name(s_->tid, s_->reported_name());
  }
}

bool ThreadRef::daemon() const { return s_->daemon; }

void ThreadRef::set_daemon(bool daemon) const {
  if (s_->started) throw RuntimeError("cannot set daemon status of active thread");
  s_->daemon = daemon;
}

bool ThreadRef::is_alive() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  return s_->started && !is_finished(s_.get(), 0);
}

std::optional<std::uint64_t> ThreadRef::ident() const {
  if (!s_->started) return std::nullopt;
  return s_->tid;
}

void ThreadRef::join(double timeout) const {
  if (!s_->started) throw RuntimeError("cannot join thread before it is started");
  if (s_->tid == detail::current_tid()) throw RuntimeError("cannot join current thread");
  detail::reject_nan(timeout);
  // A wait too long to represent raises where it would begin: the thread has not ended.
  const bool too_large = detail::too_large(timeout);
  Gate g(OpKind::Join, Access::Read, s_.get(), &is_finished, timeout < 0 ? Mode::Block : Mode::Timed,
         too_large ? 0 : timeout);
  g.result(g.ready() ? 1 : 0);
  if (!g.ready() && too_large) detail::timeout_too_large();
}

// --- Thread ---

namespace {
// Python's default name for the next thread: Thread-1, Thread-2, ... in creation order.
struct DefaultName {
  char text[24] = "Thread-";
  char* end = std::to_chars(text + 7, text + sizeof text, next_thread_number()).ptr;
  std::string_view view() const { return {text, static_cast<std::size_t>(end - text)}; }
};
}  // namespace

Thread::Thread() : ThreadRef(detail::make_pooled<ThreadState>(DefaultName().view())) {
  detail::register_object(*s_);
}

void Thread::interchangeable(std::uint64_t key) {
  if (s_->started) throw RuntimeError("interchangeable() must come before start()");
  s_->symmetry_key = key != 0 ? key : 0x9e3779b97f4a7c15ULL;  // 0 means none
}

void Thread::run() {
  if (s_->target) s_->target();
}

void Thread::start() {
  // If the execution ends at this very step (the Gate throws Abandoned), the callable is dropped
  // rather than left in the state, where it could keep its own thread's state alive in a cycle:
  // a Timer whose function holds the object that holds the Timer (timer_captcha) would never be
  // freed. (Not when the thread runs already: its callable is in use.)
  struct DropTarget {
    detail::Task* target;
    ~DropTarget() {
      if (target != nullptr) target->reset();
    }
  } drop{s_->started ? nullptr : &s_->target};
  Gate g(OpKind::Start, Access::Write, s_.get());
  drop.target = nullptr;
  if (s_->started) throw RuntimeError("threads can only be started once");
  // A target thread runs its callable where it is (the Thread object itself may go away
  // meanwhile); a subclass thread runs its run(), and keeps the object alive to do so.
  if (!s_->target) {
    if (auto self = weak_from_this().lock()) {
      s_->body = [self] { self->run(); };
    } else if (typeid(*this) != typeid(Thread)) {
      throw RuntimeError("a Thread subclass must be created with std::make_shared, so that it "
                         "lives as long as its thread");
    }
  }
  // A thread of a forked process: named with it in reports, and joined at its end.
  if (const auto& process = detail::current_process()) {
    if (s_->daemon)
      throw RuntimeError("weft: daemon threads in a child process are not supported (their end "
                         "with the process is not modelled)");
    s_->process = process;
    s_->shown = process->name + "/" + s_->name;
    process->threads.push_back(s_);
  }
  s_->started = true;
  if (auto* rt = g.sim()) {
    s_->tid = static_cast<sim::ThreadId>(rt->thread_count());
    // A daemon process's threads are cut off with it when the program ends.
    const bool daemon = s_->daemon || (s_->process && s_->process->daemon);
    rt->spawn(s_->reported_name(), daemon, &Thread::entry, &Thread::ended_on_sim, s_, s_.get());
  } else {
    s_->tid = g.real()->start_thread(s_->name, s_->daemon, &Thread::entry, s_);
  }
}

namespace {
// A thread's life on real threads. Out of line, so that the simulator's path in Thread::entry
// saves no registers for it.
[[gnu::noinline]] void run_on_real(ThreadState& s) {
  // The body is moved out so that what it keeps alive (a subclass object) dies with the thread.
  detail::Task body = std::move(s.target ? s.target : s.body);
  struct Finish {
    ThreadState& s;
    ~Finish() {
      auto* real = RealBackend::current();
      std::lock_guard<std::mutex> lock(real->mu);
      s.finished = true;
      real->cv.notify_all();
    }
  } finish{s};
  try {
    if (body) body();
  } catch (const sim::Abandoned&) {
    throw;
  } catch (...) {
    // Python prints the exception and ends this thread only.
    sim::World& w = detail::current_world();
    const std::string text =
        "Exception in thread " + s.name + ": " + sim::describe_exception(std::current_exception()) +
        "\n";
    auto* real = RealBackend::current();
    std::lock_guard<std::mutex> lock(real->mu);
    w.err += text;
    real->wrote(true, text);
  }
}
}  // namespace

void Thread::entry(void* state) {
  auto& s = *static_cast<ThreadState*>(state);
  if (sim::Runtime::current() != nullptr) {
    // The simulator reports an exception that escapes the body, and cleans up after it in
    // ended_on_sim(), even when it abandons the thread: neither a handler nor a cleanup here, so
    // that unwinding an abandoned thread passes this frame without stopping.
    detail::Task& body = s.target ? s.target : s.body;
    if (body) body();
    return;
  }
  run_on_real(s);
}

void Thread::ended_on_sim(void* state) {
  auto& s = *static_cast<ThreadState*>(state);
  s.finished = true;
  // What it keeps alive (a subclass object, the target's captures) dies with the thread.
  s.target.reset();
  s.body.reset();
}

// --- module functions ---

ThreadRef current_thread() {
  if (auto* rt = sim::Runtime::current()) {
    const sim::ThreadId t = rt->self();
    return ThreadRef(state_of(rt->thread_handle(t), t, rt->thread_name(t)));
  }
  auto* real = RealBackend::current();
  if (real == nullptr) detail::no_backend();
  std::lock_guard<std::mutex> lock(real->mu);
  const sim::ThreadId t = real->self();
  return ThreadRef(state_of(real->thread_handle(t), t, t == 0 ? "MainThread" : "Thread"));
}

ThreadRef main_thread() {
  if (auto* rt = sim::Runtime::current()) {
    const auto& p = detail::current_process();
    const sim::ThreadId main = p ? p->main : 0;
    return ThreadRef(state_of(rt->thread_handle(main), main, rt->thread_name(main)));
  }
  auto* real = RealBackend::current();
  if (real == nullptr) detail::no_backend();
  std::lock_guard<std::mutex> lock(real->mu);
  const auto& p = detail::current_process();
  const sim::ThreadId main = p ? p->main : 0;
  return ThreadRef(state_of(real->thread_handle(main), main, "MainThread"));
}

namespace {
std::vector<ThreadRef> enumerate_from(const void* site) {
  Gate g(OpKind::Query, Access::Read, &detail::current_world().threads_object, nullptr,
         Mode::NoWait, -1, site);
  std::vector<ThreadRef> out;
  if (auto* rt = g.sim()) {
    // The calling process's threads only.
    const auto& process = detail::current_process();
    for (sim::ThreadId t : rt->alive()) {
      auto& h = rt->thread_handle(t);
      if ((h ? static_cast<const ThreadState*>(h.get())->process : nullptr) != process) continue;
      out.emplace_back(state_of(h, t, rt->thread_name(t)));
    }
  } else {
    // The calling process's threads only: in the parent a child's MainThread stands for the
    // child (the thread keeping it), in a child the parent's threads are not there.
    const auto& process = detail::current_process();
    for (sim::ThreadId t : g.real()->alive()) {
      auto& h = g.real()->thread_handle(t);
      if ((h ? static_cast<const ThreadState*>(h.get())->process : nullptr) != process) continue;
      out.emplace_back(state_of(h, t, t == 0 ? "MainThread" : "Thread"));
    }
  }
  return out;
}

}  // namespace

std::vector<ThreadRef> enumerate() { return enumerate_from(WEFT_CALL_SITE()); }

std::size_t active_count() { return enumerate_from(WEFT_CALL_SITE()).size(); }

}  // namespace weft
