#include "support.hpp"

#include <catch2/catch.hpp>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "checker/dfs.hpp"
#include "checker/dpor_pool.hpp"
#include "primitives/detail/pool.hpp"
#include "scenarios/registry.hpp"
#include "sim/fiber.hpp"

namespace weft::test {

namespace {

// Runs `search` on an OS thread of its own: its pools start empty, and the runtime the thread's
// searches share goes when the thread ends. Then every stack a fiber took must be back in the
// pool, as marl's tests check their allocator at teardown, and every buffer and pooled block the
// search took back where it came from.
checker::Report leak_checked(const std::function<checker::Report()>& search) {
  std::shared_ptr<sim::StackPool> pool;
  PoolLevels before;
  PoolLevels after;
  std::optional<checker::Report> report;
  std::exception_ptr error;
  std::thread([&] {
    pool = sim::StackPool::local();
    before = pool_levels(*pool);
    try {
      report = search();
    } catch (...) {
      error = std::current_exception();
    }
    after = pool_levels(*pool);  // the stacks' level is taken once the thread's runtime has gone
  }).join();
  if (error) std::rethrow_exception(error);
  const PoolLevels ended = pool_levels(*pool);
  after.stacks = ended.stacks;
  after.lost_stacks = ended.lost_stacks;
  INFO("pools not back to their starting size after the search");
  CHECK(pool_leaks(before, after) == "");
  return std::move(*report);
}

}  // namespace

PoolLevels pool_levels(const sim::StackPool& stacks) {
  PoolLevels l;
  l.stacks = stacks.out() - stacks.lost();
  l.lost_stacks = stacks.lost();
  l.buffers = checker::dpor::buffers_out();
  l.blocks = detail::pool::blocks_out();
  return l;
}

std::string pool_leaks(const PoolLevels& before, const PoolLevels& after) {
  std::string leaks;
  const auto say = [&leaks](const char* what, auto was, auto is) {
    if (is == was) return;
    if (!leaks.empty()) leaks += ", ";
    leaks += std::string(what) + " out: " + std::to_string(was) + " before, " + std::to_string(is) +
             " after";
  };
  say("fiber stacks", before.stacks, after.stacks);
  say("reduced-search buffers", before.buffers, after.buffers);
  if (after.lost_stacks == before.lost_stacks) say("pooled blocks", before.blocks, after.blocks);
  return leaks;
}

checker::Report explore(const std::function<void()>& body,
                        const std::vector<std::string>& stdin_lines) {
  checker::Options opt;
  opt.setup.stdin_lines = stdin_lines;
  return leak_checked([&] { return checker::explore(body, opt); });
}

checker::Report explore_scenario(const std::string& name,
                                 const std::map<std::string, std::string>& params) {
  const Scenario* s = Registry::instance().find(name);
  if (s == nullptr) throw std::invalid_argument("no scenario " + name);
  const Params p = s->resolve(params);
  checker::Options opt;
  opt.setup.stdin_lines = s->stdin_lines;
  return leak_checked([&] { return checker::explore([&] { s->body(p); }, opt); });
}

OutcomeKey outcome_key(sim::Status status, std::string out, std::string err, std::string message,
                       std::map<std::string, std::string> files) {
  return {status, std::move(out), std::move(err), std::move(message), std::move(files)};
}

std::set<OutcomeKey> outcome_keys(const checker::Report& r) {
  std::set<OutcomeKey> out;
  for (const auto& g : r.outcomes)
    out.insert(outcome_key(g.outcome.status, g.outcome.out, g.outcome.err, g.outcome.message,
                           g.outcome.files));
  return out;
}

checker::Report explore_checked(const std::function<void()>& body) {
  auto reduced = explore(body);
  const auto full = leak_checked([&] { return checker::explore_all(body, checker::Options{}); });
  CHECK(reduced.complete);
  CHECK(full.complete);
  CHECK(outcome_keys(reduced) == outcome_keys(full));
  return reduced;
}

std::set<std::string> stdouts(const checker::Report& r, sim::Status status) {
  std::set<std::string> out;
  for (const auto& g : r.outcomes)
    if (g.outcome.status == status) out.insert(g.outcome.out);
  return out;
}

std::size_t count_status(const checker::Report& r, sim::Status status) {
  std::size_t n = 0;
  for (const auto& g : r.outcomes) n += g.outcome.status == status ? 1 : 0;
  return n;
}

std::set<int> statuses(const checker::Report& r) {
  std::set<int> out;
  for (const auto& g : r.outcomes) out.insert(static_cast<int>(g.outcome.status));
  return out;
}

sim::Outcome run_once(const std::function<void()>& body,
                      const std::vector<std::string>& stdin_lines) {
  const std::shared_ptr<sim::StackPool> pool = sim::StackPool::local();
  const PoolLevels before = pool_levels(*pool);
  std::optional<sim::Outcome> outcome;
  {
    sim::Runtime rt;
    checker::DfsStrategy first;
    sim::ExecutionSetup setup;
    setup.stdin_lines = stdin_lines;
    outcome = rt.execute(body, first, setup);
  }
  INFO("pools not back to their starting size after the execution");
  CHECK(pool_leaks(before, pool_levels(*pool)) == "");
  return std::move(*outcome);
}

}  // namespace weft::test
