// threading.Event: a flag threads wait on. set() wakes every thread waiting at that moment; a
// woken waiter returns true even if clear() ran before it got to run, as in CPython, whose
// Event.wait waits on a Condition. Copies share one event, as Python references do.
#pragma once

#include <memory>
#include <string>

#include "primitives/detail/waiters.hpp"
#include "sim/types.hpp"

namespace weft {

namespace detail {
struct EventState : sim::Object {
  EventState() : sim::Object("Event") {}
  bool flag = false;
  Waiters waiters;  // threads blocked in wait()
  // The waiters as a set: an event wakes them all at once, so their order changes nothing, and
  // under symmetry interchangeable waiters listed in another order are one state.
  bool fingerprint(sim::StateHasher& h) const override {
    h.mix(flag);
    waiters.fingerprint_set(h);
    return true;
  }
  bool learned(sim::OpKind kind, sim::StateHasher& h) const override;
  std::string state() const override { return flag ? "set" : "not set"; }
};
}  // namespace detail

class Event {
 public:
  // An event whose flag is not set.
  Event();
  // A name used in reports ("Event teacher").
  explicit Event(std::string name);

  // Whether the flag is set. Never inlined: the return address names the calling line, and
  // reading again from one line with nothing written in between is how weft tells a spin loop.
  [[gnu::noinline]] bool is_set() const;
  // Sets the flag and wakes every waiting thread.
  void set() const;
  // Resets the flag; threads already woken stay woken.
  void clear() const;
  // Returns true at once when the flag is set; otherwise waits until set() wakes this thread
  // (true) or `timeout` seconds pass (false; negative: no timeout).
  bool wait(double timeout = -1) const;

  // The shared state, for the backends and reports.
  const std::shared_ptr<detail::EventState>& state() const { return s_; }

 private:
  std::shared_ptr<detail::EventState> s_;
};

}  // namespace weft
