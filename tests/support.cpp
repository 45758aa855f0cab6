#include "support.hpp"

#include <catch2/catch.hpp>

#include "checker/dfs.hpp"
#include "scenarios/registry.hpp"

namespace weft::test {

checker::Report explore(const std::function<void()>& body,
                        const std::vector<std::string>& stdin_lines) {
  checker::Options opt;
  opt.setup.stdin_lines = stdin_lines;
  return checker::explore(body, opt);
}

checker::Report explore_scenario(const std::string& name,
                                 const std::map<std::string, std::string>& params) {
  const Scenario* s = Registry::instance().find(name);
  if (s == nullptr) throw std::invalid_argument("no scenario " + name);
  const Params p = s->resolve(params);
  checker::Options opt;
  opt.setup.stdin_lines = s->stdin_lines;
  return checker::explore([&] { s->body(p); }, opt);
}

std::set<OutcomeKey> outcome_keys(const checker::Report& r) {
  std::set<OutcomeKey> out;
  for (const auto& g : r.outcomes)
    out.emplace(static_cast<int>(g.outcome.status), g.outcome.out, g.outcome.err,
                g.outcome.message, g.outcome.files);
  return out;
}

checker::Report explore_checked(const std::function<void()>& body) {
  auto reduced = explore(body);
  const auto full = checker::explore_all(body, checker::Options{});
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

sim::Outcome run_once(const std::function<void()>& body,
                      const std::vector<std::string>& stdin_lines) {
  sim::Runtime rt;
  checker::DfsStrategy first;
  sim::ExecutionSetup setup;
  setup.stdin_lines = stdin_lines;
  return rt.execute(body, first, setup);
}

}  // namespace weft::test
