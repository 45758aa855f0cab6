// What one execution ended as. Outcomes are compared on status, message, stdout, stderr and files.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/types.hpp"

namespace weft::sim {

enum class Status : std::uint8_t {
  Ok,        // the program ended
  Deadlock,  // nothing can step, nothing is pending, and a non-daemon thread has not ended
  Livelock,  // threads keep running but the program can never end
  Failure,   // a weft::check failed
  Limit,     // the step or virtual-time limit cut the execution: undecided
  Hung,      // on real threads: the program had not ended when the run's timeout expired
  Crashed,   // the process running the execution died of a signal (a segfault, an abort)
  Runaway,   // user code ran on without a visible operation until the search gave up on it
};
const char* status_name(Status s);

// One thread that could not step when the execution ended.
struct BlockedThread {
  std::string thread;                // "Thread-2"
  std::string op;                    // "acquire"
  std::string object;                // "Lock mutexA", "" when it waits for nothing in particular
  std::vector<std::string> held_by;  // threads holding that object
};

struct Outcome {
  Status status = Status::Ok;
  std::string message;  // the failed check's message, or what cut the execution
  std::string out;      // stdout
  std::string err;      // stderr
  std::map<std::string, std::string> files;
  std::vector<BlockedThread> blocked;  // for deadlocks (not part of the outcome's identity)
  Time end_time = 0;                   // virtual time at the end (not part of the identity)
  // On real threads, a run killed as hung: the CPU seconds its processes had used by then (not
  // part of the identity); negative otherwise.
  double cpu_seconds = -1;
  bool redundant = false;              // the strategy stopped it: it leads nowhere new

  // The identity outcomes are grouped by.
  bool same_as(const Outcome& o) const {
    return status == o.status && message == o.message && out == o.out && err == o.err &&
           files == o.files;
  }
};

}  // namespace weft::sim
