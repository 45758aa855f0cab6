// Helpers the tests share: explore a body or a registered scenario, look at its outcomes.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "checker/explore.hpp"
#include "sim/fiber.hpp"

namespace weft::test {

// Every search below runs on an OS thread of its own and checks that it left the pools of that
// thread as it found them (a leak check, see pool_leaks): each fiber stack back in the stack pool
// once the thread has ended, each set of reduced-search buffers back, each primitive's state's
// block back on the free lists. run_once checks the same once its runtime has gone.

// How much of the calling OS thread's pools is out: fiber stacks of `stacks` (less those lost
// with a forgotten fiber, by design), sets of reduced-search buffers, primitives' pooled blocks.
struct PoolLevels {
  std::size_t stacks = 0;
  std::size_t lost_stacks = 0;
  std::size_t buffers = 0;
  std::ptrdiff_t blocks = 0;
};
PoolLevels pool_levels(const sim::StackPool& stacks);
// What is out at `after` that was not at `before`, in words; empty when nothing. The blocks are
// not compared when a stack was lost: the states on a forgotten fiber's stack are never freed.
std::string pool_leaks(const PoolLevels& before, const PoolLevels& after);

// Explores `body` exhaustively (with reduction) with default options and the given stdin.
checker::Report explore(const std::function<void()>& body,
                        const std::vector<std::string>& stdin_lines = {});
// Explores the registered scenario `name` with parameters (its scripted stdin by default).
checker::Report explore_scenario(const std::string& name,
                                 const std::map<std::string, std::string>& params = {});
// An outcome's identity, for comparing the outcome sets of two searches: how it ended, its
// stdout, its stderr, the failure's message, the files it wrote.
using OutcomeKey = std::tuple<sim::Status, std::string, std::string, std::string,
                              std::map<std::string, std::string>>;
OutcomeKey outcome_key(sim::Status status, std::string out, std::string err = "",
                       std::string message = "", std::map<std::string, std::string> files = {});
std::set<OutcomeKey> outcome_keys(const checker::Report& r);
// Explores `body` with reduction and without, checks that both are complete and find the same
// outcomes (the operations' declared objects lose nothing), and returns the reduced search.
checker::Report explore_checked(const std::function<void()>& body);
// The distinct stdouts of the outcomes with `status`.
std::set<std::string> stdouts(const checker::Report& r, sim::Status status = sim::Status::Ok);
// How many outcomes have `status`.
std::size_t count_status(const checker::Report& r, sim::Status status);
// The statuses the outcomes reached (as integers), for comparing what two searches found.
std::set<int> statuses(const checker::Report& r);
// Runs `body` once with the first-enabled-thread schedule and returns its outcome.
sim::Outcome run_once(const std::function<void()>& body,
                      const std::vector<std::string>& stdin_lines = {});

}  // namespace weft::test
