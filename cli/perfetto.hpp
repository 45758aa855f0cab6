// An execution in the Chrome trace-event format (the JSON that ui.perfetto.dev and
// chrome://tracing open; docs/views.md): a track per thread, named by metadata events; a short
// slice per step, named by what it did; slices for the locks a thread holds and for its waits and
// sleeps; an instant per print, with its text; flow arrows from each step that let a wait end to
// the step it let go.
//
// Timestamps are microseconds of virtual time. Steps at one instant of virtual time would all
// sit on one point, so each step is placed at its virtual time or one tick (kTickUs) after the
// step before it, whichever is later: order stays visible, and time is exact again after any
// jump longer than the ticks it follows.
#pragma once

#include <string>

#include "cli/timeline.hpp"

namespace weft::cli {

inline constexpr double kTickUs = 10;  // microseconds between steps at one instant

// The trace-event document of `t`; `title` names the process track ("deadlock threads=2:
// deadlock").
std::string perfetto_json(const Timeline& t, const std::string& title);

}  // namespace weft::cli
