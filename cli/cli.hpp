// The weft command line as a library: a program that links it and registers scenarios gets every
// command for them.
#pragma once

namespace weft::cli {

// Runs the command line; returns the process exit code (0 ok, 1 failure found, 2 bad usage or
// input, 3 replay diverged, 4 undecided).
int main(int argc, char** argv);

}  // namespace weft::cli
