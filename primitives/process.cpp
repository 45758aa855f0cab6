#include "primitives/process.hpp"

#include <exception>
#include <string>

#include "primitives/detail/backend.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/detail/socket_state.hpp"
#include "primitives/detail/thread_state.hpp"
#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"
#include "primitives/thread.hpp"
#include "sim/error.hpp"

namespace weft {

using detail::Gate;
using detail::Mode;
using detail::ProcessState;
using detail::ThreadState;
using sim::Access;
using sim::OpKind;

namespace detail {

namespace {
// The child's own record, on real threads (set in the child after the fork).
std::shared_ptr<ProcessState> g_real_process;
const std::shared_ptr<ProcessState> kMainProcess;
}  // namespace

const std::shared_ptr<ProcessState>& current_process() {
  if (auto* rt = sim::Runtime::current()) {
    const std::shared_ptr<void>& h = rt->thread_handle(rt->self());
    return h ? static_cast<const ThreadState*>(h.get())->process : kMainProcess;
  }
  return g_real_process ? g_real_process : kMainProcess;
}

int current_process_key() {
  const auto& p = current_process();
  return p ? p->pid : 1;
}

namespace {
// The simulator's list of copied values: its executions run on one OS thread.
thread_local Copied* t_copied = nullptr;
}  // namespace

Copied::Copied() {
  if (sim::Runtime::current() == nullptr) return;
  listed_ = true;
  next_ = t_copied;
  if (next_ != nullptr) next_->prev_ = this;
  t_copied = this;
}

Copied::~Copied() {
  if (!listed_) return;
  (prev_ != nullptr ? prev_->next_ : t_copied) = next_;
  if (next_ != nullptr) next_->prev_ = prev_;
}

void Copied::fork_all(int from, int to) {
  for (Copied* c = t_copied; c != nullptr; c = c->next_) c->copy(from, to);
}

void set_real_process(std::shared_ptr<ProcessState> s) { g_real_process = std::move(s); }

bool ProcessState::fingerprint(sim::StateHasher& h) const {
  h.mix_bytes(name);
  h.mix_bytes(identity);
  h.mix(daemon);
  h.mix(started);
  h.mix(finished);
  h.mix(forked);
  h.mix(static_cast<std::uint64_t>(fork_error));
  h.mix(static_cast<std::uint64_t>(pid));
  h.mix(static_cast<std::uint64_t>(exitcode));
  h.mix(static_cast<std::uint64_t>(thread_numbers));
  h.mix(static_cast<std::uint64_t>(process_numbers));
  h.thread(main);
  // The threads its end joins, in order: by their objects, and once started by their ids.
  h.mix(threads.size());
  for (const std::weak_ptr<ThreadState>& w : threads) {
    const std::shared_ptr<ThreadState> t = w.lock();
    h.mix(t ? t->id() : 0);
    h.thread(t ? t->tid : sim::kNoThread);
  }
  return true;
}

void cannot_copy(const std::string& label) {
  throw RuntimeError("a fork cannot copy Shared " + label + ": its type has no copy constructor");
}

}  // namespace detail

namespace {

bool process_finished(const sim::Object* o, sim::ThreadId) {
  const auto* s = static_cast<const ProcessState*>(o);
  if (auto* rt = sim::Runtime::current()) return rt->finished(s->main);
  return s->finished;
}

// Python prints the traceback under "Process NAME:" and the process exits with code 1.
void report_exit(const ProcessState& s, const std::exception_ptr& e) {
  Gate g(OpKind::Print, Access::Write, &detail::current_world().stderr_object);
  std::string& err = g.world().err;
  const std::size_t from = err.size();
  err += "Process ";
  err += s.name;
  err += ":\n";
  err += sim::describe_exception(e);
  err += '\n';
  if (auto* real = g.real()) real->wrote(true, err.substr(from));
}

}  // namespace

// A process's life: its target, then (Python's threading._shutdown in the child) a join of each
// of its non-daemon threads, in start order; threads started meanwhile are joined too.
void detail::run_process(ProcessState& s) {
  std::exception_ptr escaped;
  try {
    if (s.target) s.target();
  } catch (...) {
    auto* rt = sim::Runtime::current();
    if (rt != nullptr && rt->ended()) throw;  // abandoned: the unwinding goes on
    escaped = std::current_exception();
  }
  s.exitcode = escaped ? 1 : 0;
  if (escaped) report_exit(s, escaped);
  for (std::size_t i = 0; i < s.threads.size(); ++i)
    if (auto t = s.threads[i].lock()) ThreadRef(t).join();
}

namespace {

void process_entry(void* state) {
  auto& main = *static_cast<ThreadState*>(state);
  main.target();
}

void process_ended(void* state) {
  auto& main = *static_cast<ThreadState*>(state);
  main.finished = true;
  main.target.reset();
}

// The next default name in the calling process: Process-1, Process-2, ...; in Process-1,
// Process-1:1, ...
std::string next_identity() {
  const auto& parent = detail::current_process();
  if (parent) return parent->identity + ":" + std::to_string(++parent->process_numbers);
  return std::to_string(++detail::current_world().process_numbers);
}

void start_on_sim(sim::Runtime& rt, const std::shared_ptr<ProcessState>& s) {
  const auto& parent = detail::current_process();
  sim::World& w = rt.world();
  s->pid = 2 + w.processes_started++;
  s->thread_numbers = parent ? parent->thread_numbers : rt.thread_numbers();
  s->process_numbers = 0;  // Python's child starts its _process_counter anew
  detail::Copied::fork_all(parent ? parent->pid : 1, s->pid);
  auto main = detail::make_pooled<ThreadState>("MainThread");
  main->process = s;
  main->shown = s->name + "/MainThread";
  main->started = true;
  main->target = [s] { detail::run_process(*s); };
  s->main = main->tid = static_cast<sim::ThreadId>(rt.thread_count());
  const std::string& shown = main->shown;
  rt.spawn(shown, s->daemon, &process_entry, &process_ended, std::move(main), s.get());
}

}  // namespace

Process::Process(Unset) {
  std::string identity = next_identity();
  s_ = detail::make_pooled<ProcessState>("Process-" + identity);
  s_->identity = std::move(identity);
  detail::register_object(*s_);
}

void Process::start() {
  Gate g(OpKind::Start, Access::Write, s_.get());
  if (s_->started) throw RuntimeError("cannot start a process twice");
  const auto& parent = detail::current_process();
  if (parent && parent->daemon) throw RuntimeError("daemonic processes are not allowed to have children");
  s_->started = true;
  if (auto* rt = g.sim()) {
    start_on_sim(*rt, s_);
  } else {
    detail::start_on_real(s_);
  }
}

void Process::join(double timeout) const {
  if (!s_->started) throw RuntimeError("can only join a started process");
  if (detail::current_process() == s_) throw RuntimeError("can only join a child process");
  detail::reject_nan(timeout);
  const bool too_large = detail::too_large(timeout);
  Gate g(OpKind::Join, Access::Read, s_.get(), &process_finished,
         timeout < 0 ? Mode::Block : Mode::Timed, too_large ? 0 : timeout);
  g.result(g.ready() ? 1 : 0);
  if (!g.ready() && too_large) detail::timeout_too_large();
}

bool Process::is_alive() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  return s_->started && !process_finished(s_.get(), 0);
}

