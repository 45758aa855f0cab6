// weft's side of the comparison with SPIN (bench/spin_compare.sh): one model of
// bench/spin_models.hpp searched exhaustively for statuses, as `weft check` does, and with each
// search alone. One line per search: search, result, executions, states, seconds (the fastest
// of --repeat runs, or one run past 5 s; executions and states are the same in every run).
// Run: build/bench/weft_spin_bench lock-order N | counter N K | counter-joins N K |
//                                  counter-join N K [--repeat R] [--search S]
//   counter: the workers are interchangeable, main waits on a semaphore they release;
//   counter-joins: the same workers, main joins them all, one join after another;
//   counter-join: bench/models.hpp's lock_counter, main joins each worker (no symmetry).
//   S: a comma-separated list of: check (the reduction first, then state caching with symmetry: weft check's choice),
//      caching (state caching with symmetry alone), reduction (alone); default these three;
//      caching-plain (state caching without symmetry) only when asked.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

#include "checker/explore.hpp"
#include "models.hpp"
#include "spin_models.hpp"

namespace {

weft::checker::Report search(const std::function<void()>& body, const std::string& how) {
  weft::checker::Options o;
  o.outputs_matter = false;  // statuses, as SPIN's safety search: deadlocks and the assertion
  o.stop_at_failure = true;
  o.keep_outcomes = 0;
  o.max_executions = UINT64_MAX;
  o.time_budget = 60;  // a search cut here is reported as cut
  o.state_caching = how != "reduction";
  o.symmetry = how != "caching-plain";
  o.reduction_first = how == "check" ? weft::checker::kReductionFirst : 0;
  return weft::checker::explore(body, o);
}

int usage() {
  std::fprintf(stderr,
               "usage: weft_spin_bench lock-order N | counter N K | counter-joins N K | "
               "counter-join N K [--repeat R] [--search S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::string model = argv[1];
  const int n = std::atoi(argv[2]);
  int k = 0;
  int i = 3;
  if (model == "counter" || model == "counter-joins" || model == "counter-join") {
    if (argc < 4) return usage();
    k = std::atoi(argv[i++]);
  } else if (model != "lock-order") {
    return usage();
  }
  int repeat = 3;
  std::string only;
  for (; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::atoi(argv[i + 1]);
    else if (std::strcmp(argv[i], "--search") == 0) only = argv[i + 1];
    else return usage();
  }
  std::function<void()> body = [n] { weft::bench::spin_lock_order(n); };
  if (model == "counter") body = [n, k] { weft::bench::spin_counter(n, k); };
  if (model == "counter-joins") body = [n, k] { weft::bench::spin_counter(n, k, true); };
  if (model == "counter-join") body = [n, k] { weft::bench::lock_counter(n, k); };
  for (const char* how : {"check", "caching", "reduction", "caching-plain"}) {
    const bool asked = ("," + only + ",").find(std::string(",") + how + ",") != std::string::npos;
    if (only.empty() ? std::strcmp(how, "caching-plain") == 0 : !asked) continue;
    weft::checker::Report best;
    for (int r = 0; r < repeat; ++r) {
      weft::checker::Report rep = search(body, how);
      if (r == 0 || rep.seconds < best.seconds) best = std::move(rep);
      if (best.seconds > 5) break;  // long enough to time once
    }
    const char* used = best.state_caching ? (best.symmetry ? "caching+symmetry" : "caching")
                                          : "reduction";
    const char* result = best.failure ? "failure" : best.complete ? "complete" : "cut";
    std::printf("%s %s %s %llu %llu %.4f\n", how, used, result,
                static_cast<unsigned long long>(best.executions),
                static_cast<unsigned long long>(best.state_caching ? best.states : 0),
                best.seconds);
    std::fflush(stdout);
  }
  return 0;
}
