#include "checker/pos.hpp"

#include "sim/runtime.hpp"

namespace weft::checker {

bool PosStrategy::next_execution(sim::Plan& plan) {
  schedule_.clear();
  threads_.clear();
  plan.observe_from = 0;
  return true;
}

PosStrategy::Pending& PosStrategy::slot(sim::ThreadId t) {
  if (threads_.size() <= t) threads_.resize(t + 1);
  return threads_[t];
}

void PosStrategy::observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) {
  Pending& me = slot(t);
  if (what == sim::Observed::Published) {
    dpor::footprint(rt.pending(t), rt.is_daemon(t), rt.world().threads_object.id(), me.op);
    me.priority = rng_.next();
    me.published = true;
    return;
  }
  me.published = false;
  for (sim::ThreadId q = 0; q < threads_.size(); ++q) {
    Pending& other = threads_[q];
    if (q != t && other.published && dpor::conflict(me.op, other.op)) other.priority = rng_.next();
  }
}

std::size_t PosStrategy::pick(const sim::Runtime&, const sim::Request& r) {
  std::size_t i = 0;
  if (r.kind == sim::Decision::Value) {
    i = static_cast<std::size_t>(rng_.below(r.options));
  } else {
    const auto threads = r.threads();
    for (std::size_t j = 1; j < threads.size(); ++j)
      if (slot(threads[j]).priority > slot(threads[i]).priority) i = j;
  }
  schedule_.push_back(Choice{r.kind, static_cast<std::uint32_t>(i),
                             static_cast<std::uint32_t>(r.options)});
  return i;
}

}  // namespace weft::checker
