// Every knob of one execution on real OS threads, with its default. `weft run` binds onto it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace weft::real {

struct RealOptions {
  // Real seconds per virtual second: sleep(2) takes 2 * time_scale real seconds. Must be > 0.
  double time_scale = 1.0;
  // Scripted standard input; input() meets EOFError after the last line.
  std::vector<std::string> stdin_lines;
  // Seeds the scenario's random generator (randint) and choose().
  std::uint64_t seed = 0;
  // Live echo: each print is also written to the process's stdout/stderr as it happens.
  bool echo = false;
  // Real seconds before a program that has not ended is reported hung; 0 waits forever.
  double timeout = 0;
  // Real seconds the threads still standing at program end get to unwind before they are left
  // running (detached). Threads blocked in an operation unwind at once; only threads busy in
  // plain C++ code, which weft cannot interrupt, use it up.
  double grace = 0.5;
};

}  // namespace weft::real
