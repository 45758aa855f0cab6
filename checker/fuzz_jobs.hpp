// Fuzzing on several OS threads with the report one thread gives.
//
// The runs are cut into batches of consecutive run numbers, handed out in order to the threads
// (each with its own runtime and strategy) and committed in order by the calling thread: the
// runs counted, the undecided ones, n and k, are those of the runs up to the first failing one,
// exactly as fuzz() on one thread counts them, and the failure reported is the one with the
// lowest run number. Runs of batches past a failure are made and thrown away.
//
// A PCT run depends on the runs before it through k, the most choices any earlier run made
// (checker/pct.hpp). A batch starts from the k committed when it was handed out; when it is
// committed and k has grown since, it is made again from the right k. k stops growing after a
// few batches on every program weft has met, so few are made twice.
#pragma once

#include <cstdint>
#include <functional>

#include "checker/fuzz.hpp"

namespace weft::checker {

// Where part `i` of `n` of `m` runs begins: floor(i·m/n), without overflow for any m. Part i is
// [shard_begin(m, i, n), shard_begin(m, i + 1, n)): the n parts make each run once.
inline std::uint64_t shard_begin(std::uint64_t m, std::uint64_t i, std::uint64_t n) {
  return m / n * i + m % n * i / n;
}

// fuzz() on `jobs` > 1 threads: fills `report` (fuzzer and depth already set).
void fuzz_on_jobs(const std::function<void()>& body, const Options& options, unsigned jobs,
                  FuzzReport& report);

}  // namespace weft::checker
