#include "checker/estimate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include "checker/dpor.hpp"
#include "checker/in_flight.hpp"
#include "checker/preemption.hpp"
#include "checker/rng.hpp"

namespace weft::checker {

namespace {

using Clock = std::chrono::steady_clock;

// A probe of the tree of every schedule (checker/dfs.hpp), one execution long: at each decision
// a random option among those the search would explore, the product of their numbers kept. Under
// a preemption bound with its budget spent, only the continuing thread is explored there.
class NaiveProbe final : public sim::Strategy {
 public:
  NaiveProbe(std::uint64_t seed, std::uint32_t max_preemptions)
      : rng_(seed), bound_(max_preemptions) {}
  bool next_execution(sim::Plan&) override {
    schedule_.clear();
    weight_ = 1;
    preemptions_ = 0;
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    const std::size_t current = bound_ != kUnbounded && r.kind == sim::Decision::Thread
                                    ? continuing_index(rt, r.threads(), r.kind)
                                    : kNoCurrent;
    std::size_t i = current;
    if (current == kNoCurrent || preemptions_ < bound_) {
      weight_ *= static_cast<double>(r.options);
      i = static_cast<std::size_t>(rng_.below(r.options));
      if (is_preemption(current, i)) ++preemptions_;
    }
    schedule_.push_back(Choice{r.kind, static_cast<std::uint32_t>(i),
                               static_cast<std::uint32_t>(r.options)});
    return i;
  }
  const Schedule& schedule() const override { return schedule_; }
  double weight() const { return weight_; }

 private:
  Rng rng_;
  std::uint32_t bound_;
  std::uint32_t preemptions_ = 0;
  double weight_ = 1;
  Schedule schedule_;
};

// The probes' estimates, summed up.
void summarise(std::vector<double> values, Estimate& e) {
  e.probes = values.size();
  if (values.empty()) return;
  double sum = 0;
  for (double v : values) sum += v;
  const double n = static_cast<double>(values.size());
  e.mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - e.mean) * (v - e.mean);
  e.std_error = values.size() > 1 ? std::sqrt(squares / (n - 1) / n) : 0;
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    return values[std::min(values.size() - 1, static_cast<std::size_t>(q * n))];
  };
  e.p10 = at(0.1);
  e.p50 = at(0.5);
  e.p90 = at(0.9);
}

}  // namespace

Estimate estimate(const std::function<void()>& body, const Options& options,
                  const EstimateOptions& how) {
  Estimate e;
  e.reduction = options.reduction;
  e.max_preemptions = options.max_preemptions;
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  const InFlightScope scope;
  sim::Runtime rt;
  std::vector<double> values;
  const auto out_of_time = [&] {
    return stop_requested() || (how.time_budget > 0 && !values.empty() &&
                                (e.executions & 15) == 0 && elapsed() >= how.time_budget);
  };
  if (!options.reduction) {
    NaiveProbe probe(how.seed, options.max_preemptions);
    while (values.size() < how.probes && !out_of_time()) {
      sim::Plan plan;
      probe.next_execution(plan);
      note_execution(probe.schedule(), options.setup);
      rt.execute(body, probe, options.setup, plan);
      ++e.executions;
      values.push_back(probe.weight());
    }
  } else {
    DporStrategy dpor(options.max_preemptions);
    dpor.start_probing(how.seed);
    sim::Plan plan;
    dpor.next_execution(plan);
    // A probe may take several executions; it ends (and says so) as the next one is planned. The
    // time is looked at between executions, and a probe it cuts is not counted.
    while (values.size() < how.probes && !out_of_time()) {
      note_execution(dpor.schedule(), options.setup);
      rt.execute(body, dpor, options.setup, plan);
      ++e.executions;
      plan = sim::Plan{};
      dpor.next_execution(plan);
      const double v = dpor.probe_ended();
      if (v >= 0) values.push_back(v);
    }
  }
  e.seconds = elapsed();
  summarise(std::move(values), e);
  e.seconds_per_execution = e.executions > 0 ? e.seconds / static_cast<double>(e.executions) : 0;
  e.search_seconds = e.mean * e.seconds_per_execution;
  return e;
}

}  // namespace weft::checker
