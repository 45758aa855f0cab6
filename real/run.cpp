#include "real/run.hpp"

#include <memory>
#include <mutex>
#include <vector>
#include <sstream>
#include <stdexcept>

#include "real/real_backend.hpp"

namespace weft::real {

namespace {

using Clock = Execution::Clock;

// The instant `seconds` real seconds from now; 0 or less means never.
Clock::time_point real_deadline(double seconds) {
  if (!(seconds > 0)) return Clock::time_point::max();
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            std::chrono::duration<double>(seconds));
}

std::string seconds_text(double seconds) {
  std::ostringstream os;
  os << seconds;
  return os.str();
}

// Executions whose threads did not all come back. They are never freed (their threads still use
// them); keeping them reachable says so to leak checkers.
void keep_for_ever(std::unique_ptr<Execution> e) {
  static std::mutex mu;
  static auto* kept = new std::vector<Execution*>;  // never destroyed, like what it holds
  std::lock_guard<std::mutex> lock(mu);
  kept->push_back(e.release());
}

void check_options(const RealOptions& o) {
  if (!(o.time_scale > 0)) throw std::invalid_argument("the time scale must be positive");
  if (!(o.timeout >= 0)) throw std::invalid_argument("the timeout must not be negative");
  if (!(o.grace >= 0)) throw std::invalid_argument("the grace period must not be negative");
}

}  // namespace

sim::Outcome run_real(const std::function<void()>& body, const RealOptions& options) {
  check_options(options);
  auto exec = std::make_unique<Execution>(body, options);
  exec->start();
  if (!exec->wait_end(real_deadline(options.timeout)))
    exec->end_now(sim::Status::Hung, "after " + seconds_text(options.timeout) + " s");
  // Program end woke every thread waiting in an operation; they unwind at once.
  exec->wait_unwound(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                        std::chrono::duration<double>(options.grace)));
  sim::Outcome outcome = exec->outcome();
  if (exec->join_or_detach()) {
    exec->discard_program_state();
  } else {
    // Deliberately leaked: detached threads still run the program's code, and reach this
    // execution at their next operation (where they abandon). Nothing can stop them sooner.
    keep_for_ever(std::move(exec));
  }
  return outcome;
}

}  // namespace weft::real
