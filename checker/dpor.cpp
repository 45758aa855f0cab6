#include "checker/dpor.hpp"

#include <algorithm>
#include <utility>

#include "sim/runtime.hpp"

namespace weft::checker {

using sim::Access;
using sim::ThreadId;

namespace {
std::uint32_t id_of(const sim::Op& op) { return op.object ? op.object->id() : 0; }
}  // namespace

bool DporStrategy::dependent(Access a, std::uint32_t obj_a, const sim::Op& b) {
  return obj_a != 0 && obj_a == id_of(b) && (a == Access::Write || b.access == Access::Write);
}

namespace {
// enumerate() and active_count() read the set of live threads, which every start and end changes.
bool lists_threads(const sim::Runtime& rt, sim::OpKind kind, std::uint32_t object) {
  return kind == sim::OpKind::Query && object == rt.world().threads_object.id();
}
bool changes_threads(sim::OpKind kind) {
  return kind == sim::OpKind::Start || kind == sim::OpKind::End;
}
}  // namespace

// Whether event e and thread t's operation op do not commute.
// Pairs that can never both be enabled: a blocking acquire while another thread can release
// the lock (it holds it), a blocking join while the joined thread can still end. The race to
// look for is with the event before them (the other thread's acquire).
bool DporStrategy::never_coenabled(const Event& e, const sim::Op& op) {
  if (op.ready == nullptr || op.deadline != sim::kNever) return false;
  return (e.kind == sim::OpKind::Release && op.kind == sim::OpKind::Acquire) ||
         (e.kind == sim::OpKind::End && op.kind == sim::OpKind::Join);
}

bool DporStrategy::conflict(const sim::Runtime& rt, const Event& e, ThreadId t, const sim::Op& op) {
  if (dependent(e.access, e.object, op)) return true;
  if (lists_threads(rt, e.kind, e.object) && changes_threads(op.kind)) return true;
  if (changes_threads(e.kind) && lists_threads(rt, op.kind, id_of(op))) return true;
  // A non-daemon thread's end may end the program, cutting off the daemon threads.
  if (e.kind == sim::OpKind::End && !rt.is_daemon(e.thread) && rt.is_daemon(t)) return true;
  return op.kind == sim::OpKind::End && !rt.is_daemon(t) && rt.is_daemon(e.thread);
}

void DporStrategy::begin_execution() {
  depth_ = 0;
  events_.clear();
  clocks_.clear();
  seqs_.clear();
  for (ObjectLog& log : objects_) {
    log.events.clear();
    log.last_write = kNone;
    log.reads_since_write.clear();
  }
  sleeping_.clear();
  last_point_of_.clear();
  point_before_next_ = kNone;
}

DporStrategy::Clock& DporStrategy::clock_of(ThreadId t) {
  if (t >= clocks_.size()) {
    clocks_.resize(t + 1);
    seqs_.resize(t + 1, 0);
    last_point_of_.resize(t + 1, kNone);
  }
  if (t >= sleeping_.size()) sleeping_.resize(t + 1, false);
  return clocks_[t];
}

DporStrategy::ObjectLog& DporStrategy::log_of(std::uint32_t object) {
  if (object >= objects_.size()) objects_.resize(object + 1);
  return objects_[object];
}

static void join_into(std::vector<std::uint32_t>& into, const std::vector<std::uint32_t>& from) {
  if (into.size() < from.size()) into.resize(from.size(), 0);
  for (std::size_t i = 0; i < from.size(); ++i) into[i] = std::max(into[i], from[i]);
}

// Appends an event of thread t and advances t's clock past everything it depends on.
void DporStrategy::record(ThreadId t, sim::OpKind kind, Access access, std::uint32_t object,
                          std::size_t point) {
  Clock& c = clock_of(t);
  if (c.size() <= t) c.resize(t + 1, 0);
  c[t] = ++seqs_[t];
  const std::size_t index = events_.size();
  if (object != 0) {
    ObjectLog& log = log_of(object);
    if (log.last_write != kNone) join_into(c, events_[log.last_write].clock);
    if (access == Access::Write) {
      for (std::size_t r : log.reads_since_write) join_into(c, events_[r].clock);
      log.last_write = index;
      log.reads_since_write.clear();
    } else {
      log.reads_since_write.push_back(index);
    }
    log.events.push_back(index);
  }
  events_.push_back(Event{t, kind, c[t], access, object, point, c});
}

bool DporStrategy::happens_before(const Event& e, ThreadId t) const {
  return t < clocks_.size() && e.thread < clocks_[t].size() && clocks_[t][e.thread] >= e.seq;
}

void DporStrategy::grow(Point& p, std::size_t threads) const {
  if (p.backtrack.size() < threads) {
    p.backtrack.resize(threads, false);
    p.done.resize(threads, false);
    p.sleep.resize(threads, false);
  }
}

// Flanagan–Godefroid: schedule t at the point if it was enabled there, else every thread that
// was. Also every thread when t sleeps there: t's own later races, which would have named the
// threads that must run before it, are then never found from this point, so no smaller set is
// known to be enough (a random-program differential test found the case).
void DporStrategy::add_backtrack(std::size_t point, ThreadId t) {
  if (point == kNone) return;
  Point& p = stack_[point];
  if (p.kind == sim::Decision::Value) return;
  grow(p, std::max<std::size_t>(t + 1, p.enabled.back() + 1));
  const bool enabled = std::find(p.enabled.begin(), p.enabled.end(), t) != p.enabled.end();
  if (enabled && !p.sleep[t]) {
    p.backtrack[t] = true;
  } else {
    for (ThreadId q : p.enabled) p.backtrack[q] = true;
  }
}

// Every other thread whose pending operation conflicts with e could have gone before it — if
// it was enabled there too. An operation that was blocked before e (a join that e's end
// released, an acquire that e's release allowed) can never be co-enabled with e: no race.
void DporStrategy::race_with_pending(const sim::Runtime& rt, const Event& e) {
  if (e.point == kNone) return;  // e was the only thing that could happen
  const std::vector<ThreadId>& was_enabled = stack_[e.point].enabled;
  for (ThreadId p = 0; p < rt.thread_count(); ++p) {
    if (p == e.thread || !rt.is_running(p)) continue;
    if (std::find(was_enabled.begin(), was_enabled.end(), p) == was_enabled.end()) continue;
    if (conflict(rt, e, p, rt.pending(p))) add_backtrack(e.point, p);
  }
}

// The latest event e' no later than e that conflicts with t's pending operation and does not
// happen before t could have come after it.
void DporStrategy::race_with_earlier(const Event& e, ThreadId t) {
  if (!happens_before(e, t)) add_backtrack(e.point, t);
}

void DporStrategy::published(const sim::Runtime& rt, ThreadId t) {
  Clock& c = clock_of(t);
  // A new thread's first operation comes after the start that created it (the last event).
  if (c.empty() && t != 0 && !events_.empty()) c = events_.back().clock;
  const sim::Op& op = rt.pending(t);
  if (changes_threads(op.kind) || lists_threads(rt, op.kind, id_of(op)) || rt.is_daemon(t)) {
    // Conflicts across objects (an end cutting off daemon threads, enumerate() against starts
    // and ends): the latest such event that does not happen before t races with op.
    for (std::size_t i = events_.size(); i-- > 0;) {
      const Event& e = events_[i];
      if (e.thread != t && !dependent(e.access, e.object, op) && conflict(rt, e, t, op) &&
          !happens_before(e, t)) {
        race_with_earlier(e, t);
        break;
      }
    }
  }
  const std::uint32_t object = id_of(op);
  if (object == 0 || object >= objects_.size()) return;
  // The latest conflicting event that does not happen before t could have come after op.
  const ObjectLog& log = objects_[object];
  for (std::size_t i = log.events.size(); i-- > 0;) {
    const Event& e = events_[log.events[i]];
    if (!dependent(e.access, e.object, op) || never_coenabled(e, op)) continue;
    if (!happens_before(e, t)) {
      race_with_earlier(e, t);
      break;
    }
    if (e.access == Access::Write) break;  // everything conflicting before it happens before t
  }
}

void DporStrategy::executed(const sim::Runtime& rt, ThreadId t) {
  const sim::Op& op = rt.pending(t);
  const std::size_t point = std::exchange(point_before_next_, kNone);
  clock_of(t);
  last_point_of_[t] = point;
  note(rt, t, op.kind, op.access, id_of(op), point);
}

// Records an event and lets it wake the sleepers and race with the pending operations.
void DporStrategy::note(const sim::Runtime& rt, ThreadId t, sim::OpKind kind, Access access,
                        std::uint32_t object, std::size_t point) {
  record(t, kind, access, object, point);
  const Event& e = events_.back();
  for (ThreadId q = 0; q < sleeping_.size(); ++q)
    if (sleeping_[q] && conflict(rt, e, q, rt.pending(q))) sleeping_[q] = false;
  race_with_pending(rt, e);
}

std::size_t DporStrategy::pick_thread(const sim::Runtime& rt, std::span<const ThreadId> enabled,
                                      sim::Decision kind) {
  for (ThreadId t : enabled) clock_of(t);
  if (enabled.size() == 1) {
    if (sleeping_[enabled[0]]) return kStop;  // every continuation was explored already
    point_before_next_ = kNone;
    return 0;
  }
  if (depth_ < stack_.size()) {  // replaying the prefix, or taking the new branch
    Point& p = stack_[depth_];
    if (p.kind == sim::Decision::Value ||
        !std::equal(p.enabled.begin(), p.enabled.end(), enabled.begin(), enabled.end())) {
      nondeterministic_ = true;
      stack_.resize(depth_);  // forget the stale suffix and explore from here afresh
    } else {
      if (depth_ == target_) {  // the new branch: what was explored here sleeps
        grow(p, rt.thread_count());
        sleeping_.assign(rt.thread_count(), false);
        for (ThreadId q = 0; q < p.sleep.size(); ++q) sleeping_[q] = p.sleep[q] || p.done[q];
        sleeping_[p.chosen] = false;
      }
      point_before_next_ = depth_++;
      return static_cast<std::size_t>(std::find(enabled.begin(), enabled.end(), p.chosen) -
                                      enabled.begin());
    }
  }
  // A new point: take the first enabled thread that is not asleep.
  auto awake = std::find_if(enabled.begin(), enabled.end(),
                            [&](ThreadId t) { return !sleeping_[t]; });
  if (awake == enabled.end()) return kStop;
  Point p{kind, std::vector<ThreadId>(enabled.begin(), enabled.end()), 0, *awake, {}, {}, {}};
  grow(p, rt.thread_count());
  for (ThreadId q = 0; q < sleeping_.size() && q < p.sleep.size(); ++q) p.sleep[q] = sleeping_[q];
  p.backtrack[*awake] = true;
  stack_.push_back(std::move(p));
  point_before_next_ = depth_++;
  return static_cast<std::size_t>(awake - enabled.begin());
}

std::size_t DporStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  (void)rt;
  if (depth_ < stack_.size()) {
    Point& p = stack_[depth_];
    if (p.kind == sim::Decision::Value && p.options == n) {
      if (depth_ == target_) {
        sleeping_.assign(p.sleep.begin(), p.sleep.end());
      }
      ++depth_;
      return p.chosen;
    }
    nondeterministic_ = true;
    stack_.resize(depth_);
  }
  Point p{sim::Decision::Value, {}, static_cast<std::uint32_t>(n), 0, {}, {}, {}};
  p.sleep = sleeping_;
  stack_.push_back(std::move(p));
  ++depth_;
  return 0;
}

