// How much memory this process holds, and how much a search may hold by default.
#pragma once

#include <cstdint>

namespace weft::checker {

// The most the process has held resident so far, in bytes (the resident set is what the kernel's
// out-of-memory killer weighs; its peak also catches what was allocated and freed between two
// looks), or 0 where it cannot be read.
std::uint64_t peak_resident_bytes();
// Physical memory in bytes, or 0 where it cannot be read.
std::uint64_t physical_bytes();
// A quarter of physical memory, at most 2 GiB (1 GiB where physical memory is unknown): room for
// the machine's other work, and far above what a search needs for its bounded state.
std::uint64_t default_max_memory();

}  // namespace weft::checker
