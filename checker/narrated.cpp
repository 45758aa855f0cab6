#include "checker/narrated.hpp"

#include <algorithm>

#include "sim/runtime.hpp"

namespace weft::checker {

Narrated::Narrated(const Schedule& schedule, Listener& listener)
    : schedule_(schedule), listener_(listener) {}

bool Narrated::next_execution(sim::Plan& plan) {
  next_ = told_ = 0;
  plan.observe_from = 0;  // observe() tells each step as it happens
  return true;
}

// A decision with one option (after a time jump, the only thread due) is none: the trace has no
// entry for it, and a replay is not asked.
std::size_t Narrated::pick(const sim::Runtime& rt, const sim::Request& r) {
  if (r.options < 2) return 0;
  const std::size_t i = next_choice(r.options);
  const auto options = static_cast<std::uint32_t>(r.options);
  if (r.kind == sim::Decision::Value) {
    listener_.decided(TraceDecision{r.kind, {}, static_cast<std::uint32_t>(i), options});
  } else {
    listener_.decided(TraceDecision{r.kind, rt.thread_name(r.enabled[i]),
                                    static_cast<std::uint32_t>(i), options});
  }
  return i;
}

std::size_t Narrated::next_choice(std::size_t n) {
  while (next_ < schedule_.size() && schedule_[next_].options < 2) ++next_;
  if (next_ == schedule_.size()) return 0;
  return std::min<std::size_t>(schedule_[next_++].chosen, n - 1);
}

// The label Runtime::note_object gives `object` when it records an event on it.
std::string Narrated::label(const sim::Runtime& rt, const sim::Object* object) {
  if (object == nullptr) return {};
  for (std::size_t i = 0; i < rt.thread_count(); ++i)
    if (rt.thread_object(static_cast<sim::ThreadId>(i)) == object)
      return "Thread " + rt.thread_name(static_cast<sim::ThreadId>(i));
  const sim::World& w = rt.world();
  for (const sim::Object* o : {&w.stdout_object, &w.stderr_object, &w.stdin_object,
                               &w.files_object, &w.random_object, &w.threads_object})
    if (o == object) return object->kind();
  return object->name().empty() ? object->label()
                                : std::string(object->kind()) + " " + object->name();
}

// Called before the step's event is recorded: the events so far, and this one as it will be
// recorded (but for its result). Nothing is called after the last operation before a crash.
void Narrated::observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) {
  if (what != sim::Observed::Executed) return;
  tell(rt);
  const sim::Op& op = rt.pending(t);
  listener_.happened(rt.events().size(),
                     TraceEvent{rt.steps(), sim::to_seconds(rt.now()), rt.thread_name(t),
                                sim::op_name(op.kind), label(rt, op.object), 0});
}

void Narrated::finish(const sim::Runtime& rt, const sim::Outcome& outcome) {
  tell(rt, outcome.out, outcome.err);
}

void Narrated::tell(const sim::Runtime& rt) { tell(rt, rt.world().out, rt.world().err); }

// `out` and `err`: the output so far, the world's while the execution is under way.
void Narrated::tell(const sim::Runtime& rt, const std::string& out, const std::string& err) {
  const auto& events = rt.events();
  for (std::size_t i = told_; i < events.size(); ++i)
    listener_.happened(i, trace_event(rt, i, out, err));
  if (!events.empty()) told_ = events.size() - 1;
}

}  // namespace weft::checker
