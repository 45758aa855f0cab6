#include <algorithm>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli/check_report.hpp"
#include "cli/description.hpp"
#include "cli/interrupt.hpp"
#include "cli/report.hpp"
#include "cli/steps.hpp"

namespace weft::cli {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

int exit_code(const checker::Report& r) {
  using sim::Status;
  // Counted instead of listed: the description over the graph says every status reached.
  if (r.counted && r.counted->description) {
    const checker::Description& d = *r.counted->description;
    for (const Status s : {Status::Deadlock, Status::Livelock, Status::Failure, Status::Hung,
                           Status::Crashed, Status::Runaway})
      if (d.with(s) > 0) return 1;
    return d.with(Status::Limit) > 0 ? 4 : 0;
  }
  for (const Status s : {Status::Deadlock, Status::Livelock, Status::Failure, Status::Hung,
                         Status::Crashed, Status::Runaway})
    if (r.distinct_with(s) > 0) return 1;
  return !r.complete || r.distinct_with(Status::Limit) > 0 ? 4 : 0;
}

static void print_block(std::ostream& os, const char* title, const std::string& text,
                        const std::vector<double>* times = nullptr) {
  if (text.empty()) return;
  os << "  " << title << ":\n";
  const std::vector<std::string> lines = split_lines(text);
  if (times != nullptr && times->size() != lines.size()) times = nullptr;
  std::vector<std::string> at;
  std::size_t w = 0;
  for (std::size_t i = 0; times != nullptr && i < lines.size(); ++i) {
    at.push_back(seconds((*times)[i]));
    w = std::max(w, at.back().size());
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    os << "    ";
    if (!at.empty()) os << "t=" << std::string(w - at[i].size(), ' ') << at[i] << "  ";
    os << lines[i] << "\n";
  }
}

static void print_blocked(std::ostream& os, const sim::Outcome& o) {
  if (o.blocked.empty()) return;
  os << "  blocked:\n";
  for (const sim::BlockedThread& b : o.blocked) {
    os << "    " << b.thread;
    if (b.op == "exit") {
      os << " has finished its body and waits at program exit";
    } else if (b.op == "spin") {
      os << " spins reading " << b.object << ", which no thread will change";
    } else {
      os << " waits in " << b.op;
      if (!b.object.empty()) os << " on " << b.object;
    }
    if (!b.held_by.empty()) {
      os << (b.op == "exit" ? " for " : ", held by ");
      for (std::size_t i = 0; i < b.held_by.size(); ++i) os << (i ? ", " : "") << b.held_by[i];
    }
    os << "\n";
  }
}

std::vector<const sim::BlockedThread*> wait_cycle(const sim::Outcome& o) {
  std::map<std::string, const sim::BlockedThread*> by_name;
  for (const sim::BlockedThread& b : o.blocked)
    if (b.op != "exit") by_name[b.thread] = &b;
  // Each thread waits for at most one other here, so a walk that reaches a thread an earlier
  // walk passed through can only end as that one did, without a cycle: each thread is walked
  // once, which keeps a recorded outcome listing thousands of blocked threads quick to print.
  std::set<const sim::BlockedThread*> done;
  for (const sim::BlockedThread& start : o.blocked) {
    std::vector<const sim::BlockedThread*> path;
    std::map<const sim::BlockedThread*, std::size_t> on_path;  // where in `path`
    const sim::BlockedThread* at = &start;
    while (at != nullptr && at->held_by.size() == 1 && done.count(at) == 0) {
      if (const auto it = on_path.find(at); it != on_path.end())
        return {path.begin() + static_cast<std::ptrdiff_t>(it->second), path.end()};
      on_path.emplace(at, path.size());
      path.push_back(at);
      auto next = by_name.find(at->held_by[0]);
      at = next == by_name.end() ? nullptr : next->second;
    }
    done.insert(path.begin(), path.end());
  }
  return {};
}

static void print_cycle(std::ostream& os, const sim::Outcome& o) {
  const auto cycle = wait_cycle(o);
  if (cycle.empty()) return;
  // "Thread-1 waits for Lock mutexA, held by Thread-2, which waits for Lock mutexB, held by
  // Thread-1": the hint STYLE.md asks a deadlock report to give.
  os << "  wait-for cycle: " << cycle.front()->thread;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const std::string& holder = cycle[(i + 1) % cycle.size()]->thread;
    os << (i ? ", which" : "") << " waits for " << cycle[i]->object << ", held by " << holder;
  }
  os << "\n";
}

