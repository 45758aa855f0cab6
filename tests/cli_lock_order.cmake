# weft check's lock-order warnings end to end, on a weft with the built-in scenarios and the
# programs of tests/lock_order_scenarios.cpp. CTest runs it:
# cmake -DWEFT=path/to/weft_lock_order -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# expect_tail(code text COMMAND...): exits with `code` and its output ends with `text` exactly.
function(expect_tail code text)
  expect(${code} "" ${ARGN})
  string(LENGTH "${text}" n)
  string(LENGTH "${last_output}" all)
  if(n GREATER all)
    set(n ${all})
  endif()
  math(EXPR from "${all} - ${n}")
  string(SUBSTRING "${last_output}" ${from} -1 tail)
  if(NOT tail STREQUAL text)
    message(FATAL_ERROR "${ARGN}\nprinted:\n${last_output}\nexpected it to end with:\n${text}")
  endif()
endfunction()

# deadlock: func1 takes mutexB holding mutexA, func2 mutexA holding mutexB; the check's deadlock
# is on both, so the cycle is reachable with the check's own trace. The reduced search explores
# its 8 classes (weft outputs deadlock -p threads=2 --no-state-caching: 8 executions).
expect_tail(1 [=[
lock order: 2 orders between locks, 1 cycle (8 executions, complete)
  Lock mutexA -> Lock mutexB  (Thread-1, Thread-2)
  Lock mutexB -> Lock mutexA  (Thread-1, Thread-2)
cycle Lock mutexA -> Lock mutexB -> Lock mutexA: reachable: weft-trace-deadlock.json  (weft replay weft-trace-deadlock.json)
]=] ${WEFT} check deadlock -p threads=2)
# The trace it names replays to the deadlock.
expect(1 "replay reproduced the recorded outcome: deadlock" ${WEFT} replay --quiet weft-trace-deadlock.json)
# One thread takes both orders, one after the other: a cycle no schedule deadlocks on (the
# check runs pct once; the lock-order search, its own complete one of 1 execution).
expect_tail(0 "cycle Lock mutexA -> Lock mutexB -> Lock mutexA: not reachable in any schedule explored (complete)\n"
            ${WEFT} check deadlock -p threads=1 --strategy pct --runs 1)
# rlock: one RLock under both names, so no lock is taken while another is held.
expect_tail(0 "lock order: no thread takes a lock while it holds another (6 executions, complete)\n"
            ${WEFT} check rlock -p threads=2)
# Two threads, A then B: one order, no cycle. Two threads, one execution class each order of
# their critical sections: 2 executions.
expect_tail(0 [=[
lock order: 1 order between locks, no cycle (2 executions, complete)
  Lock A -> Lock B  (Thread-1, Thread-2)
]=] ${WEFT} check fixed_order)
# Opposite orders, each under G: the cycle is there, G serialises it.
expect_tail(0 [=[
lock order: 4 orders between locks, 1 cycle (2 executions, complete)
  Lock A -> Lock B  (Thread-1)
  Lock B -> Lock A  (Thread-2)
  Lock G -> Lock A  (Thread-1, Thread-2)
  Lock G -> Lock B  (Thread-1, Thread-2)
cycle Lock A -> Lock B -> Lock A: not reachable: guarded by Lock G
]=] ${WEFT} check gated)
# Opposite orders with no gate, but one thread ends before the other starts: one execution.
expect_tail(0 [=[
lock order: 2 orders between locks, 1 cycle (1 execution, complete)
  Lock A -> Lock B  (Thread-1)
  Lock B -> Lock A  (Thread-2)
cycle Lock A -> Lock B -> Lock A: not reachable in any schedule explored (complete)
]=] ${WEFT} check joined_orders)
# Cut by a budget (the check's and the lock-order search's, each after its first execution), a
# cycle with no deadlock found is undecided, never "not reachable".
expect(4 "\ncycle Lock A -> Lock B -> Lock A: undecided: no deadlock on it in the executions explored \\(INCOMPLETE\\)\n"
       ${WEFT} check gated --time-budget 0.000001)
