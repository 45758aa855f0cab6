#include "real/real_backend.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "primitives/detail/thread_state.hpp"
#include "real/files.hpp"
#include "real/perturb.hpp"
#include "primitives/errors.hpp"
#include "sim/error.hpp"

namespace weft::real {

using sim::ThreadId;

namespace {

// The id of the program thread running on this OS thread (each OS thread serves one execution).
thread_local ThreadId t_self = sim::kNoThread;
// The calling thread's perturbation decisions (RealOptions::perturb).
thread_local Perturbation t_perturb;

// Longest real wait a deadline stands for: beyond it a sleep is as good as forever, and the
// clock's arithmetic stays far from overflow.
constexpr double kFarAway = 1e7;

// The primitives' record of a thread, when they have made one (MainThread's only on demand).
const detail::ThreadState* state_of(const std::shared_ptr<void>& handle) {
  return static_cast<const detail::ThreadState*>(handle.get());
}

}  // namespace

Execution::Execution(std::function<void()> body, const RealOptions& options)
    : body_(std::move(body)),
      time_scale_(options.time_scale),
      echo_(options.echo),
      sink_(options.sink),
      files_dir_(options.files_dir),
      perturb_(options.perturb),
      perturb_seed_(options.perturb_seed),
      start_(Clock::now()) {
  world.reset(options.stdin_lines, options.seed);
  // choose() draws from its own stream, so adding a choose() does not shift randint's values.
  choices_.seed(options.seed ^ 0x63686f6f7365ULL);
  for (sim::Object* o : {&world.stdout_object, &world.stderr_object, &world.stdin_object,
                         &world.files_object, &world.random_object, &world.threads_object})
    register_object(*o);
}

Execution::~Execution() = default;

void Execution::start() {
  std::lock_guard<std::mutex> lock(mu);
  auto main = std::make_unique<Thread>();
  main->name = "MainThread";
  Thread& m = *main;
  threads_.push_back(std::move(main));
  m.os = std::thread([this] { run_main(); });
}

// Makes the calling OS thread program thread `id` of this execution.
void Execution::enter_thread(ThreadId id) {
  set_current(this);
  t_self = id;
  if (perturb_) t_perturb = Perturbation(perturb_seed_, id);
}

void Execution::run_main() {
  enter_thread(0);
  try {
    body_();
  } catch (const sim::Abandoned&) {
    // The program ended while MainThread still ran: it has unwound.
  } catch (...) {
    report_uncaught(0, std::current_exception());
  }
  std::lock_guard<std::mutex> lock(mu);
  thread_returned(*threads_[0]);
}

void Execution::run_thread(Thread& t, ThreadId id, void (*fn)(void*), void* arg) {
  enter_thread(id);
  try {
    fn(arg);  // Thread::entry reports the thread's own exceptions and rethrows only Abandoned
  } catch (const sim::Abandoned&) {
  } catch (...) {
    report_uncaught(id, std::current_exception());  // never let an OS thread kill the process
  }
  std::lock_guard<std::mutex> lock(mu);
  thread_returned(t);
}

void Execution::report_uncaught(ThreadId id, std::exception_ptr e) {
  std::lock_guard<std::mutex> lock(mu);
  if (ended_) return;  // an exception after program end is output after program end
  const std::string text =
      "Exception in thread " + name_of(id) + ": " + sim::describe_exception(e) + "\n";
  world.err += text;
  wrote(true, text);
}

// With `mu` held, as the thread's last touch of this object.
void Execution::thread_returned(Thread& t) {
  t.finished = true;
  if (!t.daemon && --non_daemon_alive_ == 0) end_locked(sim::Status::Ok, "");
  t.returned = true;
  ++returned_;
  cv.notify_all();  // joiners
  end_cv_.notify_all();
}

void Execution::end_now(sim::Status status, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu);
  end_locked(status, message);
}

// With `mu` held. The outcome is copied here, so that nothing written afterwards (an exception
// reported by a thread still unwinding, say) can reach it.
void Execution::end_locked(sim::Status status, std::string message) {
  if (ended_) return;
  ended_ = true;
  outcome_.status = status;
  outcome_.message = std::move(message);
  outcome_.out = world.out;
  outcome_.err = world.err;
  outcome_.files = files_dir_.empty() ? world.files : read_files(files_dir_);
  outcome_.end_time = sim::from_seconds(now());
  cv.notify_all();  // threads waiting in a Gate wake up and abandon
  end_cv_.notify_all();
}

