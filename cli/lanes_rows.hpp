// The swimlanes' content, before it is laid out (cli/lanes.cpp): per row, what each thread's
// column says and how it looks.
#pragma once

#include <string>
#include <vector>

#include "checker/trace.hpp"
#include "sim/outcome.hpp"

namespace weft::cli {

// How a cell is shown: a step, a wait, a step a wait ended in, a stuck thread.
enum class Look { Plain, Step, Wait, Wake, Stuck };

struct Cell {
  std::string text;
  Look look = Look::Plain;
  char marker = ' ';  // what continues down the column on a row's further lines
};

struct Row {
  std::string time, step;
  std::vector<Cell> cells;
};

struct LaneRows {
  std::vector<std::string> threads;  // by lane
  std::vector<Row> rows;             // one per step, and an end row when one is due
};

// The rows of `events`, which ended as `outcome` (the rules: cli/lanes.hpp).
LaneRows lane_rows(const std::vector<checker::TraceEvent>& events, const sim::Outcome& outcome);

}  // namespace weft::cli
