// The commands of `weft`, one file each. Each returns the process exit code and throws
// UsageError for bad input.
#pragma once

#include <string>

#include "cli/args.hpp"

namespace weft::cli {

int cmd_list();
int cmd_describe(const std::string& name);
int cmd_outputs(const RunArgs& ra, const SearchArgs& sa, const TraceArgs& ta,
                const ViewArgs& va);
int cmd_run(const RunArgs& ra, const RealArgs& ta);
int cmd_stress(const RunArgs& ra, const RealArgs& ta, const StressArgs& sa);
int cmd_check(const RunArgs& ra, const CheckArgs& ca);
int cmd_fuzz(const RunArgs& ra, const CheckArgs& ca, const FuzzArgs& fa);
int cmd_replay(const ReplayArgs& a);
int cmd_possible(const RunArgs& ra, const SearchArgs& sa, const PossibleArgs& pa);

}  // namespace weft::cli
