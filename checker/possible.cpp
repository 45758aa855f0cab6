// The search behind `weft possible`: every schedule, with sleep sets, each execution abandoned at
// its first print that makes stdout stop being a prefix of the target.
//
// Why not dynamic partial-order reduction (C. Flanagan and P. Godefroid, "Dynamic partial-order
// reduction for model checking software", POPL 2005)? It finds which reorderings to try from the
// races of the executions it runs, the ones below every point included. An abandoned execution
// hides its later races, and so does one run to its end whose alternatives after the astray print
// are skipped: the alternatives are where the races are. Threads Q: print(z == 1 ? "T" : "F"),
// A: y = 1, B: if (y == 0) z = 1, target "T": the first execution prints "F", then runs A before
// B. Its one race, A's write against B's read of y, comes after the astray print; only B running
// first there would show B's write of z racing with Q's read, the race that leads to "T".
//
// What is kept instead: each point explores every enabled thread, as the naive search does, and
// sleep sets (P. Godefroid, "Partial-order methods for the verification of concurrent systems",
// LNCS 1032, 1996) skip a thread whose next step was explored already and commutes with every
// step taken since. The sleep-set argument needs no race: for an execution E from a point, take
// the first thread explored there whose step in E can move to E's front; it does not sleep, E
// with that step first is equivalent to E, and the rest of E is not covered by the sleep set of
// the branch, so by induction an execution equivalent to E is explored. Pruning cuts no such
// execution when E prints the target: every print writes the one stdout object, so equivalent
// executions print the same lines in the same order, and every prefix of them printed a prefix
// of the target. (DporStrategy in its every-thread mode is that search; its local-operation rule
// runs an operation that commutes with everything first, which the argument also allows.)
//
// Files are compared only at the end: a file can be rewritten, so no prefix of it is final.
//
// Why not (checker/why_not.hpp): an execution is abandoned only once the line where its stdout
// departs from the target is whole, and what it printed then is kept. By the argument above, for
// any execution E the pruned search runs one equivalent to E up to E's print that completes that
// line, and it prints what E prints up to there; so on a complete search the longest prefix of
// the target printed, and every line that follows it, are seen. The reduced search runs one
// execution of every class to its end, which shows the same when it completes first.
//
// The reduced search of weft outputs runs beside it, unpruned, one execution each in turn; the
// first to print the target or to complete decides. Sleep sets alone can explore far more
// executions than the reduction where the target prunes little (text_pipeline's prompts are its
// whole stdout in every order: the reduction completes in 68 executions, the sleep sets need
// 1451), and the pruned search wins where the target pins the order of many prints (rlock with
// 10 threads, whose outcomes are too many to list).
#include "checker/possible.hpp"

#include <algorithm>
#include <chrono>
#include <span>
#include <utility>

#include "checker/dfs.hpp"
#include "checker/dpor.hpp"
#include "checker/in_flight.hpp"
#include "checker/why_not.hpp"
#include "sim/runtime.hpp"

namespace weft::checker {

std::string strip_ansi(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      // CSI: ESC [ parameters... final byte in @..~
      std::size_t j = i + 2;
      while (j < text.size() && !(text[j] >= '@' && text[j] <= '~')) ++j;
      i = j;
      continue;
    }
    out += text[i];
  }
  return out;
}

namespace {

std::size_t abandon(DfsStrategy&) { return sim::Strategy::kStop; }
std::size_t abandon(DporStrategy& dpor) { return dpor.abandon(); }

// Runs the search S, stopping each execution once its stdout is no longer a prefix of the target
// and the line where it departs is whole (so that weft possible can say what came instead).
// It observes every step (to watch stdout) and is asked at every pick (to stop there); the search
// is passed what its own plan asks for: every step when it observes any (a reduced search ignores
// the ones before the point its plan names), and lone picks only then.
// Where the execution that just ran stands against the target.
struct Astray {
  bool diverged = false;  // its stdout stopped being a prefix of the target
  bool astray = false;    // and the line where it departed is whole: it is abandoned
  std::string shown;      // when astray: its stdout then, as compared
};

template <class S>
class Pruning final : public sim::Strategy {
 public:
  Pruning(S& search, const Target& target, const std::string& want)
      : search_(search), target_(target), want_(want) {}
  // The runtime repeats no picks for it: the search is asked at every decision.
  bool next_execution(sim::Plan& plan) override {
    inner_ = sim::Plan{};
    if (!search_.next_execution(inner_)) return false;
    state_.astray = state_.diverged = false;
    seen_ = 0;
    plan.observe_from = 0;
    plan.ask_alone = true;
    return true;
  }
  std::size_t pick(const sim::Runtime& rt, const sim::Request& r) override {
    if (r.kind != sim::Decision::Value) {
      if (state_.astray) return abandon(search_);
      if (r.options == 1 && !search_observes()) return 0;
    }
    return search_.pick(rt, r);
  }
  void observe(const sim::Runtime& rt, sim::ThreadId t, sim::Observed what) override {
    if (search_observes()) search_.observe(rt, t, what);
    if (what != sim::Observed::Executed) return;
    const std::string& out = rt.world().out;
    if (out.size() == seen_) return;  // only output can go astray
    seen_ = out.size();
    std::string shown = target_.exact_bytes ? out : strip_ansi(out);
    state_.diverged = shown.size() > want_.size() || want_.compare(0, shown.size(), shown) != 0;
    state_.astray = state_.diverged && astray_by_a_line(shown, want_);
    if (state_.astray) state_.shown = std::move(shown);
  }
  const Schedule& schedule() const override { return search_.schedule(); }
  const Astray& state() const { return state_; }

