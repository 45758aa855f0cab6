// An execution from its start to its outcome: the runtime's state set for it, MainThread run on
// the host's behalf, and the outcome taken before the threads it cut off unwind. The rest of the
// runtime lives beside it (sim/runtime.hpp lists the files).
#include "sim/runtime.hpp"

#include <algorithm>
#include <string>

#include "sim/internal.hpp"

namespace weft::sim {

// The world's objects keep their ids (1 to kWorldObjects) in every execution.
Runtime::Runtime() {
  for (Object* o : {&world_.stdout_object, &world_.stderr_object, &world_.stdin_object,
                    &world_.files_object, &world_.random_object, &world_.threads_object})
    register_object(*o);
}

Runtime::~Runtime() = default;

const Outcome& Runtime::execute(const Body& main_body, Strategy& strategy,
                                const ExecutionSetup& setup) {
  Plan plan;
  const bool planned = strategy.next_execution(plan);
  WEFT_INTERNAL(planned, "a strategy run one execution at a time has one");
  return execute(main_body, strategy, setup, plan);
}

const Outcome& Runtime::execute(const Body& main_body, Strategy& strategy,
                                const ExecutionSetup& setup, const Plan& plan) {
  setup_ = &setup;
  strategy_ = &strategy;
  main_body_ = &main_body;
  world_.reset(setup.stdin_lines, setup.seed);
  outcome_.status = Status::Ok;
  outcome_.redundant = false;
  outcome_.message.clear();
  described_ = false;
  events_.clear();
  now_ = 0;
  untimed_ = setup.timing == Timing::Untimed;
  enabled_until_ = untimed_ ? kNever - 1 : 0;
  recording_ = setup.record_events;
  max_steps_ = setup.max_steps;
  ended_ = false;
  steps_ = 0;
  objects_ = kWorldObjects;
  std::fill_n(versions_.begin(), kWorldObjects + 1, 0);
  thread_numbers_ = 0;
  count_ = 0;
  non_daemon_alive_ = 0;
  readers_ = 0;
  priming_ = kNoThread;

  Runtime* outer = t_current;
  t_current = this;
  next_pick_ = path_.data();
  repeat_end_ = next_pick_ + (&strategy == last_strategy_
                                  ? std::min(plan.repeated_picks, last_picks_)
                                  : 0);
  observing_ = plan.observe_from == 0;
  observe_from_ = observing_ ? Plan::kNever : plan.observe_from;
  ask_alone_ = plan.ask_alone;
  refresh_plain();
  static const std::string kMain = "MainThread";
  add_thread(&kMain, false,
             [](void* rt) { (*static_cast<Runtime*>(rt)->main_body_)(); }, nullptr, this, nullptr);
  current_ = 0;
  Fiber::switch_to(host_, threads_[0]->fiber);
  // Back on the host: the execution has ended. Its outcome is taken before whatever still stands
  // unwinds, so that nothing the unwinding does shows in it.
  if (!described_) outcome_.blocked.clear();
  // Swapped rather than copied; skipped when both are empty, as they mostly are for stderr.
  if (!outcome_.out.empty() || !world_.out.empty()) outcome_.out.swap(world_.out);
  if (!outcome_.err.empty() || !world_.err.empty()) outcome_.err.swap(world_.err);
  outcome_.files.swap(world_.files);
  outcome_.end_time = now_;
  abandon_all();
  for (std::size_t i = 0; i < count_; ++i) {
    Thread& t = *threads_[i];
    // A trace names the threads of a recorded execution once it is over.
    if (recording_) t.name = &t.kept_name.assign(*t.name);
    t.handle.reset();
  }
  t_current = outer;
  current_ = kNoThread;
  last_strategy_ = &strategy;
  last_picks_ = picks();
  return outcome_;
}

}  // namespace weft::sim
