// What a supervised search that did not end by itself comes to (cli/supervisor.hpp): user code
// crashed or ran away (a finding, with the trace of the execution that did it), the time budget
// ran out while user code ran, or weft was interrupted. The results found until then are kept.
#pragma once

#include <optional>
#include <string>

#include "checker/explore.hpp"
#include "cli/args.hpp"
#include "cli/check_report.hpp"
#include "cli/report.hpp"
#include "cli/supervisor.hpp"

namespace weft::cli {

// A crash or a runaway: the execution's outcome and its trace.
struct Finding {
  sim::Outcome outcome;     // status crashed or runaway, message, what it wrote until then
  checker::Schedule schedule;  // its decisions
  std::uint64_t seed = 0;
  std::string trace;        // the trace written, or empty
  std::string trace_error;  // why it was not, when it was not
};

// The finding `end` stands for (a crash or a runaway), its trace written to `trace_path`; nullopt
// for a child stopped by the budget or an interrupt.
std::optional<Finding> finding_of(const ChildEnd& end, const Prepared& p,
                                  const checker::Options& opt, const std::string& strategy,
                                  const std::string& trace_path, const Supervision& s);

// weft check and weft fuzz: the verdict on a search cut short (exit 1 for a finding, else 4).
Verdict cut_short_verdict(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                          const std::string& strategy, const std::string& trace_path,
                          const Supervision& s);

// weft outputs: the outcomes found until then (ChildEnd::notes and counts), with the finding as
// one more outcome, as an incomplete report; returns the exit code. With a `traces_dir`, one
// trace per outcome goes there as weft outputs --traces writes them; else the finding's goes to
// weft-trace-NAME.json.
int report_cut_outputs(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                       const std::string& traces_dir, const Supervision& s, bool json);

// weft possible: no witness found until then, and the finding; returns the exit code.
int report_cut_possible(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                        const std::string& trace_path, const Supervision& s, bool json);

// weft step: the session ended by user code that crashed or ran away while a screen was being
// made (the finding, its trace), or by an interrupt; returns the exit code.
int report_cut_step(const ChildEnd& end, const Prepared& p, const checker::Options& opt,
                    const std::string& trace_path, const Supervision& s);

// Sends each outcome group to the parent as a supervised exhaustive search finds it.
void stream_outcomes(checker::Options& opt);

}  // namespace weft::cli
