#include "primitives/detail/waiters.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace weft::detail {

void Waiters::fingerprint(sim::StateHasher& h) const {
  h.mix(entries_.size());
  for (const Entry& e : entries_) {
    h.thread(e.thread);
    h.mix(e.woken);
  }
}

void Waiters::fingerprint_set(sim::StateHasher& h) const {
  std::vector<std::pair<std::uint64_t, bool>> set;
  set.reserve(entries_.size());
  for (const Entry& e : entries_) set.emplace_back(h.word(e.thread), e.woken);
  std::sort(set.begin(), set.end());
  h.mix(set.size());
  for (const auto& [word, woken] : set) {
    h.mix(word);
    h.mix(woken);
  }
}

void Waiters::add(sim::ThreadId t) {
  remove(t);
  entries_.push_back(Entry{t, false});
}

bool Waiters::woken(sim::ThreadId t) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [t](const Entry& e) { return e.thread == t && e.woken; });
}

bool Waiters::listed(sim::ThreadId t) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [t](const Entry& e) { return e.thread == t; });
}

void Waiters::remove(sim::ThreadId t) {
  std::erase_if(entries_, [t](const Entry& e) { return e.thread == t; });
}

int Waiters::wake(int n) {
  int done = 0;
  for (Entry& e : entries_) {
    if (done >= n) break;
    if (e.woken) continue;
    e.woken = true;
    ++done;
  }
  return done;
}

int Waiters::wake_all() { return wake(std::numeric_limits<int>::max()); }

}  // namespace weft::detail
