#include "real/batch.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

#include "real/isolated.hpp"

namespace weft::real {

namespace {

struct Running {
  std::size_t index;
  std::unique_ptr<Child> child;
  bool closed = false;  // the child closed its pipe: its outcome is ready
};

// Milliseconds until the earliest deadline among the running children; -1 for none.
int poll_timeout(const std::vector<Running>& running) {
  auto earliest = Child::Clock::time_point::max();
  for (const Running& r : running) earliest = std::min(earliest, r.child->deadline());
  if (earliest == Child::Clock::time_point::max()) return -1;
  const auto left = earliest - Child::Clock::now();
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 1 << 30));
}

// Waits until some child has written, closed or passed its deadline, and reads what came.
void wait_for_any(std::vector<Running>& running) {
  std::vector<pollfd> fds;
  for (const Running& r : running) fds.push_back({r.child->fd(), POLLIN, 0});
  const int n = ::poll(fds.data(), fds.size(), poll_timeout(running));
  if (n <= 0) return;  // a deadline passed (or a signal came): the caller looks
  for (std::size_t i = 0; i < running.size(); ++i)
    if (fds[i].revents != 0 && !running[i].child->pump()) running[i].closed = true;
}

}  // namespace

void run_batch(std::size_t count, std::size_t jobs, const std::function<void()>& body,
               const std::function<RealOptions(std::size_t)>& options_for,
               const std::function<void(std::size_t, const sim::Outcome&)>& done) {
  std::vector<Running> running;
  std::size_t next = 0;
  while (next < count || !running.empty()) {
    while (next < count && running.size() < std::max<std::size_t>(jobs, 1)) {
      running.push_back({next, std::make_unique<Child>(body, options_for(next))});
      ++next;
    }
    wait_for_any(running);
    const auto now = Child::Clock::now();
    for (auto it = running.begin(); it != running.end();) {
      if (it->closed || now >= it->child->deadline()) {
        done(it->index, it->child->finish());
        it = running.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace weft::real
