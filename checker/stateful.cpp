#include "checker/stateful.hpp"

#include <algorithm>

#include "sim/runtime.hpp"

namespace weft::checker {

namespace {
constexpr std::uint64_t kValueMark = 0x76616c7565000001ULL;
constexpr std::uint64_t kStartMark = 0x7374617274000001ULL;
constexpr std::uint64_t kClockMark = 0x636c6f636b000001ULL;
constexpr std::uint64_t kRunMark = 0x72756e0000000001ULL;
}  // namespace

StatefulStrategy::StatefulStrategy(const StatefulOptions& options)
    : options_(options), visited_(options.max_bytes), symmetry_(options.symmetry) {}

bool StatefulStrategy::next_execution(sim::Plan& plan) {
  if (names_printed_ || joins_unsound_ || (started_ && !advance())) return false;
  started_ = true;
  // Every step feeds the threads' histories. A state is looked up where there is a choice: a
  // state with a single way on reaches the next choice whatever came before it, so a revisit
  // is found there, a few steps later (no lone picks asked).
  plan.observe_from = 0;
  plan.ask_alone = false;
  depth_ = 0;
  history_.clear();
  clock_seen_.clear();
  last_starter_ = sim::kNoThread;
  folded_ = 0;
  symmetry_.begin_execution();
  joins_.begin_execution();
  return true;
}

void StatefulStrategy::grow_histories(const sim::Runtime& rt) {
  const std::size_t threads = rt.thread_count();
  // A new thread's local state is what its starter gave it: a function of the starter's history
  // (or, for a thread of a symmetry class, of its class, which says so).
  while (history_.size() < threads) {
    const auto t = static_cast<sim::ThreadId>(history_.size());
    const std::uint64_t cls = options_.symmetry ? Symmetry::class_of(rt, t) : 0;
    if (cls != 0 && options_.outputs &&
        std::find(names_.begin(), names_.end(), rt.thread_name(t)) == names_.end())
      names_.push_back(rt.thread_name(t));
    history_.push_back(t == 0 ? sim::Fingerprint{} : cls != 0 ? sim::Fingerprint{cls, ~cls}
                                                              : last_start_);
    clock_seen_.push_back(0);
    if (options_.symmetry) joins_.started(t, t == 0 ? sim::kNoThread : last_starter_);
  }
}

void StatefulStrategy::published(const sim::Runtime& rt) {
  grow_histories(rt);
}

// What thread t's operation could learn goes into its history: the operation, its object, what
// the object's state lets it see, and the time (docs/state-caching.md, "Histories").
void StatefulStrategy::executed(const sim::Runtime& rt, sim::ThreadId t) {
  grow_histories(rt);
  const sim::Op& op = rt.pending(t);
  if (fold_run_join(rt, t, op)) return;
  sim::StateHasher h;
  h.mix(history_[t].a);
  h.mix(history_[t].b);
  mix_clock_read(rt, t, h);
  clock_seen_[t] = rt.clock_read(t).first;
  h.mix(static_cast<std::uint64_t>(op.kind));
  h.mix(op.object == nullptr ? 0 : op.object->id());
  // A plain join answers once its thread has ended, and says nothing else: when it returned is no
  // part of what the joiner learns unless it reads the clock (mix_clock_read). Left out, a run of
  // joins leaves one history whatever order the joined threads ended in.
  if (op.kind != sim::OpKind::Join || op.deadline != sim::kNever)
    h.mix(static_cast<std::uint64_t>(rt.now()));
  if (!rt.fingerprint_object(op.object, op.kind, t, h)) unsupported_ = true;
  history_[t] = h.value();
  symmetry_.performed(rt, t, op.object, op.kind);
  if (options_.symmetry && !joins_.executed(rt, t, op)) joins_unsound_ = true;
  if (op.kind == sim::OpKind::Start) {
    h.mix(kStartMark);
    last_start_ = h.value();
    last_starter_ = t;
  }
}

// A join of a run that waits for a whole class (JoinRuns::run_class) is folded: the thread's
// history marks the run once, names none of the threads it joins, and the step is left out of
// the step count, so that every place in the run is one state. Not when the thread read the
// clock since its last operation: that read must go into its history.
bool StatefulStrategy::fold_run_join(const sim::Runtime& rt, sim::ThreadId t, const sim::Op& op) {
  if (!options_.symmetry || rt.clock_read(t).first != clock_seen_[t]) return false;
  const std::uint64_t cls = joins_.run_class(rt, t, op);
  if (cls == 0) return false;
  if (!joins_.in_run(t)) {
    sim::StateHasher h;
    h.mix(history_[t].a);
    h.mix(history_[t].b);
    h.mix(kRunMark);
    h.mix(cls);
    history_[t] = h.value();
  }
  ++folded_;
  if (!joins_.executed(rt, t, op)) joins_unsound_ = true;
  return true;
}

// What the thread's code read of the clock (weft::now()) since its last operation: every read in
// between returns one value, the time did not move while the thread ran.
void StatefulStrategy::mix_clock_read(const sim::Runtime& rt, sim::ThreadId t,
                                      sim::StateHasher& h) const {
  const auto [reads, at] = rt.clock_read(t);
  if (reads == clock_seen_[t]) return;
  h.mix(kClockMark);
  h.mix(static_cast<std::uint64_t>(at));
}

// The thread promised that its future depends on its code from the declaring point and the
// declared values alone (weft::local_state): they are its local state, whatever it was answered
// before (docs/state-caching.md, "Declared local state").
void StatefulStrategy::declared(const sim::Runtime& rt, sim::ThreadId t, std::uint64_t a,
                                std::uint64_t b) {
  grow_histories(rt);
  history_[t] = sim::Fingerprint{a, b};
  clock_seen_[t] = rt.clock_read(t).first;
}

std::size_t StatefulStrategy::pick_value(const sim::Runtime& rt, std::size_t n) {
  if (depth_ == stack_.size() && tried_.size() > depth_) tried_[depth_].clear();
  const std::size_t v = decide(n, sim::Decision::Value);
  // The value is what the choosing thread learns.
  grow_histories(rt);
  sim::StateHasher h;
  h.mix(history_[rt.self()].a);
  h.mix(history_[rt.self()].b);
  h.mix(kValueMark);
  h.mix(v);
  history_[rt.self()] = h.value();
  return v;
}

std::size_t StatefulStrategy::pick_thread(const sim::Runtime& rt,
                                          std::span<const sim::ThreadId> enabled,
                                          sim::Decision kind) {
  const bool fresh = depth_ == stack_.size();
  if (fresh && !first_visit(rt)) return kStop;
  // A timer tie of one thread is no decision: a schedule (and a trace) records none.
  if (enabled.size() == 1) return 0;
  const std::size_t chosen = decide(enabled.size(), kind);
  if (fresh) skip_ties(rt, enabled);
  return chosen;
}

// The decision at depth_: the recorded one while the execution follows the previous one's
// prefix, else a new one, its first option.
std::size_t StatefulStrategy::decide(std::size_t n, sim::Decision kind) {
  if (depth_ < stack_.size()) {
    Choice& c = stack_[depth_++];
    if (c.options != n || c.kind != kind) {
      found_nondeterminism();
      c.options = static_cast<std::uint32_t>(n);
      c.kind = kind;
      if (c.chosen >= n) c.chosen = static_cast<std::uint32_t>(n - 1);
    }
    return c.chosen;
  }
  stack_.push_back(Choice{kind, 0, static_cast<std::uint32_t>(n)});
  ++depth_;
  return 0;
}

// What was printed so far is part of the state unrenamed, which is sound with symmetry only while
// it names no interchangeable thread: stdout and stderr only grow, so the end of each execution
// shows whether they ever did (ended()); a file may be written over, so it is read here.
void StatefulStrategy::ended(const sim::Outcome& o) {
  if (!options_.symmetry || !options_.outputs || names_printed_) return;
  bool named = names_in(o.out) || names_in(o.err) || names_in(o.message);
  for (const auto& [name, text] : o.files) named = named || names_in(name) || names_in(text);
  names_printed_ = named;
}

bool StatefulStrategy::names_in(std::string_view text) const {
  if (text.empty()) return false;
  return std::any_of(names_.begin(), names_.end(), [&](const std::string& name) {
    return text.find(name) != std::string_view::npos;
  });
}

bool StatefulStrategy::first_visit(const sim::Runtime& rt) {
  if (unsupported_ || names_printed_ || joins_unsound_)
    return false;  // the search is over: end the execution
  grow_histories(rt);
  if (options_.symmetry && options_.outputs) {
    for (const auto& [name, text] : rt.world().files)
      if (names_in(name) || names_in(text)) names_printed_ = true;
    if (names_printed_) return false;
  }
  const std::size_t n = rt.thread_count();
  // Each thread's local state: its class, its history while it runs (an ended thread has no
  // future to shape), and what the scheduler holds of it.
  local_.resize(n);
  for (sim::ThreadId t = 0; t < n; ++t) {
    sim::StateHasher h;
    h.mix(Symmetry::class_of(rt, t));
    if (rt.is_running(t)) {
      h.mix(history_[t].a);
      h.mix(history_[t].b);
      mix_clock_read(rt, t, h);
    }
    const std::uint64_t run =
        options_.symmetry && rt.is_running(t) ? joins_.run_class(rt, t, rt.pending(t)) : 0;
    symmetry_.set_run_join(t, run != 0);
    rt.fingerprint_thread(t, h, run);
    local_[t] = h.value();
  }
  const std::span<const sim::ThreadId> labels = symmetry_.labels(rt, local_);
  sim::StateHasher h;
  h.relabel(labels);
  if (!rt.fingerprint_shared(h, options_.outputs)) {
    unsupported_ = true;
    return false;
  }
  const sim::Fingerprint shared = h.value();
  labels_ = labels;
  shared_ = shared;
  // The threads in canonical order.
  at_.resize(n);
  for (sim::ThreadId t = 0; t < n; ++t) at_[labels[t]] = t;
  for (sim::ThreadId i = 0; i < n; ++i) {
    h.mix(local_[at_[i]].a);
    h.mix(local_[at_[i]].b);
  }
  h.mix(rt.steps() - folded_);  // the step limit cuts at a count
  const sim::Fingerprint fp = h.value();
  const std::uint64_t key = fp.a ^ (fp.b << 1 | fp.b >> 63);
  const FingerprintSet::Insert added = visited_.insert(key);
  if (options_.listener != nullptr) {
    const bool first = added != FingerprintSet::Insert::Present;
    options_.listener->looked_up(rt, key, first, labels,
                                 first ? ties(rt, labels, shared) : std::span<const sim::ThreadId>{});
  }
  switch (added) {
    case FingerprintSet::Insert::Added:
      return true;
    case FingerprintSet::Insert::Present:
      ++revisits_;
      return false;
    case FingerprintSet::Insert::Full:
      full_ = true;  // explored without caching: slower, never unsound
      return true;
  }
  return true;
}

bool StatefulStrategy::advance() {
  if (unsupported_ || names_printed_ || joins_unsound_) return false;
  while (stack_.size() > depth_) stack_.pop_back();
  while (!stack_.empty()) {
    Choice& c = stack_.back();
    const std::size_t d = stack_.size() - 1;
    if (d < tried_.size() && !tried_[d].empty()) {
      const auto next = std::upper_bound(tried_[d].begin(), tried_[d].end(), c.chosen);
      if (next != tried_[d].end()) {
        c.chosen = *next;
        return true;
      }
    } else if (c.chosen + 1 < c.options) {
      ++c.chosen;
      return true;
    }
    stack_.pop_back();
  }
  return false;
}

}  // namespace weft::checker
