// The race finder of the reduced search: each hook does what the analysis of its step needs, as
// the execution runs. Happens-before is kept with the clocks of checker/dpor_clocks.hpp; a race
// is a pair of conflicting operations of two threads, neither happening before the other: the
// later one could have gone first, so its thread is added to the backtrack set of the point
// before the earlier one (checker/dpor_points.cpp).
#include "checker/dpor.hpp"

#include <utility>

namespace weft::checker {

using sim::Access;
using sim::OpKind;
using sim::ThreadId;
using namespace dpor;

// Thread t published its first operation: it comes after the start that created it, the last
// event.
void DporStrategy::birth(ThreadId t) {
  b_.clocks.birth(t, threads_, b_.events.empty() ? kNone : b_.events.back().thread);
}

// The object, its log and clocks started afresh on its first use in this execution.
Object& DporStrategy::touch(std::uint32_t object) {
  if (object >= b_.objects.size()) {
    b_.objects.resize(std::max<std::size_t>(object + 1, 2 * b_.objects.size()));
    b_.clocks.reserve_objects(b_.objects.size());
  }
  Object& o = b_.objects[object];
  if (o.epoch != b_.epoch) {
    o = Object{b_.epoch, kNone, kNone, kNone, kNone, false, false, 0};
    b_.objects_used = std::max(b_.objects_used, object + 1);
    b_.clocks.clear_object(object);
  }
  return o;
}

// Event i advances its thread's clock past everything it depends on. A join is skipped when the
// thread alone touched the object since its last write: its clock covers those events already.
void DporStrategy::record(Event& e, std::uint32_t i) {
  const ThreadId t = e.thread;
  std::uint32_t* c = b_.clocks.of_thread(t);
  e.seq = c[t] = ++b_.threads[t].events;
  if (e.object != 0) {
    Object& o = touch(e.object);
    e.prev = std::exchange(o.last, i);
    std::uint32_t* write = b_.clocks.of_object(2 * e.object);
    std::uint32_t* reads = write + b_.clocks.width();
    if (e.access == Access::Write) {
      o.last_write = i;
      if (!o.reads && o.overwritten && (e.flags & kOverwrites) && o.value == e.value) {
        // The run's stores commute with this one: it comes after what they came after.
        if (o.owner != t) Clocks::join(c, reads, threads_);
        Clocks::join(write, c, threads_);
        if (o.owner != t) o.owner = kNone;
        if (o.writer != t) o.writer = kSeveral;
      } else {
        if (o.owner != t) Clocks::join(c, o.reads ? reads : write, threads_);
        // A run of stores of one value may begin: what it comes after goes where reads would.
        if ((e.flags & kOverwrites) && !o.reads) Clocks::copy(reads, write, threads_);
        Clocks::copy(write, c, threads_);
        o.writer = o.owner = t;
        o.reads = false;
        o.overwritten = (e.flags & kOverwrites) != 0;
        o.value = e.value;
      }
    } else {
      if (o.writer != t && o.writer != kNone) Clocks::join(c, write, threads_);
      if (o.reads) {
        Clocks::join(reads, c, threads_);
      } else {
        Clocks::copy(reads, c, threads_);
      }
      if (o.owner != t) o.owner = kNone;
      o.reads = true;
    }
  } else {
    e.prev = kNone;
  }
  // A fork reads what the stores change, as a listing reads what starts and ends change: the
  // two share the logs, and conflict() tells them apart.
  if (e.flags & (kLists | kChanges | kDaemon | kFork | kMemory)) [[unlikely]] {
    if (e.flags & (kLists | kFork)) b_.lists_log.push_back(i);
    if (e.flags & (kChanges | kMemory)) b_.changes_log.push_back(i);
    if (e.flags & kDaemon) b_.daemon_log.push_back(i);
  }
}

// Event i is a thread's end. When one non-daemon thread is left, its end will be the exit: if it
// is pending already, it races with the daemon threads' past events now.
void DporStrategy::end_of(std::uint32_t i) {
  const Event& e = b_.events[i];
  if (e.flags & kDaemon) return;
  Clocks::join(b_.clocks.exit(), b_.clocks.of_thread(e.thread), threads_);
  if (non_daemon_alive_ == 1) race_with_pending_exit();
}

// One non-daemon thread is left: if its end is pending, it is the exit, which races with the
// daemon threads' past events now.
void DporStrategy::race_with_pending_exit() {
  if (phase_ != Phase::Exploring) return;
  for (ThreadId q = 0; q < threads_; ++q) {
    if (b_.threads[q].ended || b_.threads[q].daemon) continue;
    Footprint op;
    if (op_of(q, op) && (op.flags & kExit)) race_with_exit(q);
    return;
  }
}

// What thread t performs next, if it published anything.
bool DporStrategy::op_of(ThreadId t, Footprint& op) const {
  if (!b_.threads[t].pending) return false;
  op = b_.threads[t].next;
  op.flags &= static_cast<std::uint16_t>(~kExit);
  if (op.kind == OpKind::End && !(op.flags & kDaemon) && non_daemon_alive_ == 1) op.flags |= kExit;
  if ((op.flags & kTerminate) && ends_program(op)) [[unlikely]] op.flags |= kExit;
  return true;
}

// Thread t published its next operation now.
void DporStrategy::publish(ThreadId t) {
  Footprint op;
  if (!op_of(t, op)) return;
  race_with_earlier(t, op);
  if (op.flags & kExit) race_with_exit(t);
}

// The latest event of `log` that conflicts with thread t's pending op by other than sharing an
// object, and does not happen before t; kNone if none.
std::uint32_t DporStrategy::latest_racing(const std::vector<std::uint32_t>& log, ThreadId t,
                                          const Footprint& op) const {
  for (std::size_t i = log.size(); i-- > 0;) {
    const Event& e = b_.events[log[i]];
    if (e.thread != t && !same_object(e, op) && conflict(e, op) && !happens_before(e, t))
      return log[i];
  }
  return kNone;
}

// Thread t published op: the latest conflicting event that does not happen before t could
// have come after op.
void DporStrategy::race_with_earlier(ThreadId t, const Footprint& op) {
  if (op.flags & kTerminate) [[unlikely]] race_with_process(t, op);
  // Conflicts across objects (enumerate() against starts and ends): the latest such event.
  std::uint32_t latest = kNone;
  if (op.flags & (kChanges | kMemory)) latest = latest_racing(b_.lists_log, t, op);
  if (op.flags & (kLists | kFork)) {
    const std::uint32_t other = latest_racing(b_.changes_log, t, op);
    if (other != kNone && (latest == kNone || other > latest)) latest = other;
  }
  if (latest != kNone) race(latest, t);

  if (op.object == 0 || op.object >= b_.objects.size() || b_.objects[op.object].epoch != b_.epoch)
    return;
  // A read conflicts with writes only: the reads since the last write are skipped at once (a
  // walk through them made a long run of reads cost the square of its length).
  const Object& o = b_.objects[op.object];
  const Event* covering = nullptr;  // a conflicting write that happens before t
  for (std::uint32_t i = op.access != Access::Write ? o.last_write : o.last; i != kNone;
       i = b_.events[i].prev) {
    const Event& e = b_.events[i];
    // Every event on the object before `covering` happens before it (it conflicts with it, or
    // with an event between), but the stores of its value just before it: those conflict with
    // op as it does, and only they are left to look at.
    if (covering != nullptr && !equal_stores(e, *covering)) return;
    if (!same_object(e, op)) continue;
    // Pairs that can never both be enabled: a blocking acquire of a lock while another thread
    // can release it because it holds it, a blocking join while the joined thread can still
    // end. The race to look for is with the event before them (the holder's acquire). A
    // semaphore's release and acquire can both be enabled, and so can a lock's release by a
    // thread that does not hold it (Python allows it) and an acquire.
    if (((op.flags & kWaitsRelease) && (e.flags & kHeldRelease)) ||
        ((op.flags & kWaitsEnd) && e.kind == OpKind::End))
      continue;
    if (!happens_before(e, t)) {
      race(i, t);
      // A probe (dpor_probe.cpp) takes every race at once, the search only the latest.
      if (!probe_.all_races) [[likely]] return;
      continue;
    }
    if (e.access == Access::Write) covering = &e;
  }
}

// Thread t is about to terminate a process: the latest event of a thread of that process that
// does not happen before t could have been cut off (t going first). No event of the process can
// follow a terminate of it that does not happen before it: the process's threads are gone after
// it, and its start, on the same object, orders a terminate made before it.
void DporStrategy::race_with_process(ThreadId t, const Footprint& op) {
  for (std::size_t i = b_.events.size(); i-- > 0;) {
    const Event& e = b_.events[i];
    if (e.thread != t && kills(op, e, b_.threads[e.thread].process) && !happens_before(e, t)) {
      race(static_cast<std::uint32_t>(i), t);
      return;
    }
  }
}

// Every other thread whose pending operation conflicts with event i could have gone before it
// — if it was enabled there too. An operation that was blocked before the event (a join that
// its end released, an acquire that its release allowed) can never be co-enabled with it.
void DporStrategy::race_with_pending(std::uint32_t i) {
  const Event& e = b_.events[i];
  if (e.point == kNone) return;  // e was the only thing that could happen
  const Point& p = b_.stack[e.point];
  if (p.kind == sim::Decision::Value) return;
  const Word* enabled = set(p, kEnabled);
  for (std::uint32_t w = 0; w < p.words; ++w) {
    for (Word bits = enabled[w]; bits != 0; bits &= bits - 1) {
      const ThreadId q = lowest(w, bits);
      Footprint op;
      if (q != e.thread && !b_.threads[q].ended && op_of(q, op) &&
          (conflict(e, op) || kills(e, op, b_.threads[q].process) ||
           kills(op, e, b_.threads[e.thread].process)))
        race(i, q);
    }
  }
}

// Thread t's pending end is the exit: it comes after every non-daemon thread's end (the program
// ends when the last of them does) and cuts off the daemon threads. The latest daemon event that
// does not happen before any of those ends could have been cut off: t could have gone first.
void DporStrategy::race_with_exit(ThreadId t) {
  const std::uint32_t* c = b_.clocks.of_thread(t);
  const std::uint32_t* exit = b_.clocks.exit();
  for (std::size_t i = b_.daemon_log.size(); i-- > 0;) {
    const Event& d = b_.events[b_.daemon_log[i]];
    if (exit[d.thread] < d.seq && c[d.thread] < d.seq) {
      race(b_.daemon_log[i], t);
      return;
    }
  }
}

// The execution ended inside thread t after its last event: a failed check, which cuts off
// every other thread. The failure is t's next step and conflicts with every operation: what
// was enabled with t's last event could have gone first, and the latest event of another
// thread that does not happen before t could have come after the failure. That step fails
// whenever it is taken from that point again: as a sleeper, any event wakes it.
void DporStrategy::race_with_failure() {
  const Event& last = b_.events.back();
  const ThreadId t = last.thread;
  if (last.point != kNone && b_.stack[last.point].kind != sim::Decision::Value) {
    const Point& p = b_.stack[last.point];
    put(set(p, kFailed), t);
    const Word* enabled = set(p, kEnabled);
    for (ThreadId q = 0; q < threads_ && q < p.words * 64; ++q)
      if (q != t && !b_.threads[q].ended && has(enabled, q))
        race(static_cast<std::uint32_t>(b_.events.size() - 1), q);
  }
  for (std::size_t i = b_.events.size(); i-- > 0;) {
    const Event& e = b_.events[i];
    if (e.thread != t && !happens_before(e, t)) {
      race(static_cast<std::uint32_t>(i), t);
      return;
    }
  }
}

}  // namespace weft::checker
