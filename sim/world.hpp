// The per-execution world a scenario sees besides its threads: output streams, scripted stdin,
// virtual files and the seeded random generator.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {

// A seeded generator (splitmix64): small, fast, identical on every platform.
class Random {
 public:
  void seed(std::uint64_t s) { state_ = s; }
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform integer in [lo, hi].
  std::int64_t randint(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(next() % span);
  }

 private:
  std::uint64_t state_ = 0;
};

struct World {
  std::string out;
  std::string err;
  std::vector<std::string> stdin_lines;  // scripted input, then whatever a Keyboard types
  std::size_t stdin_next = 0;
  int keyboards_open = 0;  // while > 0, input() waits for more lines instead of hitting EOF
  std::map<std::string, std::string> files;
  Random random;

  // The streams and stdin are objects too, so that operations on them are recorded.
  Object stdout_object{"stdout"};
  Object stderr_object{"stderr"};
  Object stdin_object{"stdin"};
  Object files_object{"files"};
  Object random_object{"random"};
  // Threads starting, ending, being joined or listed: one object for the set of live threads.
  Object threads_object{"threads"};
  // The sockets' per-execution state (primitives/detail/net_*.cpp): the simulated network's
  // addresses, or the real backend's map of the program's ports to real ones. Made on first use.
  std::shared_ptr<void> network;
  // weft::Process: processes started so far (the simulator's pids count them), and the main
  // process's count of Process objects made (their names Process-1, Process-2, ...).
  int processes_started = 0;
  int process_numbers = 0;

  void reset(const std::vector<std::string>& script, std::uint64_t seed) {
    out.clear();
    err.clear();
    stdin_lines.assign(script.begin(), script.end());
    stdin_next = 0;
    keyboards_open = 0;
    files.clear();
    network.reset();
    processes_started = 0;
    process_numbers = 0;
    random.seed(seed);
  }
};

}  // namespace weft::sim
