// A run's processes as /proc shows them: the child running an execution and the processes its
// program forked (weft::Process), and the CPU time they have used. What a run killed as hung was
// doing shows there: a program waiting in accept uses almost none, a spin a whole core.
#pragma once

#include <sys/types.h>

#include <vector>

namespace weft::real {

// `root` and the processes descending from it (its children, theirs, ...), by the parent pids
// /proc lists.
std::vector<pid_t> process_tree(pid_t root);
// The CPU time (user and system) `pids` have used so far, in seconds; a process gone counts 0.
double cpu_seconds(const std::vector<pid_t>& pids);

}  // namespace weft::real
