// The commands of `weft`, one file each. Each returns the process exit code and throws
// UsageError for bad input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/args.hpp"

namespace weft::cli {

// The budget of the untimed search `weft outputs` runs after a complete exact one: a line of
// context, so it must not keep the user waiting long (`weft outputs --help` says it).
inline constexpr double kUntimedSeconds = 1.0;
inline constexpr std::uint64_t kUntimedExecutions = 200000;

int cmd_list(bool json);
int cmd_describe(const std::string& name, bool json);
int cmd_outputs(const RunArgs& ra, const SearchArgs& sa, const TraceArgs& ta,
                const ViewArgs& va);
int cmd_run(const RunArgs& ra, const RealArgs& ta);
int cmd_stress(const RunArgs& ra, const RealArgs& ta, const StressArgs& sa);
int cmd_check(const RunArgs& ra, const CheckArgs& ca);
int cmd_fuzz(const RunArgs& ra, const CheckArgs& ca, const FuzzArgs& fa);
int cmd_replay(const ReplayArgs& a);
int cmd_step(const RunArgs& ra, const StepArgs& sa);
int cmd_estimate(const RunArgs& ra, const EstimateArgs& ea);
int cmd_possible(const RunArgs& ra, const SearchArgs& sa, const PossibleArgs& pa);
// A and B: each side's scenario and what it runs with; `sa` for both searches.
int cmd_diff(const RunArgs& a, const RunArgs& b, const SearchArgs& sa);
// The shards' result files of one exhaustive search, united (docs/scale.md).
int cmd_merge(const std::vector<std::string>& files, bool json);

}  // namespace weft::cli