std::optional<int> Process::exitcode() const {
  Gate g(OpKind::Query, Access::Read, s_.get(), nullptr, Mode::NoWait, -1, WEFT_CALL_SITE());
  if (!s_->started || !process_finished(s_.get(), 0)) return std::nullopt;
  return s_->exitcode;
}

// On the simulator every thread of the process ends where it stands (sim::Runtime::end_process):
// what it holds in memory stays as it is, as in a killed process's memory. The sockets it made
// close then, as the kernel closes a dead process's descriptors, each in a step of its own. A
// process that has ended is left as it is, as Python's terminate() does (its exitcode stays).
void Process::terminate() const {
  {
    Gate g(OpKind::Terminate, Access::Write, s_.get());
    if (!s_->started) throw RuntimeError("cannot terminate a process that was not started");
    if (g.sim() == nullptr) return detail::terminate_on_real(*s_);
    if (process_finished(s_.get(), 0)) return;
    s_->exitcode = -15;  // -SIGTERM
    g.sim()->end_process(*s_);
  }
  detail::net::sim_close_process(s_->pid);
}

void Process::set_daemon(bool daemon) const {
  if (s_->started) throw RuntimeError("process has already started");
  s_->daemon = daemon;
}

void Process::set_name(std::string name) const { s_->name = std::move(name); }

std::optional<int> Process::pid() const {
  if (!s_->started) return std::nullopt;
  return s_->pid;
}

std::string current_process_name() {
  const auto& p = detail::current_process();
  return p ? p->name : "MainProcess";
}

}  // namespace weft
