// Runs one execution along a schedule, as a trace is recorded (checker/trace.cpp), and tells each
// decision and event the moment it happens. When user code crashes the process or never comes
// back, what the execution did up to there has been told already: that is how a crashed or
// runaway execution still gets a trace with its story (cli/narration.cpp). Its output is not told:
// the process's last words carry it (cli/supervisor.hpp).
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "checker/schedule.hpp"
#include "checker/trace.hpp"
#include "sim/strategy.hpp"

namespace weft::checker {

// Who hears the narration.
class Listener {
 public:
  virtual ~Listener() = default;
  virtual void decided(const TraceDecision& d) = 0;
  // Event number `index` (from 0). An event is told again while its result may still change (the
  // result is set once its thread runs again), so the last one told for an index counts.
  virtual void happened(std::size_t index, const TraceEvent& e) = 0;
};

// Follows `schedule` by index (past its end, or beyond the options, as a first-choice search
// would) and tells `listener` everything. Run it with setup.record_events set.
class Narrated final : public sim::Strategy {
 public:
  Narrated(const Schedule& schedule, Listener& listener);

  // Every execution follows the schedule afresh, with each step observed as it happens.
  bool next_execution(sim::Plan& plan) override;
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override;
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override;
  const Schedule& schedule() const override { return schedule_; }
  // Tells what the execution did since the last step; call once it has ended as `outcome`.
  void finish(const sim::Runtime& rt, const sim::Outcome& outcome);

 private:
  std::size_t next_choice(std::size_t n);
  static std::string label(const sim::Runtime& rt, const sim::Object* object);
  void tell(const sim::Runtime& rt);
  void tell(const sim::Runtime& rt, const std::string& out, const std::string& err);

  const Schedule& schedule_;
  Listener& listener_;
  std::size_t next_ = 0;
  std::size_t told_ = 0;  // events told for good; the one after may be told again
};

}  // namespace weft::checker
