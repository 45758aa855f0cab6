// Many executions on real threads, each in its own child process, several at a time.
#pragma once

#include <cstddef>
#include <functional>

#include "real/options.hpp"
#include "sim/outcome.hpp"

namespace weft::real {

// Runs `body` `count` times, at most `jobs` child processes at once (jobs >= 1). Run i (from 0)
// gets options_for(i); done(i, outcome) is called in this process as each run ends, in the order
// they end. This process must have no other threads running (children are forked from it).
void run_batch(std::size_t count, std::size_t jobs, const std::function<void()>& body,
               const std::function<RealOptions(std::size_t)>& options_for,
               const std::function<void(std::size_t, const sim::Outcome&)>& done);

}  // namespace weft::real
