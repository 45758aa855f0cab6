// The trace of an execution that took its process down (a crash) or never came back to weft (a
// runaway): it runs once more in a supervised child that tells each decision and event as it
// goes (checker/narrated.hpp), and whose last words give what it wrote.
#pragma once

#include <string>

#include "checker/schedule.hpp"
#include "checker/trace.hpp"
#include "cli/args.hpp"
#include "cli/supervisor.hpp"

namespace weft::cli {

struct Narration {
  checker::Trace trace;  // every field filled; its outcome is how the re-run ended
  ChildEnd end;          // how the child ended
};

// Runs scenario `p` under `setup` along `schedule` in a supervised child; `strategy` is what the
// trace says found the schedule.
Narration narrate(const Prepared& p, const sim::ExecutionSetup& setup,
                  const checker::Schedule& schedule, const Supervision& supervision,
                  const std::string& strategy);

// The status a child's end stands for: crashed or runaway (anything else: ok).
sim::Status status_of(const ChildEnd& end);

}  // namespace weft::cli
