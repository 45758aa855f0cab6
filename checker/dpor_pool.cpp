#include "checker/dpor_pool.hpp"

#include <utility>

namespace weft::checker::dpor {

namespace {
std::vector<std::unique_ptr<Buffers>>& spares() {
  thread_local std::vector<std::unique_ptr<Buffers>> spares;
  return spares;
}
thread_local std::size_t t_made = 0;  // sets of buffers made on this thread
}  // namespace

void Buffers::clear() {
  stack.clear();
  bits.clear();
  events.clear();
  schedule.clear();
  schedule_picks.clear();
}

std::unique_ptr<Buffers> borrow_buffers() {
  if (spares().empty()) {
    ++t_made;
    return std::make_unique<Buffers>();
  }
  std::unique_ptr<Buffers> b = std::move(spares().back());
  spares().pop_back();
  return b;
}

void return_buffers(std::unique_ptr<Buffers> b) {
  b->clear();
  spares().push_back(std::move(b));
}

std::size_t buffers_out() { return t_made - spares().size(); }

}  // namespace weft::checker::dpor
