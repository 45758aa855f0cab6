// What a run costs grows with the threads a scenario starts (ParamSpec::threads_each): a value
// so large that it cannot run on this machine is refused before anything runs, with the
// estimate, instead of ending in a crash or the out-of-memory killer.
#pragma once

#include "scenarios/registry.hpp"

namespace weft::cli {

// Throws UsageError, naming the parameters, the threads they start and the limit they pass,
// when `params` make `s` start more threads than memory, address space or memory mappings
// allow.
void check_capacity(const Scenario& s, const Params& params);

}  // namespace weft::cli
