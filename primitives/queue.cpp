#include "primitives/queue.hpp"

#include "primitives/detail/timeouts.hpp"
#include "primitives/errors.hpp"

namespace weft::detail {

using sim::Access;
using sim::OpKind;

namespace {
const QueueState& of(const sim::Object* o) { return *static_cast<const QueueState*>(o); }

bool all_done(const sim::Object* o, sim::ThreadId) { return of(o).unfinished == 0; }
}  // namespace

QueueWait::QueueWait(bool block, double t)
    : mode(Mode::NoWait), timeout(nan_as(t, -1)), too_large(block && detail::too_large(timeout)) {
  if (block) mode = timeout < 0 ? Mode::Block : Mode::Timed;
  if (too_large) timeout = 0;
}

bool queue_has_room(const sim::Object* o, sim::ThreadId) { return !of(o).full(); }

bool queue_has_item(const sim::Object* o, sim::ThreadId) { return of(o).size() > 0; }

void queue_admit_put(const Gate& g, QueueState& q, const QueueWait& w) {
  if (!g.ready()) {
    g.result(0);
    if (w.too_large) timeout_too_large();
    throw Full();
  }
  ++q.unfinished;
  g.result(1);
}

void queue_admit_get(const Gate& g, const QueueWait& w) {
  if (!g.ready()) {
    g.result(0);
    if (w.too_large) timeout_too_large();
    throw Empty();
  }
  g.result(1);
}

void queue_task_done(QueueState& q) {
  Gate g(OpKind::Notify, Access::Write, &q);
  if (q.unfinished <= 0) throw ValueError("task_done() called too many times");
  --q.unfinished;
  g.result(q.unfinished);
}

void queue_join(const QueueState& q) {
  Gate g(OpKind::Wait, Access::Read, &q, &all_done, Mode::Block);
}

std::size_t queue_qsize(const QueueState& q, const void* site) {
  Gate g(OpKind::Query, Access::Read, &q, nullptr, Mode::NoWait, -1, site);
  g.result(static_cast<std::int64_t>(q.size()));
  return q.size();
}

bool queue_empty(const QueueState& q, const void* site) { return queue_qsize(q, site) == 0; }

bool queue_full(const QueueState& q, const void* site) {
  Gate g(OpKind::Query, Access::Read, &q, nullptr, Mode::NoWait, -1, site);
  g.result(q.full() ? 1 : 0);
  return q.full();
}

}  // namespace weft::detail
