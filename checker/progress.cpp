#include "checker/progress.hpp"

#include "checker/in_flight.hpp"

namespace weft::checker {

void request_stop() { in_flight().stop.store(1, std::memory_order_relaxed); }

void note_stopped() { in_flight().stopped.store(1, std::memory_order_relaxed); }

const char* cut_before_next(double time_budget, std::uint64_t made, double seconds) {
  if (time_budget > 0 && made > 0 && seconds >= time_budget) return "time-budget";
  if (!stop_requested()) return nullptr;
  note_stopped();
  return kInterrupted;
}

void clear_stop() {
  in_flight().stop.store(0, std::memory_order_relaxed);
  in_flight().stopped.store(0, std::memory_order_relaxed);
}

// Reads about every 20 ms: often enough that a report is never late by much, rarely enough that
// the clock (about a fiber switch's cost) stays out of the executions' time.
bool Pacer::read_clock() {
  constexpr double kMinGap = 0.01, kMaxGap = 0.04;
  constexpr std::uint64_t kMaxStride = std::uint64_t{1} << 20;
  const double before = seconds_;
  seconds_ = std::chrono::duration<double>(Clock::now() - started_).count();
  const double gap = seconds_ - before;
  if (gap < kMinGap && stride_ < kMaxStride) stride_ *= 2;
  else if (gap > kMaxGap && stride_ > 1) stride_ /= 2;
  countdown_ = stride_;
  if (seconds_ < next_report_) return false;
  next_report_ = seconds_ + kInterval;
  return true;
}

double explored_fraction(const Schedule& path) {
  double explored = 0, weight = 1;
  for (const Choice& c : path) {
    weight /= c.options;
    explored += weight * c.chosen;
    if (weight < 1e-15) break;  // what lies deeper no longer shows in a double
  }
  return explored;
}

}  // namespace weft::checker
