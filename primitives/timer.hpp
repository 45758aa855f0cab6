// threading.Timer: a thread that calls fn(args...) after `interval` seconds unless cancel() is
// called first. It is a Thread (start(), join(), a Thread-N name) whose target waits on an
// internal Event that cancel() sets, as CPython's Timer does.
#pragma once

#include <functional>
#include <tuple>
#include <utility>

#include "primitives/event.hpp"
#include "primitives/thread.hpp"

namespace weft {

namespace detail {
// The timer thread's body: wait up to `interval` on `finished`; unless it was set meanwhile, call
// `fn`; then set `finished`.
void timer_run(const Event& finished, double interval, const std::function<void()>& fn);
}  // namespace detail

class Timer : public Thread {
 public:
  // A timer calling fn(args...) `interval` seconds after start(). Arguments are copied.
  template <class F, class... Args>
  Timer(double interval, F&& fn, Args&&... args)
      : Timer(Event(), interval,
              [f = std::forward<F>(fn),
               tup = std::make_tuple(std::forward<Args>(args)...)]() mutable { std::apply(f, tup); }) {}

  // Stops the timer if it is still waiting: its function will not run.
  void cancel() const;

 private:
  // The event exists before the Thread base, whose target needs it.
  Timer(Event finished, double interval, std::function<void()> call)
      : Thread([finished, interval, call = std::move(call)] {
          detail::timer_run(finished, interval, call);
        }),
        finished_(std::move(finished)) {}

  Event finished_;
};

}  // namespace weft
