// What scenarios declare in their registration: parameter bounds, checked before anything runs,
// and the findings they show by design, in the checker's own words.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "checker/failure.hpp"
#include "scenarios/registry.hpp"

using weft::Finding;
using weft::Registry;
using weft::checker::FailureKind;

namespace {

// The reason resolve() gives for `given`, or "" when it accepts it.
std::string refusal(const std::string& scenario, const std::string& key, const std::string& value) {
  try {
    (void)Registry::instance().find(scenario)->resolve({{key, value}});
    return "";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a declared finding is named as the checker names the failure", "[declared]") {
  CHECK(std::string(weft::finding_name(Finding::Deadlock)) ==
        weft::checker::failure_name(FailureKind::Deadlock));
  CHECK(std::string(weft::finding_name(Finding::Livelock)) ==
        weft::checker::failure_name(FailureKind::Livelock));
  CHECK(std::string(weft::finding_name(Finding::FailedCheck)) ==
        weft::checker::failure_name(FailureKind::Check));
  CHECK(std::string(weft::finding_name(Finding::UncaughtException)) ==
        weft::checker::failure_name(FailureKind::Exception));
}

TEST_CASE("the scenarios that fail by design declare it, and only they", "[declared]") {
  for (const weft::Scenario* s : Registry::instance().all()) {
    INFO(s->name);
    if (s->name == "deadlock") {
      CHECK(s->expected_findings == std::vector<Finding>{Finding::Deadlock});
    } else if (s->name == "text_pipeline" || s->name == "echo_server_threads" ||
               s->name == "echo_server") {
      CHECK(s->expected_findings == std::vector<Finding>{Finding::Livelock});
    } else if (s->name == "echo_server_threads_fixed" ||
               s->name == "echo_server_fixed") {  // a server waits in accept for ever
      CHECK(s->expected_findings == std::vector<Finding>{Finding::Deadlock});
    } else {
      CHECK(s->expected_findings.empty());
    }
  }
}

TEST_CASE("every default value is within its parameter's bounds", "[declared]") {
  for (const weft::Scenario* s : Registry::instance().all())
    for (const weft::ParamSpec& p : s->params) {
      INFO(s->name << " " << p.name);
      CHECK(refusal(s->name, p.name, p.default_value) == "");
    }
}

TEST_CASE("parameters out of their bounds or their type are refused", "[declared]") {
  CHECK(refusal("rlock", "threads", "1") == "");
  CHECK(refusal("rlock", "threads", "0") == "parameter 'threads' must be at least 1, got '0'");
  CHECK(refusal("gil_counter", "threads", "-1") ==
        "parameter 'threads' must be at least 1, got '-1'");
  CHECK(refusal("semaphore", "permits", "0") == "");
  CHECK(refusal("semaphore", "permits", "2147483648") ==
        "parameter 'permits' must be from 0 to 2147483647, got '2147483648'");
  CHECK(refusal("timer_captcha", "delay", "inf") ==
        "parameter 'delay' expects a finite number, got 'inf'");
  CHECK(refusal("timer_captcha", "delay", "-0.5") ==
        "parameter 'delay' must be at least 0, got '-0.5'");
  CHECK(refusal("timer_captcha", "tries", " 2") ==
        "parameter 'tries' expects an integer, got ' 2'");
  CHECK(refusal("deadlock", "threads", "9223372036854775808") ==
        "parameter 'threads' does not fit a 64-bit integer, got '9223372036854775808'");
}
