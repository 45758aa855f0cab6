// Step-through (weft step): the learner is the scheduler. Every screen is an execution run again
// from its start, following the decisions taken so far (a prefix of a schedule, by index), and
// stopped at the first decision beyond them: what every thread would do next, what the objects
// hold, the virtual time and the output so far. Running again from the start is cheap, and keeps
// undo a matter of dropping a decision.
//
// find_deadlock answers "which choice from here leads to a deadlock?": a search without reduction
// over every schedule that begins with the prefix, complete unless cut by its budget.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "checker/schedule.hpp"
#include "checker/trace.hpp"
#include "sim/execution.hpp"
#include "sim/outcome.hpp"

namespace weft::checker {

// A thread as a step-through screen shows it.
struct ThreadView {
  std::string name;
  bool daemon = false;
  // Its next operation ("acquire"), or "exit" for MainThread once its body returned (it waits for
  // the non-daemon threads), "spin" for a read repeated with nothing changed.
  std::string op;
  std::string object;                // what the operation is on ("Lock mutexA"); "" for nothing
  bool can_step = false;             // it may perform the operation now
  std::vector<std::string> held_by;  // who holds that object (for "exit": the threads it awaits)
  double deadline = -1;              // a timed operation's timeout, virtual seconds; -1: none
};

// An object of the program, with what it says of its state (sim::Object::state).
struct ObjectView {
  std::string name;                  // "Lock mutexA"
  std::string state;                 // "set", "[1, 2]", "free"; "" when it says nothing
  std::vector<std::string> held_by;  // its holders: a lock's owner, a semaphore's takers
};

// Where an execution stands after the decisions of a prefix: at its next decision, or ended.
struct StepView {
  bool ended = false;     // no decision is left: `outcome` is how it ended
  bool diverged = false;  // the prefix could not be followed: the program depends on something
                          // weft does not control (the rest of the view is where it stood)
  sim::Outcome outcome;
  // The decision to take (unless ended): which thread runs, which of the threads due at one
  // instant goes first, or which value choose(n) returns (a choice the program or the simulated
  // network asks for, made by `chooser`).
  sim::Decision kind = sim::Decision::Thread;
  std::vector<std::string> options;  // the threads' names; for a value, "0", "1", ...
  std::string chooser;
  std::vector<ThreadView> threads;   // every thread started and not finished, in start order
  std::vector<ObjectView> objects;   // in creation order
  double time = 0;                   // virtual seconds
  std::string out, err;              // written so far
  std::vector<TraceEvent> events;    // the visible operations performed so far
  std::size_t since = 0;             // events[since...] came after the last decision taken
};

// Runs `body` under `setup` from its start, following `prefix` by index, to the first decision
// beyond it (or the end).
StepView step_to(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                 const Schedule& prefix);

struct DeadlockSearch {
  bool found = false;
  Schedule schedule;  // found: the whole schedule, the prefix first, that ends in a deadlock
  std::uint64_t executions = 0;
  bool complete = true;  // false: the budget ran out before every schedule was tried
};

// Looks for an execution that begins with `prefix` and ends in a deadlock, trying every
// continuation depth first (the first decision's options in order) within `max_executions` and
// `seconds` of wall-clock time (0: no limit).
DeadlockSearch find_deadlock(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                             const Schedule& prefix, std::uint64_t max_executions,
                             double seconds = 0);

}  // namespace weft::checker
