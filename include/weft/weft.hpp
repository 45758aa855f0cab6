// Everything a program checked by weft uses: the primitives (Thread, Lock, Shared, print, ...),
// the scenario registry (WEFT_SCENARIO) and searches run from a test (weft::testing::search).
#pragma once

#include "primitives/weft.hpp"
#include "scenarios/registry.hpp"
#include "testing/search.hpp"
