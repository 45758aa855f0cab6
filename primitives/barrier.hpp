// threading.Barrier: `parties` threads wait until all have arrived, then all go on; the last to
// arrive runs the optional action first. A wait that times out, an action that throws, abort()
// and reset() break it for the threads waiting (BrokenBarrierError), as in CPython. Copies share
// one barrier, as Python references do.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft {

namespace detail {
struct BarrierState : sim::Object {
  // CPython's states (0 filling, 1 draining, -1 resetting, -2 broken), and Acting: the last
  // arrival runs the action, during which CPython holds the barrier's lock.
  enum class Phase : std::uint8_t { Filling, Acting, Draining, Resetting, Broken };

  BarrierState(int n, std::function<void()> act, double default_timeout)
      : sim::Object("Barrier"), parties(n), action(std::move(act)), timeout(default_timeout) {}
  const int parties;
  const std::function<void()> action;
  const double timeout;  // for wait() without one; negative: none
  Phase phase = Phase::Filling;
  int count = 0;                      // threads inside wait(): arrived and not yet left
  std::vector<sim::ThreadId> inside;  // who they are, in arrival order

  // The threads others wait for: the one running the action, or those still leaving.
  void holders(std::vector<sim::ThreadId>& out) const override;
};
}  // namespace detail

class Barrier {
 public:
  // A barrier for `parties` threads (ValueError unless >= 1); `action` runs in the last thread
  // to arrive before all are released; `timeout` is the default for wait() (negative: none).
  explicit Barrier(int parties, std::function<void()> action = {}, double timeout = -1,
                   std::string name = "");

  // Waits until `parties` threads wait, then returns this thread's arrival index, 0 to
  // parties-1. `timeout` negative: the barrier's default. BrokenBarrierError when the barrier is
  // or becomes broken or reset, and when this wait times out (which breaks the barrier).
  int wait(double timeout = -1) const;
  // Back to the empty state; threads waiting now get BrokenBarrierError.
  void reset() const;
  // Breaks the barrier: waiting threads and later waits get BrokenBarrierError until reset().
  void abort() const;
  // The number of threads needed to pass.
  int parties() const { return s_->parties; }
  // These two reads are never inlined: the return address names the calling line, and reading
  // again from one line with nothing written in between is how weft tells a spin loop.
  // The number of threads waiting now.
  [[gnu::noinline]] int n_waiting() const;
  // Whether the barrier is broken.
  [[gnu::noinline]] bool broken() const;

  // The shared state, for the backends and reports.
  const std::shared_ptr<detail::BarrierState>& state() const { return s_; }

 private:
  std::shared_ptr<detail::BarrierState> s_;
};

}  // namespace weft
