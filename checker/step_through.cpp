#include "checker/step_through.hpp"

#include <algorithm>
#include <string_view>

#include "checker/in_flight.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

namespace {

std::vector<std::string> names_of(const sim::Runtime& rt, const std::vector<sim::ThreadId>& ids) {
  std::vector<std::string> names;
  for (const sim::ThreadId t : ids) names.push_back(rt.thread_name(t));
  return names;
}

std::vector<std::string> holders_of(const sim::Runtime& rt, const sim::Object& o) {
  std::vector<sim::ThreadId> ids;
  o.holders(ids);
  return names_of(rt, ids);
}

// The world's objects (stdout, files, ...) stand for themselves: their kind names them.
bool of_the_world(const sim::Runtime& rt, const sim::Object* o) {
  const sim::World& w = rt.world();
  return o == &w.stdout_object || o == &w.stderr_object || o == &w.stdin_object ||
         o == &w.files_object || o == &w.random_object || o == &w.threads_object;
}

std::string label_of(const sim::Runtime& rt, const sim::Object* o) {
  if (o == nullptr) return {};
  return of_the_world(rt, o) ? std::string(o->kind()) : o->describe();
}

// Thread t as it stands; `enabled`: whether it may step now, as the runtime collected it.
ThreadView view_thread(const sim::Runtime& rt, sim::ThreadId t, bool enabled) {
  ThreadView v;
  v.name = rt.thread_name(t);
  v.daemon = rt.is_daemon(t);
  if (!rt.is_running(t)) {  // MainThread's body returned: it waits for the non-daemon threads
    v.op = "exit";
    for (sim::ThreadId u = 1; u < rt.thread_count(); ++u)
      if (rt.is_running(u) && !rt.is_daemon(u)) v.held_by.push_back(rt.thread_name(u));
    return v;
  }
  const sim::Op& op = rt.pending(t);
  v.op = sim::op_name(op.kind);
  v.object = label_of(rt, op.object);
  v.can_step = enabled;
  if (op.deadline != sim::kNever) v.deadline = sim::to_seconds(op.deadline);
  if (!enabled && op.object != nullptr) v.held_by = holders_of(rt, *op.object);
  return v;
}

// The program's own objects, but threads (the screen lists those) and objects that took another's
// id (a Condition takes its lock's: the lock stands for both).
std::vector<ObjectView> view_objects(const sim::Runtime& rt) {
  std::vector<ObjectView> out;
  for (std::uint32_t id = 1; id <= rt.objects(); ++id) {
    const sim::Object* o = rt.object(id);
    if (o == nullptr || o->id() != id || of_the_world(rt, o)) continue;
    if (std::string_view(o->kind()) == "Thread") continue;
    out.push_back(ObjectView{o->describe(), o->state(), holders_of(rt, *o)});
  }
  return out;
}

// Follows a prefix by index, then notes where the execution stands at the next decision and
// stops it there (a choose() cannot be refused: it returns 0, and the next thread pick stops).
class StopAfterPrefix final : public sim::Strategy {
 public:
  StopAfterPrefix(const Schedule& prefix, StepView& view) : prefix_(prefix), view_(view) {}

  bool next_execution(sim::Plan&) override {
    next_ = 0;
    stopped_ = false;
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    const std::size_t refuse = r.kind == sim::Decision::Value ? 0 : kStop;
    if (stopped_) return refuse;
    if (next_ < prefix_.size()) {
      const Choice& c = prefix_[next_];
      if (c.kind == r.kind && c.options == r.options) {
        if (++next_ == prefix_.size()) view_.since = rt.events().size();
        return c.chosen;
      }
      view_.diverged = true;
    }
    note(rt, r);
    stopped_ = true;
    return refuse;
  }
  const Schedule& schedule() const override { return prefix_; }
  bool stopped() const { return stopped_; }
  bool followed_all() const { return next_ == prefix_.size(); }

 private:
  void note(const sim::Runtime& rt, const sim::Request& r) {
    view_.kind = r.kind;
    std::vector<sim::ThreadId> enabled;
    if (r.kind == sim::Decision::Value) {
      for (std::size_t i = 0; i < r.options; ++i) view_.options.push_back(std::to_string(i));
      view_.chooser = rt.thread_name(rt.self());
      enabled.push_back(rt.self());
    } else {
      enabled.assign(r.threads().begin(), r.threads().end());
      view_.options = names_of(rt, enabled);
    }
    for (sim::ThreadId t = 0; t < rt.thread_count(); ++t) {
      if (rt.finished(t)) continue;
      const bool can = std::find(enabled.begin(), enabled.end(), t) != enabled.end();
      view_.threads.push_back(view_thread(rt, t, can));
    }
    view_.objects = view_objects(rt);
    view_.time = sim::to_seconds(rt.now());
    view_.out = rt.world().out;
    view_.err = rt.world().err;
    for (std::size_t i = 0; i < rt.events().size(); ++i)
      view_.events.push_back(trace_event(rt, i, view_.out, view_.err));
  }

  const Schedule& prefix_;
  StepView& view_;
  std::size_t next_ = 0;
  bool stopped_ = false;
};

}  // namespace

StepView step_to(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                 const Schedule& prefix) {
  StepView view;
  sim::ExecutionSetup recording = setup;
  recording.record_events = true;
  StopAfterPrefix follow(prefix, view);
  sim::Runtime rt;
  // Named to a supervising process (cli/supervisor.hpp): user code that crashes or runs away
  // on the way to the screen is a finding whose trace follows these choices.
  const InFlightScope scope;
  note_execution(follow.schedule(), recording);
  const sim::Outcome& outcome = rt.execute(body, follow, recording);
  if (follow.stopped()) return view;
  view.ended = true;
  view.diverged = view.diverged || !follow.followed_all();
  view.outcome = outcome;
  view.time = sim::to_seconds(outcome.end_time);
  view.out = outcome.out;
  view.err = outcome.err;
  view.events = trace_events(rt, outcome);
  return view;
}

}  // namespace weft::checker
