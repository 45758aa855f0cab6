// weft run: once on real threads.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/scratch.hpp"
#include "cli/stress_report.hpp"
#include "real/isolated.hpp"

namespace weft::cli {

namespace {
// "failure: x was written twice", "hung after 5 s".
std::string run_summary(const sim::Outcome& o) {
  std::string s = sim::status_name(o.status);
  if (!o.message.empty()) s += (o.status == sim::Status::Hung ? " " : ": ") + o.message;
  return s;
}

}  // namespace

int cmd_run(const RunArgs& ra, const RealArgs& ta) {
  if (!(ta.time_scale > 0)) throw UsageError("--time-scale must be positive");
  if (!(ta.timeout >= 0)) throw UsageError("--timeout must not be negative");
  // Shared with the body: a thread that never comes back may still use the parameters.
  auto p = std::make_shared<const Prepared>(prepare(ra));
  real::RealOptions opt;
  opt.time_scale = ta.time_scale;
  opt.timeout = ta.timeout;
  opt.stdin_lines = p->stdin_lines;
  opt.seed = ra.seed;
  opt.echo = true;  // the program's output appears as it is written
  ScratchDirs dirs("");
  opt.files_dir = dirs.make(0);
  const sim::Outcome o = real::run_isolated([p] { p->scenario->body(p->params); }, opt);
  if (o.status == sim::Status::Ok) return 0;
  std::cerr << "weft: run ended: " << run_summary(o) << "\n";
  // A program that never ends is the model's deadlock or livelock: say which, as it says it.
  if (o.status == sim::Status::Hung) print_hung_check(std::cerr, look_up_hung(*p, ra.seed, o));
  return 1;
}

}  // namespace weft::cli
