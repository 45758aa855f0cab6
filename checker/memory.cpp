#include "checker/memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace weft::checker {

std::uint64_t resident_bytes() {
  // The second field of statm is the resident set in pages; one read of a short file.
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long long size = 0, resident = 0;
  const int read = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (read != 2) return 0;
  const long page = sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<std::uint64_t>(page) : 0;
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
