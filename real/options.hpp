// Every knob of one execution on real OS threads, with its default. `weft run` binds onto it.
#pragma once

#include <cstdint>
#include <functional>
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
  // Where the live echo goes instead of the process's stdout/stderr, when set.
  std::function<void(bool to_stderr, const std::string& text)> sink;
  // A directory the scenario's files are real files in; empty: they are kept in memory, as on
  // the simulator. The outcome's files are the directory's regular files at program end.
  std::string files_dir;
  // Random yields and short sleeps at visible operations, to shake the schedule. Each thread's
  // decisions come from perturb_seed and the thread's id, so the same seed makes the same
  // decisions (not necessarily the same interleaving).
  bool perturb = false;
  std::uint64_t perturb_seed = 0;
  // Real seconds before a program that has not ended is reported hung; 0 waits forever.
  double timeout = 0;
  // Real seconds the threads still standing at program end get to unwind before they are left
  // running (detached). Threads blocked in an operation unwind at once; only threads busy in
  // plain C++ code, which weft cannot interrupt, use it up.
  double grace = 0.5;
};

}  // namespace weft::real