bool Execution::wait_end(Clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu);
  if (deadline == Clock::time_point::max()) {
    end_cv_.wait(lock, [&] { return ended_; });
    return true;
  }
  return end_cv_.wait_until(lock, deadline, [&] { return ended_; });
}

bool Execution::wait_unwound(Clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu);
  return end_cv_.wait_until(lock, deadline, [&] { return returned_ == threads_.size(); });
}

bool Execution::join_or_detach() {
  std::vector<std::thread> joinable;
  bool all = true;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& t : threads_) {
      if (!t->os.joinable()) continue;
      if (t->returned) {
        joinable.push_back(std::move(t->os));
      } else {
        t->os.detach();  // busy in plain code: it will abandon at its next operation, if ever
        all = false;
      }
    }
  }
  for (std::thread& t : joinable) t.join();  // each is past its last use of `mu`
  return all;
}

void Execution::discard_program_state() {
  std::vector<std::shared_ptr<void>> handles;
  std::function<void()> body;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& t : threads_) handles.push_back(std::move(t->handle));
    body = std::move(body_);
  }
  RealBackend* outer = current();
  set_current(this);
  handles.clear();
  body = nullptr;
  set_current(outer);
}

sim::Outcome Execution::outcome() {
  std::lock_guard<std::mutex> lock(mu);
  return outcome_;
}

ThreadId Execution::self() { return t_self; }

Execution::Clock::time_point Execution::deadline_after(double seconds) {
  const Clock::time_point now_real = Clock::now();
  if (!(seconds > 0)) return now_real;
  const double real_seconds = std::min(seconds * time_scale_, kFarAway);
  return now_real + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(real_seconds));
}

double Execution::now() {
  return std::chrono::duration<double>(Clock::now() - start_).count() / time_scale_;
}

ThreadId Execution::start_thread(const std::string& name, bool daemon, void (*fn)(void*),
                                 std::shared_ptr<void> handle) {
  auto record = std::make_unique<Thread>();
  record->name = name;
  record->daemon = daemon;
  record->handle = std::move(handle);
  Thread& t = *record;
  void* arg = t.handle.get();
  const auto id = static_cast<ThreadId>(threads_.size());
  threads_.push_back(std::move(record));
  if (!daemon) ++non_daemon_alive_;
  try {
    t.os = std::thread([this, &t, id, fn, arg] { run_thread(t, id, fn, arg); });
  } catch (const std::system_error&) {
    threads_.pop_back();
    if (!daemon) --non_daemon_alive_;
    throw RuntimeError("can't start new thread");  // Python's words when the OS refuses
  }
  return id;
}

// A thread is finished as soon as the primitives mark it so (Thread::entry, before the OS thread
// gets back to us): after join() returns, enumerate() must not list it, as in Python.
bool Execution::finished(ThreadId t) {
  const Thread& rec = *threads_[t];
  if (rec.finished) return true;
  const detail::ThreadState* s = state_of(rec.handle);
  return s != nullptr && s->finished;
}

std::vector<ThreadId> Execution::alive() {
  std::vector<ThreadId> out;
  for (ThreadId t = 0; t < threads_.size(); ++t)
    if (!finished(t)) out.push_back(t);
  return out;
}

std::size_t Execution::choose(std::size_t n) {
  return static_cast<std::size_t>(choices_.next() % n);
}

void Execution::wrote(bool to_stderr, const std::string& text) {
  if (detail::forward_output(to_stderr, text)) return;  // a child process's: the parent shows it
  if (!echo_ || ended_) return;  // output after program end never appears
  if (sink_) return sink_(to_stderr, text);
  std::FILE* f = to_stderr ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fflush(f);
}

void Execution::fail(const std::string& message) {
  detail::forward_failure(message);  // in a child process, does not return
  end_locked(sim::Status::Failure, message);
}

void Execution::write_file(const std::string& name, const std::string& text, bool append) {
  if (files_dir_.empty()) return RealBackend::write_file(name, text, append);
  write_real_file(files_dir_, name, text, append);
}

std::optional<std::string> Execution::read_file(const std::string& name) {
  if (files_dir_.empty()) return RealBackend::read_file(name);
  return read_real_file(files_dir_, name);
}

void Execution::before_operation() {
  if (perturb_) Perturbation::apply(t_perturb.next());
}

void Execution::forked() {
  RealBackend::forked();
  new (&end_cv_) std::condition_variable;
}

std::string Execution::name_of(ThreadId t) {
  const detail::ThreadState* s = state_of(threads_[t]->handle);
  return s != nullptr ? s->name : threads_[t]->name;
}

}  // namespace weft::real
