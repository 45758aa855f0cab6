// Symmetry on vs off on random programs with interchangeable copies (docs/state-caching.md,
// "Symmetry"): the state caching search lists the same outcomes, and finds the same statuses,
// with the copies renamed as without. Small programs, in five parts of 200 (1,000 programs), so that each part stays quick;
// stateful_listing_symmetry_test.cpp compares larger ones.
#include <set>

#include <catch2/catch.hpp>

#include "random_program.hpp"
#include "support.hpp"

using weft::checker::Options;
using weft::checker::Report;
using weft::test::statuses;

namespace {

Report cached(const std::function<void()>& body, bool symmetry, bool outputs,
              std::uint64_t max_executions) {
  Options o;
  o.max_executions = max_executions;
  o.state_caching = true;
  o.symmetry = symmetry;
  o.outputs_matter = outputs;
  return weft::checker::explore(body, o);
}

// Past this many executions without symmetry a program is left out (the same ones every run:
// programs are generated from their seeds), and further seeds make up the count.
constexpr std::uint64_t kSmall = 800;

// Compares `wanted` programs drawn from seeds [first, first + 5 * wanted): each worker started
// twice; the copies print "w<i>" as a single worker does, which a renaming leaves as it is, so
// the listing renames them.
void compare(std::uint32_t first, int wanted) {
  const int programs = weft::test::programs_to_compare(wanted);
  int compared = 0;
  int renamed = 0;  // listings whose search renamed threads in at least one execution
  int joined = 0;   // of those, listings of programs whose main joins the copies in one run
  for (std::uint32_t seed = first; seed < first + 5 * static_cast<std::uint32_t>(wanted) &&
                                   compared < programs;
       ++seed) {
    auto program = weft::test::RandomProgram::generate(seed);
    program.copies = 2;
    program.copies_print_names = false;
    program.copies_joined = seed % 2 == 0;  // a run of joins, folded (JoinRuns::run_class)
    const auto body = [&program] { program.run(); };
    INFO("seed " << seed << ": " << program.describe());
    const Report without = cached(body, false, true, kSmall);
    if (!without.complete && without.cut_by == "max-executions") continue;
    REQUIRE(without.complete);
    REQUIRE(without.state_caching);
    const Report with = cached(body, true, true, 300000);
    REQUIRE(with.complete);
    REQUIRE(with.state_caching);
    CHECK(weft::test::outcome_keys(with) == weft::test::outcome_keys(without));
    CHECK(with.outcomes.size() == without.outcomes.size());
    if (with.symmetry) ++renamed;
    if (with.symmetry && program.copies_joined &&
        program.main == weft::test::RandomProgram::Main::Join)
      ++joined;
    // weft check's search, statuses only.
    const Report check_without = cached(body, false, false, 300000);
    const Report check_with = cached(body, true, false, 300000);
    REQUIRE(check_without.complete);
    REQUIRE(check_with.complete);
    CHECK(statuses(check_with) == statuses(check_without));
    CHECK(statuses(check_with) == statuses(without));
    ++compared;
  }
  CHECK(compared == programs);
  // Not vacuous: most of these listings rename copies.
  CHECK(renamed >= programs / 2);
  // Nor for the runs of joins, folded (about one program in nine: half join their copies, and
  // of those a daemon worker, or a budget, leaves many out).
  INFO(joined << " listings with a run of joins renamed");
  CHECK(joined >= programs / 20);
}

}  // namespace

TEST_CASE("random programs with copies (part 1 of 5): the same outcomes with symmetry as without",
          "[stateful][symmetry][random]") {
  compare(1, 200);
}

TEST_CASE("random programs with copies (part 2 of 5): the same outcomes with symmetry as without",
          "[stateful][symmetry][random]") {
  compare(1001, 200);
}

TEST_CASE("random programs with copies (part 3 of 5): the same outcomes with symmetry as without",
          "[stateful][symmetry][random]") {
  compare(2001, 200);
}

TEST_CASE("random programs with copies (part 4 of 5): the same outcomes with symmetry as without",
          "[stateful][symmetry][random]") {
  compare(3001, 200);
}

TEST_CASE("random programs with copies (part 5 of 5): the same outcomes with symmetry as without",
          "[stateful][symmetry][random]") {
  compare(4001, 200);
}
