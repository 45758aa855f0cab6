// An execution laid out on a time axis, for the pictures drawn outside the terminal (the
// Perfetto export, cli/perfetto.hpp; the page, cli/html_view.hpp): the steps of cli/steps.hpp,
// and what lasts between them on each thread (a lock held, a wait, a sleep, being stuck at the
// end), the wake-ups and hand-offs between steps, and a deadlock's wait-for cycle. Where a span
// begins or ends is a step's index, not a time: each picture places the steps on its own axis.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "checker/trace.hpp"
#include "cli/steps.hpp"
#include "sim/outcome.hpp"

namespace weft::cli {

struct Span {
  enum class Kind {
    Hold,   // a lock or permit held: from its acquire step to its release step
    Wait,   // a wait the step `to` ended (also MainThread waiting at exit)
    Sleep,  // a sleep the step `to` ended
    Stuck,  // a thread a deadlock or livelock left stuck, to the end
  };
  Kind kind;
  std::size_t lane;
  // A Hold begins at its acquire step; the others begin just after step `from` (none: at the
  // execution's start).
  std::optional<std::size_t> from;
  std::optional<std::size_t> to;  // the step it ends at; none: the execution's end
  std::string label;              // "holds Lock mutexA", "waits for Lock mutexB, held by ..."
};

// Step `to` waited until step `from` let it go: a hand-off when a release gave it its lock.
struct Arrow {
  std::size_t from, to;
  bool hand_off;
};

struct Timeline {
  std::vector<std::string> threads;  // by lane: by first step, then stuck threads never stepped
  std::vector<Step> steps;           // one per event, in order
  std::vector<Span> spans;           // by lane, then in the order they begin
  std::vector<Arrow> arrows;
  // The deadlock's wait-for cycle: each lane waits for `objects[i]`, held by the next lane.
  std::vector<std::size_t> cycle;
  std::vector<std::string> cycle_objects;
  sim::Status status = sim::Status::Ok;
  double end_time = 0;  // virtual seconds at the end
};

// The timeline of `events`, which ended as `outcome` (both must outlive the result).
Timeline read_timeline(const std::vector<checker::TraceEvent>& events,
                       const sim::Outcome& outcome);

const char* span_kind_name(Span::Kind kind);

}  // namespace weft::cli
