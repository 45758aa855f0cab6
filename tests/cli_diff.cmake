# weft diff end to end: two sides, each a scenario with its own parameters and timing model.
# CTest runs it: cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# deadlock (locks A and B) against rlock (one RLock under both names), two threads each. In
# rlock each func is a critical section of the one lock, func1 before func2 in each thread: the
# 6 orders of the four sections. In deadlock, while one thread sleeps 2 s in func2 holding B,
# the other (at t=0) takes A in func1 and waits for B: the two orders in which one thread runs
# both funcs before the other starts cannot happen there; the other 4 orders can (both func1s
# first). And deadlock's 4 deadlocks (which thread first, and whether the second's A line comes
# before or after the first's func2 line) are its own. The reduced search runs 8 executions for
# deadlock's 8 outcomes and 6 for rlock's 6: one each.
expect(1 "^A: deadlock threads=2, timing exact: 8 distinct outcomes in 8 executions, complete\nB: rlock threads=2, timing exact: 6 distinct outcomes in 6 executions, complete\n\nonly in A: 4 outcomes\n- deadlock \\(A: 1 execution\\)\n"
       ${WEFT} diff "deadlock -p threads=2" "rlock -p threads=2" --no-state-caching)
string(ASCII 27 esc)
string(REGEX REPLACE "${esc}\\[[0-9]*m" "" plain "${last_output}")
string(REGEX MATCHALL "\n- [a-z]+ \\([^)]*\\)" rows "${plain}")
string(REPLACE ";" "|" rows "${rows}")
string(REPEAT "\n- deadlock (A: 1 execution)|" 4 want)
string(APPEND want "\n- ok (B: 1 execution)|\n- ok (B: 1 execution)|")
string(REPEAT "\n- ok (A: 1 execution, B: 1 execution)|" 4 both)
string(APPEND want "${both}")
string(REGEX REPLACE "\\|$" "" want "${want}")
if(NOT rows STREQUAL want)
  message(FATAL_ERROR "weft diff deadlock rlock listed:\n${rows}\nexpected:\n${want}")
endif()
# Only in rlock: each thread whole, one after the other.
set(sequential "only in B: 2 outcomes\n- ok \\(B: 1 execution\\)\n  stdout:\n    Thread-1 拿到A锁\n    Thread-1 拿到B锁\n    Thread-1 拿到B锁\n    Thread-1 拿到A锁\n    Thread-2 拿到A锁\n")
if(NOT plain MATCHES "${sequential}")
  message(FATAL_ERROR "weft diff deadlock rlock: no sequential order only in B:\n${plain}")
endif()
if(NOT plain MATCHES "\ndifferent: 4 outcomes only in A, 2 outcomes only in B, 4 outcomes in both\n$")
  message(FATAL_ERROR "weft diff deadlock rlock: verdict:\n${plain}")
endif()

# The timing models: sayhi's thread sleeps 2 s before its line, so main's line comes first in the
# exact model; untimed, the sleep may end before main prints, and the other order appears too.
set(want [=[
A: sayhi, timing exact: 1 distinct outcome in 1 execution, complete
B: sayhi, timing untimed: 2 distinct outcomes in 2 executions, complete

only in A: none

only in B: 1 outcome
- ok (B: 1 execution)
  stdout:
    harry say hello
    主线程

in both: 1 outcome
- ok (A: 1 execution, B: 1 execution)
  stdout:
    主线程
    harry say hello

different: none only in A, 1 outcome only in B, 1 outcome in both
]=])
expect(1 "" ${WEFT} diff sayhi "sayhi --timing untimed")
if(NOT last_output STREQUAL want)
  message(FATAL_ERROR "weft diff sayhi untimed printed:\n${last_output}\nexpected:\n${want}")
endif()

# A side against itself: equal. daemon's six outcomes (its description argues them).
expect(0 "\nin both: 6 outcomes\n.*\nequal: the same 6 outcomes on both sides\n$" ${WEFT} diff daemon daemon)
# Parameters change the outcomes: rlock with 1 thread has one, with 2 threads six; none shared
# (with two threads, Thread-2's lines are printed too).
expect(1 "\ndifferent: 1 outcome only in A, 6 outcomes only in B, none in both\n$"
       ${WEFT} diff "rlock -p threads=1" "rlock -p threads=2")

# A side cut by a budget: undecided.
expect(4 "B: rlock threads=2, timing exact: [0-9]+ distinct outcomes? in 2 executions, INCOMPLETE \\(cut by max-executions\\).*\nundecided: a search was incomplete"
       ${WEFT} diff "rlock -p threads=2" "rlock -p threads=2" --max-executions 2 --no-state-caching)

# JSON: the same answer.
execute_process(COMMAND ${WEFT} diff sayhi "sayhi --timing untimed" --json WORKING_DIRECTORY ${DIR}
                RESULT_VARIABLE code OUTPUT_VARIABLE doc)
string(JSON only_b LENGTH "${doc}" only_b)
string(JSON both LENGTH "${doc}" both)
string(JSON line GET "${doc}" only_b 0 stdout 0)
string(JSON count GET "${doc}" only_b 0 count_b)
string(JSON timing GET "${doc}" b timing)
string(JSON exit GET "${doc}" exit_code)
if(NOT code EQUAL 1 OR NOT only_b EQUAL 1 OR NOT both EQUAL 1 OR NOT line STREQUAL "harry say hello"
   OR NOT count EQUAL 1 OR NOT timing STREQUAL "untimed" OR NOT exit EQUAL 1)
  message(FATAL_ERROR "weft diff --json (exit ${code}):\n${doc}")
endif()

# Bad sides: one line, exit 2.
expect(2 "^weft: side B 'sayhi --bogus': " ${WEFT} diff sayhi "sayhi --bogus")
expect(2 "^weft: unknown scenario 'nosuch'" ${WEFT} diff nosuch sayhi)
expect(2 "^weft: side A 'sayhi extra': " ${WEFT} diff "sayhi extra" sayhi)
