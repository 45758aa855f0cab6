#include "cli/capacity.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "sim/fiber.hpp"

namespace weft::cli {

namespace {

// Memory one simulated thread keeps resident, stack pages touched and the runtime's record of
// it: about 5 KB measured (weft check rlock -p threads=30000 --strategy random --runs 1 peaks at
// 148 MB), rounded up.
constexpr double kResidentPerThread = 8 * 1024;
// A thread's stack is two memory mappings: the stack and its guard page.
constexpr double kMapsPerThread = 2;
// Mappings the process needs besides the stacks: its libraries, heap, and some to spare.
constexpr double kOtherMaps = 1000;

// The first number in a file (/proc/sys/vm/max_map_count, cgroup's memory.max); 0 when there is
// none ("max" included).
double read_number(const char* path) {
  std::ifstream in(path);
  double v = 0;
  return in >> v ? v : 0;
}

std::string bytes(double b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t u = 0;
  for (; b >= 1024 && u + 1 < std::size(units); ++u) b /= 1024;
  std::ostringstream os;
  os.precision(3);
  os << b << " " << units[u];
  return os.str();
}

// One limit on threads: how many fit, and why, given the threads asked for.
struct Limit {
  double fit;
  std::string why;
};

std::vector<Limit> limits(double threads) {
  std::vector<Limit> out;
  double memory = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGESIZE);
  if (const double cgroup = read_number("/sys/fs/cgroup/memory.max"); cgroup > 0)
    memory = std::min(memory, cgroup);
  out.push_back({memory / kResidentPerThread,
                 "each keeps about " + bytes(kResidentPerThread) + " of memory: " +
                     bytes(threads * kResidentPerThread) + " in all, of " + bytes(memory)});
  const double stack = static_cast<double>(sim::StackPool::local()->stack_bytes() +
                                           static_cast<std::size_t>(sysconf(_SC_PAGESIZE)));
  if (rlimit as{}; getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
    const double space = static_cast<double>(as.rlim_cur);
    out.push_back({space / stack, "each reserves a " + bytes(stack) + " stack: " +
                                      bytes(threads * stack) + " of address space, of the " +
                                      bytes(space) + " allowed (ulimit -v)"});
  }
  if (const double maps = read_number("/proc/sys/vm/max_map_count"); maps > 0) {
    std::ostringstream why;
    why.precision(15);
    why << "each stack takes " << kMapsPerThread << " memory mappings: " << threads * kMapsPerThread
        << " in all, of the " << maps << " the system allows (vm.max_map_count)";
    out.push_back({(maps - kOtherMaps) / kMapsPerThread, why.str()});
  }
  return out;
}

}  // namespace

void check_capacity(const Scenario& s, const Params& params) {
  double threads = 1;  // MainThread
  std::string asked;
  for (const ParamSpec& spec : s.params) {
    if (spec.threads_each == 0) continue;
    const std::int64_t v = params.get_int(spec.name);
    threads += static_cast<double>(v) * spec.threads_each;
    asked += (asked.empty() ? "" : " ") + spec.name + "=" + std::to_string(v);
  }
  if (asked.empty()) return;
  double fit = threads;
  std::string why;
  for (const Limit& l : limits(threads)) {
    if (l.fit >= threads) continue;
    fit = std::min(fit, l.fit);
    why += (why.empty() ? "" : "; ") + l.why;
  }
  if (why.empty()) return;
  std::ostringstream os;
  os.precision(15);
  os << s.name << " " << asked << " starts " << threads << " threads, more than fit here (at most "
     << static_cast<std::uint64_t>(std::max(0.0, fit)) << "): " << why;
  throw UsageError(os.str());
}

}  // namespace weft::cli
