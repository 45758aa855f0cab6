// A brute-force count of the classes of equivalent schedules (Mazurkiewicz traces), to derive the
// reduced search's execution counts independently of it: every schedule of a program is run (the
// naive search), each execution is reduced to its canonical form, and the distinct forms are
// counted.
#pragma once

#include <cstdint>
#include <functional>

#include "sim/execution.hpp"

namespace weft::test {

struct ClassCount {
  std::uint64_t executions = 0;  // of the naive search
  std::uint64_t classes = 0;     // distinct canonical forms among them
  bool complete = false;         // the naive search ran to its end within max_executions
};

// Runs every schedule of `body` and counts its executions' classes. Two executions are
// equivalent when one becomes the other by swapping adjacent steps of different threads that
// commute: steps on different objects, or both reading one object (and the rules across objects
// of checker/dpor_relation.hpp). An execution's canonical form is what such swaps keep: each
// thread's own sequence of steps (operation, object, and the network's or choose()'s values it
// took) and the order of every pair of steps that do not commute. Whether a step reads or writes
// is left out of the form (it still decides which pairs commute): a recv declares itself a read
// when the stream has ended by the time it is published, so two orders of one class can declare
// it differently. Everything else a step does follows from the steps before it.
ClassCount count_classes(const std::function<void()>& body, const sim::ExecutionSetup& setup,
                         std::uint64_t max_executions);

}  // namespace weft::test