 private:
  bool search_observes() const { return inner_.observe_from != sim::Plan::kNever; }

  S& search_;
  const Target& target_;
  const std::string& want_;
  sim::Plan inner_;  // the search's plan for this execution
  Astray state_;
  std::size_t seen_ = 0;
};

bool matches(const sim::Outcome& o, const Target& t, const std::string& want) {
  if ((t.exact_bytes ? o.out : strip_ansi(o.out)) != want) return false;
  for (const auto& [name, content] : t.files) {
    auto it = o.files.find(name);
    if (it == o.files.end()) return false;
    if ((t.exact_bytes ? it->second : strip_ansi(it->second)) !=
        (t.exact_bytes ? content : strip_ansi(content)))
      return false;
  }
  return true;
}

// One complete search, as the loop below drives it.
struct Lane {
  sim::Strategy& strategy;
  const Astray* pruned;  // how its executions are pruned; null for none
  sim::Plan plan{};      // of its next execution
  bool limited = false;  // an execution that had not gone astray hit a per-execution limit
  bool done = false;     // next_execution() said no schedule is left
};

// What the execution that just ran printed, as far as it is known: all of it if it ended, up to
// its line that departed from the target if it was abandoned.
void watch_outcome(WhyNotWatch& watch, const Lane& lane, const sim::Outcome& o, bool exact) {
  if (!o.redundant && o.status != sim::Status::Limit)
    watch.saw(exact ? o.out : strip_ansi(o.out), true, lane.strategy.schedule());
  else if (lane.pruned && lane.pruned->astray)
    watch.saw(lane.pruned->shown, false, lane.strategy.schedule());
}

// Runs the lanes' executions in turn until one prints the target, one completes, or a budget
// runs out. A lane whose executions hit a per-execution limit proves nothing by completing: what
// a cut execution would have printed next is unknown.
PossibleResult search(const std::function<void()>& body, const Target& target,
                      const Options& options, const std::string& want, std::span<Lane> lanes) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  const InFlightScope scope;
  sim::Runtime rt;
  PossibleResult result;
  WhyNotWatch watch(want);
  Pacer pacer(started);
  for (Lane& lane : lanes) lane.done = !lane.strategy.next_execution(lane.plan);
  for (std::size_t turn = 0;; ++turn) {
    Lane& lane = lanes[turn % lanes.size()];
    if (lane.done) continue;
    note_execution(lane.strategy.schedule(), options.setup);
    const sim::Outcome& o = rt.execute(body, lane.strategy, options.setup, lane.plan);
    ++result.executions;
    watch_outcome(watch, lane, o, target.exact_bytes);
    const bool astray = lane.pruned && lane.pruned->astray;
    if (o.redundant) {
      ++(astray ? result.pruned : result.redundant);
    } else if (o.status == sim::Status::Limit) {
      // One that had diverged would have been abandoned but for an unfinished line.
      if (!(lane.pruned && lane.pruned->diverged)) lane.limited = true;
    } else if (matches(o, target, want)) {
      result.answer = PossibleResult::Answer::Possible;
      result.witness = lane.strategy.schedule();
      result.outcome = o;
      break;
    }
    lane.plan = sim::Plan{};
    if (!lane.strategy.next_execution(lane.plan)) {
      lane.done = true;
      if (!lane.limited) {
        result.answer = PossibleResult::Answer::Impossible;
        break;
      }
      if (std::all_of(lanes.begin(), lanes.end(), [](const Lane& l) { return l.done; })) {
        result.cut_by = "per-execution limit (--max-steps, --max-time)";
        break;
      }
    }
    if (result.executions >= options.max_executions) {
      result.cut_by = "max-executions";
      break;
    }
    if (options.time_budget > 0 && (result.executions & 255) == 0 &&
        elapsed() >= options.time_budget) {
      result.cut_by = "time-budget";
      break;
    }
    if (stop_requested()) {
      result.cut_by = kInterrupted;
      note_stopped();
      break;
    }
    if (options.on_progress && pacer.due())
      options.on_progress(Progress{result.executions, 0, 0, pacer.seconds(), -1});
  }
  if (result.answer != PossibleResult::Answer::Possible) {
    result.why_not = watch.take();
    if (result.why_not.seen) complete_closest(result.why_not, rt, body, options.setup);
  }
  result.seconds = elapsed();
  return result;
}

}  // namespace

PossibleResult find_output(const std::function<void()>& body, const Target& target,
                           const Options& options) {
  const std::string want = target.exact_bytes ? target.out : strip_ansi(target.out);
  if (!options.reduction) {
    DfsStrategy dfs;
    Pruning<DfsStrategy> pruning(dfs, target, want);
    Lane lanes[] = {{pruning, &pruning.state()}};
    return search(body, target, options, want, lanes);
  }
  // The pruned search, and beside it the reduced search of weft outputs, unpruned: where the
  // target leaves most orders open (few prints, or prints no order can change), the sleep sets
  // alone explore far more executions than the reduction, which then completes first.
  DporStrategy every;
  every.explore_every_thread();
  Pruning<DporStrategy> pruning(every, target, want);
  DporStrategy reduced;
  Lane lanes[] = {{pruning, &pruning.state()}, {reduced, nullptr}};
  return search(body, target, options, want, lanes);
}

}  // namespace weft::checker
