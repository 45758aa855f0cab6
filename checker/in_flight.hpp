// What the searches of this process are running at this instant: the execution under way, its
// decisions so far and its setup. A supervisor that must name that execution when user code
// crashes or never returns to weft reads it from a signal handler (cli/supervisor.hpp), so it
// holds plain pointers and counters only; a parent process reads the count through memory it
// shares with the child (place_in_flight).
#pragma once

#include <atomic>
#include <cstdint>

#include "checker/schedule.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

struct InFlight {
  // Executions begun by the searches of this process. Written by this thread only, read by
  // another process: relaxed loads and stores, no locked increment.
  std::atomic<std::uint64_t> executions{0};
  const Schedule* schedule = nullptr;          // the execution under way: its decisions so far
  const sim::ExecutionSetup* setup = nullptr;  // and its setup (seed, timing, limits)
  // Set by request_stop() (checker/progress.hpp), here or by a watching process: the searches
  // end after the execution under way. Lock-free, so a signal handler may set it.
  std::atomic<std::uint32_t> stop{0};
  // Set by a search that ended on that request: what this process does next is its report.
  std::atomic<std::uint32_t> stopped{0};
  // Searches under way (InFlightScope): none, and this process is doing weft's own work.
  std::atomic<std::uint32_t> searches{0};
};

namespace detail {
extern InFlight* g_in_flight;  // a static record, or where place_in_flight put it
}  // namespace detail

// This process's record: a static one, or where place_in_flight put it. Inline: a search asks
// for it at every execution.
inline InFlight& in_flight() { return *detail::g_in_flight; }
// From now on the record lives at `where` (memory shared with a parent process); null goes back
// to the static one.
void place_in_flight(InFlight* where);

// Notes the execution about to begin. `schedule` is the strategy's, filled as it decides (so the
// decisions so far are there at any instant), and must live until the next note.
inline void note_execution(const Schedule& schedule, const sim::ExecutionSetup& setup) {
  InFlight& f = in_flight();
  f.executions.store(f.executions.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  f.schedule = &schedule;
  f.setup = &setup;
}

// A search's lifetime: what was noted before it (an enclosing search, for a search started from
// inside an execution) is noted again when it ends.
class InFlightScope {
 public:
  InFlightScope() : schedule_(in_flight().schedule), setup_(in_flight().setup) {
    in_flight().searches.fetch_add(1, std::memory_order_relaxed);
  }
  ~InFlightScope() {
    in_flight().schedule = schedule_;
    in_flight().setup = setup_;
    in_flight().searches.fetch_sub(1, std::memory_order_relaxed);
  }
  InFlightScope(const InFlightScope&) = delete;
  InFlightScope& operator=(const InFlightScope&) = delete;

 private:
  const Schedule* schedule_;
  const sim::ExecutionSetup* setup_;
};

}  // namespace weft::checker