bool DporStrategy::advance() {
  stack_.resize(std::min(depth_, stack_.size()));
  while (!stack_.empty()) {
    Point& p = stack_.back();
    if (p.kind == sim::Decision::Value) {
      if (p.chosen + 1 < p.options) {
        ++p.chosen;
        target_ = stack_.size() - 1;
        return true;
      }
    } else {
      p.done[p.chosen] = true;
      for (ThreadId q : p.enabled) {
        if (p.backtrack[q] && !p.done[q] && !p.sleep[q]) {
          p.chosen = q;
          target_ = stack_.size() - 1;
          return true;
        }
      }
    }
    stack_.pop_back();
  }
  return false;
}

const Schedule& DporStrategy::schedule() {
  schedule_.clear();
  for (std::size_t i = 0; i < depth_ && i < stack_.size(); ++i) {
    const Point& p = stack_[i];
    if (p.kind == sim::Decision::Value) {
      schedule_.push_back(Choice{p.kind, p.chosen, p.options});
    } else {
      const auto at = std::find(p.enabled.begin(), p.enabled.end(), p.chosen) - p.enabled.begin();
      schedule_.push_back(Choice{p.kind, static_cast<std::uint32_t>(at),
                                 static_cast<std::uint32_t>(p.enabled.size())});
    }
  }
  return schedule_;
}

}  // namespace weft::checker
