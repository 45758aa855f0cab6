#include "checker/fuzz_jobs.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "checker/in_flight.hpp"
#include "checker/pct.hpp"
#include "checker/pos.hpp"
#include "checker/progress.hpp"
#include "checker/random.hpp"

namespace weft::checker {

namespace {

using Clock = std::chrono::steady_clock;

// Runs [begin, end), numbered from 0 (run i uses seed first_seed + i), and what they gave.
struct Batch {
  std::uint64_t begin = 0, end = 0;
  std::uint64_t k_before = 0;  // PCT's k the batch starts from
  std::uint64_t made = 0;      // times handed out: a result of an earlier one is stale
  bool done = false;
  std::uint64_t runs = 0, limited = 0, k_after = 0;
  std::size_t threads = 0;
  std::optional<std::uint64_t> failing;  // the failing run's number from 0
  Schedule failing_schedule;
};

// What the calling thread and the workers share, under `mutex`.
struct Board {
  std::mutex mutex;
  std::condition_variable work, result;
  std::deque<Batch> batches;  // the uncommitted ones, in order; the first has number `first`
  std::uint64_t first = 0;
  std::deque<std::uint64_t> queue;  // numbers of the batches to make, in the order to make them
  bool over = false;
  std::atomic<bool> abandon{false};  // the workers drop the batch they are making
  std::exception_ptr error;          // what a worker threw (not the program: weft itself)
};

// Counts a run begun, for a supervising process (checker/in_flight.hpp). Which of the runs under
// way on the threads a crash interrupted cannot be told, so none is named.
void note_run_among_jobs() {
  in_flight().executions.fetch_add(1, std::memory_order_relaxed);
}

template <class S>
void make_batch(const std::function<void()>& body, const Options& options, S& strategy,
                sim::Runtime& rt, Batch& b, const std::atomic<bool>& abandon) {
  if constexpr (std::is_same_v<S, PctStrategy>) strategy.assume_steps_seen(b.k_before);
  sim::ExecutionSetup setup = options.setup;
  for (std::uint64_t i = b.begin; i < b.end; ++i) {
    if (abandon.load(std::memory_order_relaxed)) return;
    setup.seed = options.setup.seed + i;
    ++b.runs;
    strategy.reseed(setup.seed);
    note_run_among_jobs();
    const sim::Outcome& o = rt.execute(body, strategy, setup);
    b.threads = std::max(b.threads, rt.thread_count());
    if (o.status == sim::Status::Limit) ++b.limited;
    if (is_failure(o, options.failures)) {
      b.failing = i;
      b.failing_schedule = strategy.schedule();
      break;
    }
  }
  if constexpr (std::is_same_v<S, PctStrategy>) b.k_after = strategy.steps_seen();
}

// One worker: takes the next batch to make, makes it on its own runtime, hands in the result
// unless the batch was handed out again meanwhile.
template <class S>
void work(Board& board, const std::function<void()>& body, const Options& options, S strategy) {
  sim::Runtime rt;
  std::unique_lock lock(board.mutex);
  while (true) {
    board.work.wait(lock, [&] { return board.over || !board.queue.empty(); });
    if (board.over) return;
    const std::uint64_t id = board.queue.front();
    board.queue.pop_front();
    Batch b = board.batches[id - board.first];
    lock.unlock();
    try {
      make_batch(body, options, strategy, rt, b, board.abandon);
    } catch (...) {
      lock.lock();
      board.error = std::current_exception();
      board.over = true;
      board.work.notify_all();
      board.result.notify_all();
      return;
    }
    lock.lock();
    if (id < board.first || id - board.first >= board.batches.size()) continue;
    Batch& slot = board.batches[id - board.first];
    if (slot.made != b.made || board.abandon.load()) continue;
    b.done = true;
    slot = std::move(b);
    board.result.notify_all();
  }
}

// Batches small enough that every thread gets several (the last ones finish together), large
// enough that handing them out costs nothing next to the runs.
std::uint64_t batch_size(std::uint64_t total, unsigned jobs) {
  return std::clamp<std::uint64_t>(total / (std::uint64_t{jobs} * 8), 1, 256);
}

// The calling thread's part: hands out batches a few ahead of the first uncommitted one, commits
// them in order, makes a PCT batch again when k grew before it. A failure's schedule is left in
// report.failure->shrunk, to be shrunk once the workers are gone.
void commit_in_order(Board& board, const Options& options, unsigned jobs, FuzzReport& report) {
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  const std::uint64_t total = options.max_executions;
  const std::uint64_t size = batch_size(total, jobs);
  const std::size_t window = std::size_t{jobs} * 16;
  std::uint64_t next_begin = 0, k = 0;
  double next_progress = 0.25;
  std::unique_lock lock(board.mutex);
  while (true) {
    while (board.batches.size() < window && next_begin < total) {
      Batch b;
      b.begin = next_begin;
      b.end = next_begin + std::min(size, total - next_begin);
      b.k_before = k;
      next_begin = b.end;
      board.queue.push_back(board.first + board.batches.size());
      board.batches.push_back(std::move(b));
    }
    board.work.notify_all();
    if (board.batches.empty()) return;
    board.result.wait_for(lock, std::chrono::milliseconds(50),
                          [&] { return board.error || board.batches.front().done; });
    if (board.error) return;
    const double now = elapsed();
    if (const char* cut = cut_before_next(options.time_budget, report.runs, now)) {
      report.cut_by = cut;
      return;
    }
    if (options.on_progress && now >= next_progress) {
      next_progress = now + 0.25;
      options.on_progress(Progress{report.runs, 0, 0, now, -1});
    }
    Batch& b = board.batches.front();
    if (!b.done) continue;
    if (report.fuzzer == Fuzzer::Pct && b.k_before != k) {
      Batch again;
      again.begin = b.begin;
      again.end = b.end;
      again.k_before = k;
      again.made = b.made + 1;
      b = std::move(again);
      board.queue.push_front(board.first);
      continue;
    }
    report.runs += b.runs;
    report.limited += b.limited;
    report.threads = std::max(report.threads, b.threads);
    k = std::max(k, b.k_after);
    report.steps = k;
    if (b.failing) {
      report.failure = FuzzFailure{*b.failing + 1, options.setup.seed + *b.failing, {}};
      report.failure->shrunk.schedule = std::move(b.failing_schedule);
      return;
    }
    board.batches.pop_front();
    ++board.first;
    // Batches not yet begun start from the k just committed.
    for (const std::uint64_t id : board.queue) board.batches[id - board.first].k_before = k;
  }
}

}  // namespace

void fuzz_on_jobs(const std::function<void()>& body, const Options& options, unsigned jobs,
                  FuzzReport& report) {
  const auto started = Clock::now();
  const InFlightScope scope;
  report.first_seed = options.setup.seed;
  Board board;
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < jobs; ++j) {
    if (report.fuzzer == Fuzzer::Pct)
      threads.emplace_back([&] { work(board, body, options, PctStrategy(options.pct_depth)); });
    else if (report.fuzzer == Fuzzer::Pos)
      threads.emplace_back([&] { work(board, body, options, PosStrategy()); });
    else
      threads.emplace_back([&] { work(board, body, options, RandomStrategy()); });
  }
  commit_in_order(board, options, jobs, report);
  {
    const std::lock_guard lock(board.mutex);
    board.over = true;
    board.abandon = true;
  }
  board.work.notify_all();
  for (std::thread& t : threads) t.join();
  if (board.error) std::rethrow_exception(board.error);
  if (report.failure) {
    sim::ExecutionSetup setup = options.setup;
    setup.seed = report.failure->seed;
    const Schedule failing = std::move(report.failure->shrunk.schedule);
    report.failure->shrunk = shrink(body, setup, failing, options.failures);
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
}

}  // namespace weft::checker