void print_outcome(std::ostream& os, const sim::Outcome& o, const std::vector<double>* times) {
  if (!o.message.empty()) os << "  " << o.message << "\n";
  print_block(os, "stdout", o.out, times);
  print_block(os, "stderr", o.err);
  for (const auto& [name, content] : o.files) {
    os << "  file " << name << ":\n";
    for (const std::string& line : split_lines(content)) os << "    " << line << "\n";
  }
  print_why_blocked(os, o);
}

void print_why_blocked(std::ostream& os, const sim::Outcome& o) {
  print_blocked(os, o);
  print_cycle(os, o);
}

namespace {

// The exact model is the textbook answer; the untimed one is what a loaded machine can do.
void print_untimed_further(std::ostream& os, const ReportContext& ctx, std::int64_t further) {
  os << "untimed model (a sleep or timeout may end at any point after it began): ";
  if (further < 0) {
    os << "not explored to the end within its budget";
  } else if (further == 0) {
    os << "no further outcomes";
  } else {
    os << further << (further == 1 ? " further outcome" : " further outcomes");
  }
  if (further != 0) {
    os << "; weft outputs " << ctx.scenario;
    for (const auto& [k, v] : ctx.params) os << " -p " << k << "=" << v;
    os << " --timing untimed";
  }
  os << "\n";
}

}  // namespace

// The count and the completeness of a search that listed its outcomes.
static void print_search_verdict(std::ostream& os, const checker::Report& r) {
  const std::uint64_t n = r.distinct;
  os << ": " << (r.counting == checker::Counting::LowerBound ? "at least " : "") << n
     << (n == 1 ? " distinct outcome" : " distinct outcomes") << " in " << search_counts(r) << ", ";
  if (r.complete && r.max_preemptions != checker::kUnbounded) {
    os << "complete up to " << r.max_preemptions
       << " preemptions (schedules with more were not explored)";
  } else if (r.complete && r.state_caching) {
    os << "complete";
  } else if (r.complete) {
    os << (r.reduction ? "complete (every class of equivalent schedules explored)"
                       : "complete (every schedule explored)");
  } else {
    os << "INCOMPLETE (" << cut_text(r.cut_by) << "): more outcomes may exist";
  }
}

// "rlock threads=10: 351072 distinct outcomes in 351072 executions, 351072 classes, complete
// (...), 1.234 s": what the search ran is counted the same whether it completed or was cut.
// When the count over the state graph answered, the line leads with that answer: the whole set,
// counted and described, is complete though the listing is not.
static void print_summary(std::ostream& os, const ReportContext& ctx, const checker::Report& r) {
  os << ctx.scenario;
  for (const auto& [k, v] : ctx.params) os << " " << k << "=" << v;
  if (r.counted) {
    os << ": " << checker::to_decimal(r.counted->distinct)
       << " distinct outcomes, complete (counted"
       << (r.counted->description ? " and described" : "")
       << " exactly over the graph of every reachable state: "
       << r.counted->states << " states"
       << (r.counted->symmetry ? ", one per orbit of interchangeable threads" : "")
       << "); listed " << r.distinct << " of them in " << search_counts(r);
  } else {
    print_search_verdict(os, r);
  }
  os << ", " << std::fixed << std::setprecision(3) << r.seconds << " s";
  os.unsetf(std::ios::floatfield);
  if (ctx.timing == sim::Timing::Untimed) os << ", untimed model";
  os << "\n";
}

