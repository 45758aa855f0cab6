// The output count (checker/output_count.hpp) on the two scenarios whose output sets cannot be
// listed at the tutorial's sizes: rlock ((2n)!/2^n outputs) and semaphore (n!, any permits ≥ 1:
// tests/output_count_symmetry_test.cpp argues it), at growing sizes until one does not finish in
// the budget (search and count), with symmetry where the count can use it (the `result` column
// says "exact+sym"). Each size runs in a child process of its own, so that its peak memory is its
// own.
// Run: build/bench/weft_output_count_bench [--time-budget SECONDS] [--per-member]
// (default 10 s per size; --per-member never counts per orbit, for before and after: "exact+orb"
// in the `result` column is a count per orbit, docs/state-caching.md "Counting per orbit").
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "checker/memory.hpp"
#include "checker/output_count.hpp"
#include "scenarios/registry.hpp"

namespace {

// Exits 0 when the count finished.
bool per_member = false;

int run(const char* scenario, const std::map<std::string, std::string>& params, double budget) {
  const weft::Scenario* s = weft::Registry::instance().find(scenario);
  if (s == nullptr) return 2;
  const weft::Params p = s->resolve(params);
  weft::checker::OutputCountOptions o;
  o.setup.stdin_lines = s->stdin_lines;
  o.time_budget = budget;
  o.max_executions = UINT64_MAX;
  o.orbits = !per_member;
  const auto started = std::chrono::steady_clock::now();
  const weft::checker::OutputCount c = weft::checker::count_outputs([&] { s->body(p); }, o);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string args;
  for (const auto& [k, v] : params) args += " " + k + "=" + v;
  std::printf("%-10s %-22s %-10s %12llu %10llu %10llu %8.2f %8.1f  %s\n", scenario, args.c_str(),
              c.exact ? (c.orbits ? "exact+orb" : c.symmetry ? "exact+sym" : "exact") : c.why_not.c_str(), static_cast<unsigned long long>(c.executions),
              static_cast<unsigned long long>(c.states), static_cast<unsigned long long>(c.sets),
              seconds, static_cast<double>(weft::checker::peak_resident_bytes()) / (1 << 20),
              c.exact ? weft::checker::to_decimal(c.distinct).c_str() : "-");
  if (!c.orbits_why_not.empty()) std::printf("  (not per orbit: %s)\n", c.orbits_why_not.c_str());
  std::fflush(stdout);
  return c.exact ? 0 : 1;
}

bool in_child(const char* scenario, const std::map<std::string, std::string>& params,
              double budget) {
  const pid_t pid = fork();
  if (pid == 0) std::_Exit(run(scenario, params, budget));
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  double budget = 10;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--time-budget") == 0) budget = std::atof(argv[i + 1]);
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--per-member") == 0) per_member = true;
  std::printf("%-10s %-22s %-10s %12s %10s %10s %8s %8s  %s\n", "scenario", "params", "result",
              "executions", "states", "sets", "seconds", "peak MB", "count");
  std::fflush(stdout);  // before the children inherit the buffer
  for (int n = 2; n <= 10; ++n)
    if (!in_child("rlock", {{"threads", std::to_string(n)}}, budget)) break;
  for (int n = 3; n <= 23; ++n)
    if (!in_child("semaphore", {{"threads", std::to_string(n)}}, budget)) break;
  for (int n = 3; n <= 23; ++n)
    if (!in_child("semaphore", {{"threads", std::to_string(n)}, {"permits", std::to_string(n)}},
                  budget))
      break;
  return 0;
}
