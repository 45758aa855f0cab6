// Helpers the tests share: explore a body or a registered scenario, look at its outcomes.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "checker/explore.hpp"

namespace weft::test {

// Every search below runs on an OS thread of its own and checks, once that thread has ended, that
// each fiber stack it took is back in the pool (a leak check); run_once checks the same once its
// runtime has gone.

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
// Runs `body` once with the first-enabled-thread schedule and returns its outcome.
sim::Outcome run_once(const std::function<void()>& body,
                      const std::vector<std::string>& stdin_lines = {});

}  // namespace weft::test
