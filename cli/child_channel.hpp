// What a supervised child and its parent share (cli/supervisor.hpp): the memory both map, and
// the frames the child writes on its pipe. Internal to the supervisor's two halves.
#pragma once

#include <atomic>
#include <cstdint>

#include "checker/in_flight.hpp"
#include "cli/supervisor.hpp"

namespace weft::cli::channel {

// Mapped shared before the fork.
struct Shared {
  checker::InFlight in_flight;  // the child's record: the executions it began
  // The child's answer to the parent's last probe (SIGUSR1): the executions begun, and the
  // visible operations of the one under way, or kOutside when none was.
  std::atomic<std::uint64_t> probed_executions{0};
  std::atomic<std::uint64_t> probed_steps{0};
  std::atomic<std::uint64_t> counts_used{0};  // set_count's highest index + 1 (any index)
  std::atomic<std::uint64_t> counts[kCountSlots];
};
inline constexpr std::uint64_t kOutside = ~std::uint64_t{0};

// A frame: a tag byte, a 64-bit payload length, the payload.
enum class Tag : char {
  Note = 'n',      // send_note's payload
  Finished = 'x',  // the command's exit code (4 bytes): the last frame of a child that ends well
  Dying = 'd',     // the execution under way (DumpHead, then its Choices): the child is dying
};

// The fixed part of a Dying frame's payload, written from a signal handler.
struct DumpHead {
  std::int32_t signal;      // the fatal signal; 0 when the parent asked
  std::uint32_t timing;     // sim::Timing
  std::uint64_t seed;
  std::uint64_t steps;
  std::uint64_t decisions;  // Choices that follow; kOutside: no execution was under way
  std::uint64_t out, err;   // bytes of the execution's stdout, then stderr, after the Choices
};

// The child's side, in the child after the fork: routes in-flight notes into `shared`, catches
// fatal signals and the parent's requests, and writes frames on `fd`.
void become_child(Shared* shared, int fd);
// Ends the child after `command` returned `code`: flushes the output, says so, exits.
[[noreturn]] void finish_child(int code);

}  // namespace weft::cli::channel
