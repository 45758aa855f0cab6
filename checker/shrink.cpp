#include "checker/shrink.hpp"

#include <optional>
#include <vector>

#include "checker/guided.hpp"
#include "checker/in_flight.hpp"
#include "checker/progress.hpp"

namespace weft::checker {

namespace {

// The best failing schedule so far, with what candidates are made from.
struct Best {
  Plan plan;
  Schedule schedule;
  sim::Outcome outcome;
  std::uint32_t preemptions = 0;
  std::uint64_t steps = 0;
  std::vector<std::size_t> preemption_points, departures;
};

class Shrinker {
 public:
  Shrinker(const std::function<void()>& body, const sim::ExecutionSetup& setup,
           const FailurePolicy& policy, std::uint64_t max_attempts)
      : body_(body), setup_(setup), policy_(policy), max_attempts_(max_attempts) {}

  // Runs `failing` as it is and takes it as the best so far; false if it does not fail.
  bool start(const Schedule& failing) {
    const Plan plan = plan_of(failing);
    run(plan, plan.size(), GuidedStrategy::kNone);
    keep();
    return is_failure(best_.outcome, policy_);
  }

  // Tries candidates until one improves on the best; false when none does or attempts ran out.
  bool improve() {
    // Copies: keeping a candidate replaces the best.
    const std::vector<std::size_t> points = best_.preemption_points;
    const std::vector<std::size_t> cuts = best_.departures;
    const std::size_t all = best_.plan.size();
    for (const std::size_t p : points)
      if (try_candidate(all, p)) return true;
    for (const std::size_t m : cuts)
      if (try_candidate(m, GuidedStrategy::kNone)) return true;
    return false;
  }

  const Best& best() const { return best_; }
  std::uint64_t attempts() const { return attempts_; }

 private:
  void run(const Plan& plan, std::size_t follow, std::size_t skip) {
    ++attempts_;
    guide_.emplace(plan, follow, skip);
    note_execution(guide_->schedule(), setup_);
    outcome_ = &rt_.execute(body_, *guide_, setup_);
  }

  bool try_candidate(std::size_t follow, std::size_t skip) {
    if (attempts_ >= max_attempts_) return false;
    const Plan plan = best_.plan;  // the best changes when the candidate is kept
    run(plan, follow, skip);
    if (!same_failure(best_.outcome, *outcome_, policy_)) return false;
    const auto preemptions = static_cast<std::uint32_t>(guide_->preemptions().size());
    if (preemptions > best_.preemptions ||
        (preemptions == best_.preemptions && rt_.steps() >= best_.steps))
      return false;
    keep();
    return true;
  }

  void keep() {
    best_ = Best{guide_->taken(), guide_->schedule(), *outcome_,
                 static_cast<std::uint32_t>(guide_->preemptions().size()), rt_.steps(),
                 guide_->preemptions(), guide_->departures()};
  }

  const std::function<void()>& body_;
  const sim::ExecutionSetup& setup_;
  const FailurePolicy& policy_;
  const std::uint64_t max_attempts_;
  sim::Runtime rt_;
  std::optional<GuidedStrategy> guide_;
  const sim::Outcome* outcome_ = nullptr;
  std::uint64_t attempts_ = 0;
  Best best_;
};

}  // namespace

Shrunk shrink(const std::function<void()>& body, const sim::ExecutionSetup& setup,
              const Schedule& failing, const FailurePolicy& policy, std::uint64_t max_attempts) {
  const InFlightScope scope;
  Shrinker s(body, setup, policy, max_attempts);
  const bool fails = s.start(failing);
  const std::uint32_t preemptions_before = s.best().preemptions;
  const std::uint64_t steps_before = s.best().steps;
  bool improved = fails;
  // Interrupted, it keeps what it has: any failing schedule will do, a shorter one only helps.
  while (improved && !stop_requested()) improved = s.improve();
  if (stop_requested()) note_stopped();
  const Best& b = s.best();
  return Shrunk{b.schedule,  b.outcome, preemptions_before, b.preemptions,
                steps_before, b.steps,  s.attempts()};
}

}  // namespace weft::checker
