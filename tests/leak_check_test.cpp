// The leak check every test search goes through (support.hpp): each pool's count of what is out
// follows what is taken and given back, and pool_leaks names the pool left fuller than before.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "checker/dpor_pool.hpp"
#include "primitives/detail/pool.hpp"
#include "primitives/weft.hpp"
#include "sim/fiber.hpp"
#include "support.hpp"

using weft::test::pool_leaks;
using weft::test::pool_levels;
using weft::test::PoolLevels;

namespace {
std::string out(const char* pool, std::ptrdiff_t before, std::ptrdiff_t after) {
  return std::string(pool) + " out: " + std::to_string(before) + " before, " +
         std::to_string(after) + " after";
}
}  // namespace

TEST_CASE("leak check: a fiber stack taken and not given back is named", "[leakcheck]") {
  weft::sim::StackPool stacks;
  const PoolLevels before = pool_levels(stacks);
  CHECK(before.stacks == 0);
  const weft::sim::StackPool::Stack s = stacks.take();
  CHECK(pool_leaks(before, pool_levels(stacks)) == out("fiber stacks", 0, 1));
  stacks.give_back(s);
  CHECK(pool_leaks(before, pool_levels(stacks)) == "");
  // Taken again from the free list: out again, and back again.
  const weft::sim::StackPool::Stack again = stacks.take();
  CHECK(pool_levels(stacks).stacks == 1);
  stacks.give_back(again);
  CHECK(pool_levels(stacks).stacks == 0);
}

TEST_CASE("leak check: a lost stack is not a leak of the stack pool", "[leakcheck]") {
  weft::sim::StackPool stacks;
  const PoolLevels before = pool_levels(stacks);
  stacks.take();
  stacks.lose();  // what a forgotten fiber does
  const PoolLevels after = pool_levels(stacks);
  CHECK(after.stacks == 0);
  CHECK(after.lost_stacks == 1);
  CHECK(pool_leaks(before, after) == "");
}

TEST_CASE("leak check: reduced-search buffers borrowed and not returned are named",
          "[leakcheck]") {
  weft::sim::StackPool stacks;
  const PoolLevels before = pool_levels(stacks);
  const auto b = static_cast<std::ptrdiff_t>(before.buffers);
  auto first = weft::checker::dpor::borrow_buffers();
  auto second = weft::checker::dpor::borrow_buffers();
  CHECK(pool_leaks(before, pool_levels(stacks)) == out("reduced-search buffers", b, b + 2));
  weft::checker::dpor::return_buffers(std::move(first));
  CHECK(pool_leaks(before, pool_levels(stacks)) == out("reduced-search buffers", b, b + 1));
  weft::checker::dpor::return_buffers(std::move(second));
  CHECK(pool_leaks(before, pool_levels(stacks)) == "");
}

TEST_CASE("leak check: pooled blocks in use are named, and back once freed", "[leakcheck]") {
  weft::sim::StackPool stacks;
  const PoolLevels before = pool_levels(stacks);
  {
    // Two size classes; a block bigger than the largest class is not pooled.
    auto small = weft::detail::make_pooled<std::array<char, 8>>();
    auto large = weft::detail::make_pooled<std::array<char, 300>>();
    auto unpooled = weft::detail::make_pooled<std::array<char, 4096>>();
    CHECK(pool_leaks(before, pool_levels(stacks)) ==
          out("pooled blocks", before.blocks, before.blocks + 2));
  }
  CHECK(pool_leaks(before, pool_levels(stacks)) == "");
  // Reused from the free lists: out while held, and nothing made anew.
  auto reused = weft::detail::make_pooled<std::array<char, 8>>();
  CHECK(pool_levels(stacks).blocks == before.blocks + 1);
  reused.reset();
  CHECK(pool_levels(stacks).blocks == before.blocks);
}

TEST_CASE("leak check: a pooled block is not compared once a stack was lost", "[leakcheck]") {
  // The states on a forgotten fiber's stack are never freed, by design (Fiber::forget).
  PoolLevels before;
  PoolLevels after;
  after.blocks = 3;
  CHECK(pool_leaks(before, after) == out("pooled blocks", 0, 3));
  after.lost_stacks = 1;
  CHECK(pool_leaks(before, after) == "");
  after.stacks = 1;
  CHECK(pool_leaks(before, after) == out("fiber stacks", 0, 1));
}

TEST_CASE("leak check: a state a program keeps past its search is a block out",
          "[leakcheck]") {
  // The program stores each execution's Shared where it outlives the search: the last one's
  // block is still out afterwards, which is what the check reports.
  weft::sim::StackPool stacks;
  std::optional<weft::Shared<int>> kept;
  const PoolLevels before = pool_levels(stacks);
  const auto r = weft::checker::explore([&kept] { kept.emplace(1); }, weft::checker::Options{});
  CHECK(r.executions == 1);
  CHECK(pool_leaks(before, pool_levels(stacks)) ==
        out("pooled blocks", before.blocks, before.blocks + 1));
  kept.reset();
  CHECK(pool_leaks(before, pool_levels(stacks)) == "");
}
