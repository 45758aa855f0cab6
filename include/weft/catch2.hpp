// Catch2 matchers on weft searches, for a user's own TEST_CASEs:
//
//   const auto r = weft::testing::search("counter", {.params = {{"lock", "true"}}});
//   REQUIRE_THAT(r, weft::testing::NoFailure());
//   REQUIRE_THAT(r, weft::testing::Outputs({"2\n"}));
//
// A failed assertion prints the search's report: the failing outcome, its interleaving, the trace
// written and the command that replays it. Catch wraps what it prints at its console width, so
// the trace and the replay command are also written to stderr, one line each, ready to paste.
// Works with Catch2 v2 (<catch2/catch.hpp>) and v3.
#pragma once

#include <iostream>
#include <set>
#include <string>
#include <utility>

#if __has_include(<catch2/matchers/catch_matchers.hpp>)
#include <catch2/catch_tostring.hpp>
#include <catch2/matchers/catch_matchers.hpp>
#define WEFT_CATCH2_MATCHER_BASE Catch::Matchers::MatcherBase
#else
#include <catch2/catch.hpp>
#define WEFT_CATCH2_MATCHER_BASE Catch::MatcherBase
#endif

#include "testing/search.hpp"

namespace Catch {
// A search shows as its report in a failed assertion.
template <>
struct StringMaker<weft::testing::SearchResult> {
  static std::string convert(const weft::testing::SearchResult& r) { return "\n" + r.report; }
};
}  // namespace Catch

namespace weft::testing {

// A matcher on a SearchResult from a predicate and the words that describe it.
class ResultMatcher : public WEFT_CATCH2_MATCHER_BASE<SearchResult> {
 public:
  using Predicate = bool (*)(const SearchResult&, const std::string&);
  ResultMatcher(Predicate predicate, std::string argument, std::string description)
      : predicate_(predicate), argument_(std::move(argument)),
        description_(std::move(description)) {}
  bool match(const SearchResult& r) const override {
    const bool matched = predicate_(r, argument_);
    if (!matched && r.failure && !r.failure->trace.empty())
      std::cerr << "weft: trace: " << r.failure->trace << "\nweft: replay it: "
                << r.failure->replay << "\n";
    return matched;
  }
  std::string describe() const override { return description_; }

 private:
  Predicate predicate_;
  std::string argument_;
  std::string description_;
};

// The search found no deadlock, livelock, failed check (or, when asked, uncaught exception).
inline ResultMatcher NoFailure() {
  return {[](const SearchResult& r, const std::string&) { return !r.failure; }, "",
          "found no failure"};
}

// The search found a failure of this kind: "deadlock", "livelock", "failed check",
// "uncaught exception".
inline ResultMatcher FindsFailure(const std::string& kind) {
  return {[](const SearchResult& r, const std::string& k) {
            return r.failure && r.failure->kind == k;
          },
          kind, "found a failure of kind " + kind};
}

// The search was exhaustive and explored every class of interleavings within its budget.
inline ResultMatcher IsComplete() {
  return {[](const SearchResult& r, const std::string&) { return r.complete; }, "",
          "is complete"};
}

// A complete search whose outcomes print exactly these stdouts, and no other.
inline ResultMatcher Outputs(const std::set<std::string>& outputs) {
  std::string joined;  // the set travels as one string: each output followed by a 0 byte
  std::string shown;
  for (const std::string& o : outputs) {
    joined += o + '\0';
    shown += (shown.empty() ? "" : ", ") + ::Catch::Detail::stringify(o);
  }
  return {[](const SearchResult& r, const std::string& all) {
            std::set<std::string> want;
            for (std::size_t at = 0, end; (end = all.find('\0', at)) != std::string::npos;
                 at = end + 1)
              want.insert(all.substr(at, end - at));
            return r.complete && r.outputs() == want;
          },
          joined, "is complete and prints exactly {" + shown + "}"};
}

// Some execution prints exactly `out` (a search need not be complete to show it).
inline ResultMatcher CanPrint(const std::string& out) {
  return {[](const SearchResult& r, const std::string& o) { return r.outputs().count(o) > 0; },
          out, "can print " + ::Catch::Detail::stringify(out)};
}

// No execution prints exactly `out`, and the search was complete, so none can.
inline ResultMatcher CannotPrint(const std::string& out) {
  return {[](const SearchResult& r, const std::string& o) {
            return r.complete && r.outputs().count(o) == 0;
          },
          out, "is complete and cannot print " + ::Catch::Detail::stringify(out)};
}

}  // namespace weft::testing
