#include "checker/shrink.hpp"

#include <optional>
#include <vector>

#include "checker/guided.hpp"

namespace weft::checker {

namespace {

// One candidate run: the failing schedule's first `prefix` choices, then the tail.
struct Attempt {
  const sim::Outcome& outcome;
  std::uint32_t preemptions;
  std::uint64_t steps;
};

class Shrinker {
 public:
  Shrinker(const std::function<void()>& body, const sim::ExecutionSetup& setup,
           const Schedule& failing)
      : body_(body), setup_(setup), failing_(failing) {}

  Attempt run(std::size_t prefix) {
    guide_.emplace(failing_, prefix);
    const sim::Outcome& o = rt_.execute(body_, *guide_, setup_);
    return Attempt{o, guide_->preemptions(), rt_.steps()};
  }
  // The strategy of the last run.
  const GuidedStrategy& guide() const { return *guide_; }

 private:
  const std::function<void()>& body_;
  const sim::ExecutionSetup& setup_;
  const Schedule& failing_;
  sim::Runtime rt_;
  std::optional<GuidedStrategy> guide_;
};

}  // namespace

Shrunk shrink(const std::function<void()>& body, const sim::ExecutionSetup& setup,
              const Schedule& failing, const FailurePolicy& policy, std::uint64_t max_attempts) {
  Shrinker s(body, setup, failing);
  Shrunk best;
  {  // The failing schedule itself: its preemptions, steps, and where the tail would differ.
    const Attempt a = s.run(failing.size());
    best = Shrunk{s.guide().schedule(), a.outcome, a.preemptions, a.preemptions,
                  a.steps,              a.steps,   1};
  }
  if (!is_failure(best.outcome, policy)) return best;  // not reproduced: nothing to shrink
  const std::vector<std::size_t> cuts = s.guide().departures();
  for (const std::size_t cut : cuts) {
    if (best.attempts >= max_attempts) break;
    const Attempt a = s.run(cut);
    ++best.attempts;
    if (!same_failure(best.outcome, a.outcome, policy)) continue;
    const bool better = a.preemptions < best.preemptions_after ||
                        (a.preemptions == best.preemptions_after && a.steps < best.steps_after);
    if (!better) continue;
    best.schedule = s.guide().schedule();
    best.outcome = a.outcome;
    best.preemptions_after = a.preemptions;
    best.steps_after = a.steps;
    break;
  }
  return best;
}

}  // namespace weft::checker
