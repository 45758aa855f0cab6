#include "small_scenarios.hpp"

#include <catch2/catch.hpp>

#include <set>

#include "scenarios/registry.hpp"

namespace weft::test {

const std::vector<SmallScenario>& small_scenarios() {
  static const std::vector<SmallScenario> list = {
      {"sayhi", {}},
      {"sayhi_class", {}},
      {"daemon", {}},
      {"thread_info", {}},
      {"gil_counter", {{"threads", "3"}}},
      {"gil_counter", {{"threads", "3"}, {"lock", "true"}}},
      {"deadlock", {{"threads", "2"}}},
      {"echo_client_partial", {}},
      {"echo_server", {{"clients", "1"}, {"messages", "1"}}},
      {"echo_server_fixed", {{"clients", "1"}, {"messages", "1"}}},
      {"echo_server_threads", {}},
      {"echo_server_threads_fixed", {}},
      {"rlock", {{"threads", "2"}}},
      {"semaphore", {{"threads", "3"}, {"permits", "2"}}},
      {"event_class", {}, false},
      {"event_connect", {{"connectors", "1"}}},
      {"event_overtime", {{"workers", "1"}}},
      {"event_overtime", {{"workers", "2"}}, false},
      {"queue_fifo", {}},
      {"queue_lifo", {}},
      {"queue_priority", {}},
      {"text_pipeline", {}, false},
      {"timer_captcha", {{"delay", "3"}, {"tries", "1"}}},
  };
  return list;
}

}  // namespace weft::test

TEST_CASE("the small-sizes list has every registered scenario", "[scenario]") {
  std::set<std::string> listed;
  for (const auto& c : weft::test::small_scenarios()) listed.insert(c.name);
  for (const weft::Scenario* s : weft::Registry::instance().all()) {
    INFO(s->name);
    CHECK(listed.count(s->name) == 1);
  }
}
