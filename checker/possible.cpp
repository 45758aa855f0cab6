#include "checker/possible.hpp"

#include <chrono>

#include "checker/dfs.hpp"
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

// The naive search, stopping each execution once its stdout is no longer a prefix of the target.
class PruningStrategy : public sim::Strategy {
 public:
  PruningStrategy(DfsStrategy& dfs, const Target& target, const std::string& want)
      : dfs_(dfs), target_(target), want_(want) {
    observes_steps = true;
  }
  void begin_execution() override {
    dfs_.begin_execution();
    astray_ = false;
    seen_ = 0;
  }
  std::size_t pick_thread(const sim::Runtime& rt, std::span<const sim::ThreadId> enabled,
                          sim::Decision kind) override {
    if (astray_) return kStop;
    if (enabled.size() == 1) return 0;
    return dfs_.pick_thread(rt, enabled, kind);
  }
  std::size_t pick_value(const sim::Runtime& rt, std::size_t n) override {
    return dfs_.pick_value(rt, n);
  }
  void executed(const sim::Runtime& rt, sim::ThreadId) override {
    const std::string& out = rt.world().out;
    if (out.size() == seen_) return;  // only output can go astray
    seen_ = out.size();
    const std::string shown = target_.exact_bytes ? out : strip_ansi(out);
    astray_ = shown.size() > want_.size() || want_.compare(0, shown.size(), shown) != 0;
  }
  bool astray() const { return astray_; }

 private:
  DfsStrategy& dfs_;
  const Target& target_;
  const std::string& want_;
  bool astray_ = false;
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

}  // namespace

PossibleResult find_output(const std::function<void()>& body, const Target& target,
                           const Options& options) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  const std::string want = target.exact_bytes ? target.out : strip_ansi(target.out);

  sim::Runtime rt;
  DfsStrategy dfs;
  PruningStrategy strategy(dfs, target, want);
  PossibleResult result;
  for (;;) {
    const sim::Outcome& o = rt.execute(body, strategy, options.setup);
    ++result.executions;
    if (o.redundant) {
      ++result.pruned;
    } else if (matches(o, target, want)) {
      result.answer = PossibleResult::Answer::Possible;
      result.witness = dfs.schedule();
      result.outcome = o;
      break;
    }
    if (!dfs.advance()) {
      result.answer = PossibleResult::Answer::Impossible;
      break;
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
  }
  result.seconds = elapsed();
  return result;
}

}  // namespace weft::checker
