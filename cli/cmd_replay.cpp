// weft replay: re-run one execution from its trace, tell it as a story, and say whether it
// reproduced the recorded outcome (exit 0 ok, 1 a failure, 4 a limit) or diverged (exit 3). The
// replay runs in a supervised child (cli/supervisor.hpp): a trace of a crash or a runaway crashes
// or runs away there, and is told up to that point (cli/narration.hpp).
#include <functional>
#include <optional>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "checker/replay.hpp"
#include "checker/version.hpp"
#include "cli/capacity.hpp"
#include "cli/commands.hpp"
#include "cli/lanes.hpp"
#include "cli/narration.hpp"
#include "cli/pictures.hpp"
#include "cli/report.hpp"
#include "cli/story.hpp"

namespace weft::cli {

namespace {

// A refusal quotes what the trace holds (a scenario name, a parameter, a key), which may hold
// line breaks and other control characters: shown escaped, the reason stays one line.
UsageError refusal(const std::string& reason) {
  std::string s;
  for (const char c : reason) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      s += c;
    } else {
      static const char kHex[] = "0123456789abcdef";
      s += std::string("\\x") + kHex[(c >> 4) & 0xf] + kHex[c & 0xf];
    }
  }
  return UsageError(s);
}

checker::Trace load(const std::string& path) {
  try {
    return checker::read_trace(path);
  } catch (const checker::TraceError& e) {
    throw refusal(e.what());
  }
}

