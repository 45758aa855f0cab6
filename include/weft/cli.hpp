// The weft command line for your own scenarios: a program that links weft::cli and registers
// scenarios (WEFT_SCENARIO) gets every weft command for them from
//   int main(int argc, char** argv) { return weft::cli::main(argc, argv); }
#pragma once

#include "cli/cli.hpp"
