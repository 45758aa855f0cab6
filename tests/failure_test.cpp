// What counts as a failure: uncaught exceptions only on request, and not those a scenario
// declares it expects.
#include <catch2/catch.hpp>

#include "checker/failure.hpp"

using weft::checker::failure_kind;
using weft::checker::FailureKind;
using weft::checker::FailurePolicy;

TEST_CASE("an uncaught exception is a failure only with fail_on_exception", "[failure]") {
  weft::sim::Outcome o;
  o.err = "Exception in thread Thread-1: ValueError: bad\n";
  CHECK(failure_kind(o, FailurePolicy{}) == FailureKind::None);
  FailurePolicy on;
  on.fail_on_exception = true;
  CHECK(failure_kind(o, on) == FailureKind::Exception);
}

TEST_CASE("exceptions a scenario expects are not failures; others still are", "[failure]") {
  FailurePolicy policy;
  policy.fail_on_exception = true;
  policy.expected_exceptions = {"EOFError"};
  weft::sim::Outcome o;
  o.err = "Exception in thread Thread-1: EOFError: EOF when reading a line\n";
  CHECK(failure_kind(o, policy) == FailureKind::None);
  o.err += "Exception in thread Thread-2: Empty\n";
  CHECK(failure_kind(o, policy) == FailureKind::Exception);
  policy.expected_exceptions.push_back("Empty");
  CHECK(failure_kind(o, policy) == FailureKind::None);
  o.err = "some text that mentions Exception in thread X: KeyError mid-line\n";
  CHECK(failure_kind(o, policy) == FailureKind::None);
}