// The trace's scenario with its recorded parameters and stdin.
Prepared resolve(const std::string& path, const checker::Trace& t) {
  try {
    const Scenario& s = find_scenario(t.scenario);
    Params params = s.resolve(t.params);
    check_capacity(s, params);
    return {&s, std::move(params), t.stdin_lines};
  } catch (const UsageError& e) {
    throw refusal(path + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw refusal(path + ": " + e.what());
  }
}

// The parts of the outcome identity that differ: "status (recorded deadlock, replayed ok)".
std::string differences(const sim::Outcome& recorded, const sim::Outcome& got) {
  std::string s;
  const auto add = [&s](const std::string& part) { s += (s.empty() ? "" : ", ") + part; };
  if (recorded.status != got.status)
    add(std::string("status (recorded ") + sim::status_name(recorded.status) + ", replayed " +
        sim::status_name(got.status) + ")");
  if (recorded.message != got.message) add("message");
  if (recorded.out != got.out) add("stdout");
  if (recorded.err != got.err) add("stderr");
  if (recorded.files != got.files) add("files");
  return s;
}

// The one-line verdict and the exit code it calls for.
std::pair<std::string, int> verdict(const checker::Trace& t, const checker::ReplayResult& r) {
  if (r.divergence) {
    const checker::Divergence& d = *r.divergence;
    return {"replay DIVERGED at decisions[" + std::to_string(d.decision) + "] (step " +
                std::to_string(d.step) + "): " + d.reason,
            3};
  }
  if (!r.matches)
    return {"replay DIVERGED: it followed all " + std::to_string(t.decisions.size()) +
                " decisions but the outcome differs in " + differences(t.outcome, r.outcome),
            3};
  const sim::Outcome& o = r.outcome;
  std::string line = std::string("replay reproduced the recorded outcome: ") +
                     sim::status_name(o.status) + (o.message.empty() ? "" : " (" + o.message + ")");
  // Judged as the search that found it judged: --fail-on-exception is in the trace.
  if (r.failure == checker::FailureKind::Exception)
    return {line + ", a failure: " + checker::failure_name(r.failure), 1};
  switch (o.status) {
    case sim::Status::Ok: return {line, 0};
    case sim::Status::Limit: return {line + ", undecided", 4};
    default: return {line, 1};
  }
}

void print_header(std::ostream& os, const checker::Trace& t) {
  os << "replay of " << t.scenario;
  for (const auto& [k, v] : t.params) os << " " << k << "=" << v;
  os << " (" << t.decisions.size() << " decisions, found by " << t.strategy << ", seed " << t.seed
     << ")\n\n";
}

void print_outcomes(std::ostream& os, const checker::Trace& t, const checker::ReplayResult& r) {
  if (r.divergence) {
    os << "the replay stopped at the divergence; the recorded outcome was:\n";
    print_run(os, t.outcome);
    return;
  }
  print_run(os, r.outcome);
  if (!r.matches) {
    os << "the recorded outcome was:\n";
    print_run(os, t.outcome);
  }
}

// --perfetto, --html: the execution as it was replayed.
void write_replay_pictures(const PictureFiles& f, const checker::Trace& t,
                           const checker::ReplayResult& r) {
  Witness w;
  w.name = "the replayed execution";
  w.trace.events = r.events;
  w.trace.outcome = r.outcome;
  write_pictures(f, program_title(t.scenario, t.params), {w}, 0);
}

// Replays `t` here, or tells `told` (a replay made elsewhere), as the command prints it.
int replay_here(const ReplayArgs& a, const checker::Trace& t, const Prepared& p,
                const checker::ReplayResult* told) {
  checker::ReplayResult here;
  if (told == nullptr) {
    const std::function<void()> body = [&p] { p.scenario->body(p.params); };
    here = checker::replay(body, t);
  }
  const checker::ReplayResult& r = told != nullptr ? *told : here;
  const auto [line, code] = verdict(t, r);
  if (a.files.any()) write_replay_pictures(a.files, t, r);
  if (a.json) {
    std::cout << checker::to_json(r);
    return code;
  }
  if (t.weft_version != kVersion)
    std::cerr << "weft: note: the trace was written by weft " << t.weft_version
              << "; this is weft " << kVersion << "\n";
  if (!a.quiet) {
    print_header(std::cout, t);
    if (a.lanes) {
      print_lanes(std::cout, r.events, r.outcome, LaneStyle{80, colour_on_stdout()});
    } else {
      print_story(std::cout, r.events);
    }
    std::cout << "\n";
    print_outcomes(std::cout, t, r);
    std::cout << "\n";
  }
  std::cout << line << "\n";
  return code;
}

// The first recorded decision the narrated run did not take as recorded, if any.
std::optional<checker::Divergence> first_difference(const checker::Trace& t,
                                                    const checker::Trace& got) {
  for (std::size_t i = 0; i < t.decisions.size(); ++i) {
    if (i < got.decisions.size() && got.decisions[i] == t.decisions[i]) continue;
    checker::Divergence d;
    d.decision = i;
    d.recorded = t.decisions[i];
    d.reason = i < got.decisions.size()
                   ? std::string("the trace says ") + checker::decision_name(t.decisions[i].kind) +
                         std::string(" ") + t.decisions[i].thread + " (" +
                         std::to_string(t.decisions[i].chosen) + " of " +
                         std::to_string(t.decisions[i].options) + "), but the execution took " +
                         got.decisions[i].thread + " (" + std::to_string(got.decisions[i].chosen) +
                         " of " + std::to_string(got.decisions[i].options) + ")"
                   : "the execution ended before this decision";
    return d;
  }
  return std::nullopt;
}

// A replay that crashed or ran away, or of a trace that recorded one: the execution runs again,
// told as it goes, and its end is compared with the recorded one.
checker::ReplayResult replay_told(const checker::Trace& t, const Prepared& p,
                                  const Supervision& sup) {
  checker::Schedule schedule;
  for (const checker::TraceDecision& d : t.decisions)
    schedule.push_back(checker::Choice{d.kind, d.chosen, d.options});
  sim::ExecutionSetup setup;
  setup.max_steps = t.max_steps;
  setup.max_time = sim::from_seconds(t.max_time);
  setup.timing = t.timing;
  setup.max_segments = t.max_segments;
  setup.stdin_lines = t.stdin_lines;
  setup.seed = t.seed;
  const Narration n = narrate(p, setup, schedule, sup, t.strategy);
  checker::ReplayResult r;
  r.outcome = n.trace.outcome;
  r.events = n.trace.events;
  r.divergence = first_difference(t, n.trace);
  // A runaway is one however long it was waited for: its message says how long.
  sim::Outcome recorded = t.outcome;
  if (recorded.status == sim::Status::Runaway && r.outcome.status == sim::Status::Runaway)
    recorded.message = r.outcome.message;
  r.matches = !r.divergence && r.outcome.same_as(recorded);
  return r;
}

bool ends_the_process(sim::Status s) {
  return s == sim::Status::Crashed || s == sim::Status::Runaway;
}

}  // namespace

int cmd_replay(const ReplayArgs& a) {
  const checker::Trace t = load(a.trace);
  const Prepared p = resolve(a.trace, t);
  const Supervision sup{a.runaway_after, 0};
  if (!ends_the_process(t.outcome.status)) {
    const ChildEnd end = supervise([&] { return replay_here(a, t, p, nullptr); }, sup);
    if (end.how == ChildEnd::How::Finished) return end.exit_code;
    if (end.how == ChildEnd::How::Interrupted) {
      std::cerr << "weft: interrupted\n";
      return 4;
    }
  }
  const checker::ReplayResult r = replay_told(t, p, sup);
  return replay_here(a, t, p, &r);
}

}  // namespace weft::cli
