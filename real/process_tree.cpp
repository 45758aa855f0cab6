#include "real/process_tree.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace weft::real {

namespace {

// The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses:
// it ends at the last ')'), from the state (field 3) on; empty when the process is gone.
std::vector<std::string> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

}  // namespace

std::vector<pid_t> process_tree(pid_t root) {
  std::multimap<pid_t, pid_t> children;  // parent -> child
  if (DIR* d = ::opendir("/proc")) {
    while (const dirent* e = ::readdir(d)) {
      char* end = nullptr;
      const long pid = std::strtol(e->d_name, &end, 10);
      if (end == e->d_name || *end != '\0') continue;
      const auto f = stat_fields(static_cast<pid_t>(pid));
      if (f.size() > 1) children.emplace(static_cast<pid_t>(std::atol(f[1].c_str())), pid);
    }
    ::closedir(d);
  }
  std::vector<pid_t> tree{root};
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const auto [from, to] = children.equal_range(tree[i]);
    for (auto it = from; it != to; ++it) tree.push_back(it->second);
  }
  return tree;
}

double cpu_seconds(const std::vector<pid_t>& pids) {
  const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  double total = 0;
  for (pid_t pid : pids) {
    const auto f = stat_fields(pid);  // utime and stime are fields 14 and 15: here 11 and 12
    if (f.size() > 12) total += (std::atof(f[11].c_str()) + std::atof(f[12].c_str())) / tick;
  }
  return total;
}

}  // namespace weft::real