// How the count was made when not every outcome was compared in full.
static void print_counting(std::ostream& os, const checker::Report& r) {
  const std::size_t kept = r.outcomes.size();
  if (r.counting == checker::Counting::Fingerprints) {
    std::ostringstream bound;
    bound << std::setprecision(2) << checker::FingerprintSet::collision_bound(r.distinct);
    os << "counted: the " << r.distinct - kept
       << " outcomes not kept in full by 64-bit fingerprints; exact unless two collide "
          "(probability below "
       << bound.str() << ")\n";
  } else if (r.counting == checker::Counting::LowerBound) {
    os << "counted: by 64-bit fingerprints until their set reached its share of --max-memory ("
       << r.max_memory / 4 / (1 << 20) << " MiB): outcomes met after that were not counted\n";
  }
}

// Why a search cut by its memory limit stopped, and how to give it more.
static void print_memory_note(std::ostream& os, const checker::Report& r) {
  if (r.complete || r.cut_by != "max-memory") return;
  const std::uint64_t kib = r.max_memory / 1024;
  os << "max-memory: weft held more than "
     << (kib >= 1024 ? std::to_string(kib / 1024) + " MiB" : std::to_string(kib) + " KiB")
     << " (--max-memory SIZE sets the limit)\n";
}

// Which outcomes follow, and how to see the others.
static void print_listing_note(std::ostream& os, const checker::Report& r) {
  const std::size_t kept = r.outcomes.size();
  if (r.counted) {
    os << "listed: " << kept << (kept == 1 ? " outcome" : " outcomes") << " of "
       << checker::to_decimal(r.counted->distinct) << "; "
       << checker::to_decimal(r.counted->distinct - kept)
       << " not listed (--sample K draws K of them from the state graph; the description below "
          "covers them all)\n";
    return;
  }
  if (kept >= r.distinct) return;
  const std::uint64_t more = r.distinct - kept;
  os << "listed: " << kept << (kept == 1 ? " outcome" : " outcomes")
     << " (the first found, and the first of each status); " << more
     << (r.counting == checker::Counting::LowerBound ? " or more" : "")
     << " not listed (--max-list N or --max-list all lists more; --sample K shows K of them "
        "at random)\n";
}

void print_text(std::ostream& os, const ReportContext& ctx, const checker::Report& r) {
  print_summary(os, ctx, r);
  if (ctx.untimed_further) print_untimed_further(os, ctx, *ctx.untimed_further);
  if (ctx.counted || r.counted)
    os << "exact count: " << checker::to_decimal(r.counted ? r.counted->distinct : *ctx.counted)
       << " distinct outcomes (counted over the state graph, not listed: docs/state-caching.md, "
          "\"Counting outputs\")\n";
  if (!r.count_cut_by.empty())
    os << "count: not finished (" << cut_text(r.count_cut_by) << ", after " << std::fixed
       << std::setprecision(3) << r.count_seconds << std::defaultfloat
       << " s): the distinct outcomes could not be counted over the state graph, so the listing "
          "went on instead (docs/state-caching.md, \"Counting outputs\")\n";
  if (r.nondeterministic)
    os << "warning: the scenario behaved differently under the same schedule; it depends on "
          "something weft does not control (plain shared memory, wall-clock time)\n";
  print_memory_note(os, r);
  print_counting(os, r);
  print_listing_note(os, r);
  for (const auto& g : r.outcomes) {
    os << "\noutcome " << g.number << " of "
       << (r.counted ? checker::to_decimal(r.counted->distinct) : std::to_string(r.distinct))
       << ": "
       << sim::status_name(g.outcome.status) << " (" << g.count
       << (g.count == 1 ? " execution" : " executions") << ", ends at t="
       << sim::to_seconds(g.outcome.end_time) << "s)\n";
    const auto times = ctx.stdout_times.find(g.number);
    print_outcome(os, g.outcome, times == ctx.stdout_times.end() ? nullptr : &times->second);
  }
  print_samples(os, r);
  print_description(os, r);
}

void print_run(std::ostream& os, const sim::Outcome& o) {
  os << "status: " << sim::status_name(o.status) << "\n";
  print_outcome(os, o);
}

}  // namespace weft::cli
