// Reality stays inside the model: on every built-in scenario, with small parameters, a handful
// of real runs (each in its own process, as `weft stress` runs them) produce only outcomes the
// untimed model lists. Sleeps are scaled to 1/100; runs that hang (the deadlock, the pipeline's
// livelock) are killed after 1 s and must be a model deadlock or livelock with that output.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <unistd.h>

#include "checker/explore.hpp"
#include "cli/conformance.hpp"
#include "cli/stress_report.hpp"
#include "real/batch.hpp"
#include "scenarios/registry.hpp"

namespace {

constexpr std::size_t kRuns = 4;

weft::checker::Report model(const weft::Scenario& s, const weft::Params& p, weft::sim::Timing t,
                            double max_time) {
  weft::checker::Options opt;
  opt.setup.stdin_lines = s.stdin_lines;
  opt.setup.timing = t;
  if (max_time > 0) opt.setup.max_time = weft::sim::from_seconds(max_time);
  return weft::checker::explore([&] { s.body(p); }, opt);
}

// timer_captcha's Timer re-arms itself every 5 s. Untimed, it may fire any number of times
// before the user (3 s) types: the model has no end, so its listing is bounded to 16 virtual
// seconds per thread. Real runs (the user types at 30 ms, the timer fires every 50 ms) lie well
// inside that bound; a bounded model can only make this test stricter, never let a real
// outcome pass that the model lacks.
constexpr double kCaptchaMaxTime = 16;

std::vector<weft::checker::OutcomeGroup> real_runs(const weft::Scenario& s, const weft::Params& p,
                                                   const std::string& dir) {
  std::vector<weft::checker::OutcomeGroup> groups;
  weft::real::run_batch(
      kRuns, kRuns, [&] { s.body(p); },
      [&](std::size_t i) {
        weft::real::RealOptions o;
        o.time_scale = 0.01;
        o.timeout = 1;
        o.stdin_lines = s.stdin_lines;
        o.files_dir = dir + "/run-" + std::to_string(i);
        std::filesystem::create_directories(o.files_dir);
        return o;
      },
      [&](std::size_t, const weft::sim::Outcome& o) { weft::cli::add_run(groups, o); });
  return groups;
}

// Runs each scenario kRuns times on real threads: every outcome must be an untimed model outcome.
void conforms(
    const std::vector<std::pair<std::string, std::map<std::string, std::string>>>& cases) {
  // A directory of this process's own: CTest runs the test cases of this file at once, each in
  // its own process, and each clears its directory between scenarios.
  const std::string root = (std::filesystem::temp_directory_path() /
                            ("weft-conformance-" + std::to_string(::getpid()))).string();
  for (const auto& [name, params] : cases) {
    const weft::Scenario* s = weft::Registry::instance().find(name);
    REQUIRE(s != nullptr);
    const weft::Params p = s->resolve(params);
    INFO(name);
    std::filesystem::remove_all(root);
    const bool bounded = name == "timer_captcha";
    const auto untimed = model(*s, p, weft::sim::Timing::Untimed, bounded ? kCaptchaMaxTime : 0);
    const auto exact = model(*s, p, weft::sim::Timing::Exact, 0);
    REQUIRE((untimed.complete || (bounded && untimed.cut_by.find("limit") != std::string::npos)));
    const auto real = real_runs(*s, p, root);
    const auto c = weft::cli::compare(real, untimed, exact);
    for (std::size_t i = 0; i < real.size(); ++i) {
      INFO("real outcome: " << weft::sim::status_name(real[i].outcome.status) << " "
                            << real[i].outcome.message << "\nstdout:\n" << real[i].outcome.out
                            << "stderr:\n" << real[i].outcome.err);
      CHECK(c.untimed[i].has_value());
    }
  }
  std::filesystem::remove_all(root);
}

}  // namespace

TEST_CASE("every built-in scenario: real outcomes are untimed model outcomes",
          "[real][conformance][scenario]") {
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> cases = {
      {"sayhi", {}},
      {"sayhi_class", {}},
      {"daemon", {}},
      {"thread_info", {}},
      {"text_pipeline", {}},
      {"gil_counter", {{"threads", "3"}}},
      {"gil_counter", {{"threads", "3"}, {"lock", "true"}}},
      {"deadlock", {{"threads", "2"}}},
      {"rlock", {{"threads", "2"}}},
      {"semaphore", {{"threads", "3"}, {"permits", "2"}}},
      {"event_class", {}},
      {"event_overtime", {{"workers", "1"}}},
      {"event_connect", {{"connectors", "1"}}},
      {"queue_fifo", {}},
      {"queue_lifo", {}},
      {"queue_priority", {}},
      {"timer_captcha", {{"tries", "1"}}},
  };
  conforms(cases);
}

// Real child processes (weft::Process) on real loopback. The servers never end: the fixed one
// waits in accept (a deadlock), the seed's spins (a livelock).
TEST_CASE("the socket scenarios: real outcomes are untimed model outcomes",
          "[real][conformance][scenario][socket]") {
  conforms({
      {"echo_client_partial", {}},
      {"echo_server_threads", {}},
      {"echo_server_threads_fixed", {}},
      {"echo_server", {{"clients", "1"}, {"messages", "1"}}},
      {"echo_server_fixed", {{"clients", "1"}, {"messages", "1"}}},
  });
}
