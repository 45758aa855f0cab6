#include "checker/memory.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace weft::checker {

std::uint64_t peak_resident_bytes() {
  // One system call, no file to parse: cheap enough to ask after a search's first execution.
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux counts in KiB
}

std::uint64_t physical_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

std::uint64_t default_max_memory() {
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  const std::uint64_t physical = physical_bytes();
  if (physical == 0) return kGiB;
  return std::min(physical / 4, 2 * kGiB);
}

}  // namespace weft::checker
