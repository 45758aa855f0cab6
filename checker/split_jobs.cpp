// The prefixes of a split search handed out to OS threads (checker/split.hpp).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "checker/in_flight.hpp"
#include "checker/split.hpp"

namespace weft::checker {

namespace {

// What the threads share. Each takes the lowest prefix not taken, searches it on its own
// runtime and strategy, and leaves its report in the prefix's slot; the calling thread merges
// the slots in prefix order, so the result does not depend on which thread searched what.
struct Board {
  std::vector<std::optional<Report>> reports;
  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> spent{0};        // executions of the prefixes searched
  std::atomic<std::size_t> failed{SIZE_MAX};  // the lowest prefix found failing
  std::atomic<bool> cut{false};               // a prefix's search was cut: take no more
  std::atomic<bool> out_of_time{false};       // by the time budget
  std::mutex mutex;
  std::exception_ptr error;  // what a thread threw (weft itself, not the program)
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

void work(Board& b, const std::function<void()>& body, const Options& each, const Split& split) {
  while (!b.cut.load()) {
    const std::size_t k = b.next.fetch_add(1);
    if (k >= b.reports.size() || k > b.failed.load()) return;
    Options mine = each;
    const std::uint64_t spent = b.spent.load();
    if (spent >= each.max_executions) {
      b.cut = true;
      return;
    }
    mine.max_executions = each.max_executions - spent;
    if (each.time_budget > 0) {
      const std::chrono::duration<double> gone = std::chrono::steady_clock::now() - b.started;
      mine.time_budget = each.time_budget - gone.count();
      if (mine.time_budget <= 0) {
        b.out_of_time = true;
        b.cut = true;
        return;
      }
    }
    try {
      Report r = explore_prefix(body, mine, split.depth, k, true).report;
      b.spent += r.executions;
      if (r.failure) {
        std::size_t f = b.failed.load();
        while (k < f && !b.failed.compare_exchange_weak(f, k)) {
        }
      } else if (!r.complete) {
        b.cut = true;
      }
      b.reports[k] = std::move(r);
    } catch (...) {
      const std::lock_guard lock(b.mutex);
      b.error = std::current_exception();
      b.cut = true;
      return;
    }
  }
}

}  // namespace

Report explore_on_jobs(const std::function<void()>& body, const Options& options, unsigned jobs) {
  Board board;
  const Split split = choose_split(body, options, jobs);
  Options each = options;
  each.keep_outcomes = kKeepAll;
  each.describe_lines = 0;
  each.sample = 0;
  each.on_outcome = nullptr;
  each.on_progress = nullptr;
  board.reports.resize(split.prefixes);
  const InFlightScope scope;
  {
    std::vector<std::jthread> threads;
    for (unsigned j = 0; j < jobs; ++j)
      threads.emplace_back([&] { work(board, body, each, split); });
  }
  if (board.error) std::rethrow_exception(board.error);
  Report all;
  all.complete = true;
  all.reduction = true;
  all.fingerprints = FingerprintSet(UINT64_MAX);
  ReportMerger merger(all);
  for (std::optional<Report>& r : board.reports) {
    if (!r) {
      all.complete = false;
      all.cut_by = board.out_of_time ? "time-budget" : "max-executions";
      break;
    }
    merger.add(*std::move(r));
    if (!all.complete) break;
  }
  all.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - board.started).count();
  return all;
}

}  // namespace weft::checker
