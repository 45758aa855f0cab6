# weft check and weft fuzz end to end: the failure report, the trace and how to replay it, what a
# search without failure guarantees, JUnit output, exit codes. CTest runs it:
# cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The seed's lock-order deadlock, 10 threads: the reduced exhaustive search meets it at once.
expect(1 "deadlock threads=10: FAILURE \\(deadlock\\) found by dfs with reduction at execution 1"
       ${WEFT} check deadlock --no-state-caching)
# So does the default search, caching states (docs/state-caching.md): its first execution.
# The default search: the reduction, run first, meets it at once (docs/state-caching.md,
# "Choosing the search").
expect(1 "deadlock threads=10: FAILURE \\(deadlock\\) found by dfs with reduction at execution 1"
       ${WEFT} check deadlock)
expect(1 "\\(expected: the scenario declares a deadlock\\)\n.*Thread-1 waits in acquire on Lock mutexA, held by Thread-2\n.*trace: weft-trace-deadlock.json\nreplay it: weft replay weft-trace-deadlock.json"
       ${WEFT} check deadlock)
expect(1 "replay reproduced the recorded outcome: deadlock" ${WEFT} replay --quiet weft-trace-deadlock.json)
expect(1 "found by pct \\(depth 3\\) at run 1, seed 0.*\nshrunk from [0-9]+ to 0 preemptions"
       ${WEFT} check deadlock --strategy pct --trace-out pct.json)
expect(1 "replay reproduced the recorded outcome: deadlock" ${WEFT} replay --quiet pct.json)

# No failure: what the search guarantees.
expect(0 "^rlock threads=3: no failure; exhaustive: 90 executions, 90 classes, complete"
       ${WEFT} check rlock -p threads=3 --no-state-caching)
# The default search: the states are counted in docs/state-caching.md's way (the test
# "[stateful]" counts a smaller program's by hand); here only its form. At 3 threads the
# reduction, run first, answers (90 classes); at 5 its 10!/2^5 = 113,400 classes are more than
# the 10,000 executions it is given, and state caching answers.
expect(0 "^rlock threads=3: no failure; exhaustive: 90 executions, 90 classes, complete"
       ${WEFT} check rlock -p threads=3)
expect(0 "^rlock threads=5: no failure; exhaustive: [0-9]+ executions, state caching \\+ symmetry: [0-9]+ states, complete"
       ${WEFT} check rlock -p threads=5)
expect(0 "^rlock threads=5: no failure; exhaustive: [0-9]+ executions, state caching: [0-9]+ states, complete"
       ${WEFT} check rlock -p threads=5 --no-symmetry)
expect(2 "--no-state-caching and --no-symmetry apply to --strategy dfs only"
       ${WEFT} check rlock --strategy random --no-symmetry)
expect(0 "^rlock threads=3: no failure; complete up to 0 preemptions \\(6 executions, 6 schedules;"
       ${WEFT} check rlock -p threads=3 --max-preemptions 0 --no-reduction)
if(last_output MATCHES "exhaustive")
  message(FATAL_ERROR "a preemption-bounded search claimed to be exhaustive:\n${last_output}")
endif()
# With the reduction (docs/reduction.md, "Bounded search"): bounds 0, 1, 2, ... until one cuts
# no branch (then the search is complete with no bound), or the budget runs out (exit 4, with
# what the completed bounds proved).
expect(0 "^rlock threads=3: no failure; exhaustive: [0-9]+ executions, [0-9]+ schedules, complete \\(the bound of [0-9]+ preemptions cut no branch\\)"
       ${WEFT} check rlock -p threads=3 --iterate-bound)
expect(4 "^rlock threads=5: no failure; no failure within 1 preemptions; bound 2, cut by max-executions after [0-9]+ executions \\(2000 executions, 2000 schedules in all\\)"
       ${WEFT} check rlock -p threads=5 --iterate-bound --runs 2000)
expect(1 "FAILURE \\(deadlock\\) found by dfs iterating the bound, at 0 preemptions at execution 1"
       ${WEFT} check deadlock --iterate-bound)
expect(2 "^weft: --iterate-bound chooses the bound: not with --max-preemptions\n$"
       ${WEFT} check deadlock --iterate-bound --max-preemptions 1)
expect(0 "^rlock threads=3: 50 runs, no failure \\(random schedules\\); seeds 7..56"
       ${WEFT} check rlock -p threads=3 --strategy random --runs 50 --seed 7)
expect(0 "^rlock threads=3: no failure in 50 runs; each after the first finds a given depth-2 bug with probability at least 1/\\(n·k\\^\\(d-1\\)\\) = 1/\\(4·[0-9]+\\^1\\)"
       ${WEFT} check rlock -p threads=3 --strategy pct --depth 2 --runs 50)
expect(4 "INCOMPLETE, cut by max-executions" ${WEFT} check rlock --runs 10)
# A cut search counts what a complete one counts: the executions run, and the classes explored
# (reduction) or the states cached (state caching). The complete reduced search of rlock threads=3
# above ran 90 executions, 90 classes (none redundant), so its first 10 are 10 classes.
expect(4 "^rlock threads=3: no failure; INCOMPLETE, cut by max-executions after 10 executions, 10 classes: a failure may remain"
       ${WEFT} check rlock -p threads=3 --runs 10 --no-state-caching)
# At 5 threads the reduction, run first, spends 10,000 executions without completing (113,400
# classes); state caching has the other 100.
expect(4 "^rlock threads=5: no failure; INCOMPLETE, cut by max-executions after 10100 executions, state caching \\+ symmetry: [0-9]+ states: a failure may remain"
       ${WEFT} check rlock -p threads=5 --runs 10100)
expect(4 "^rlock threads=3: 10 distinct outcomes in 10 executions, 10 classes, INCOMPLETE \\(cut by max-executions\\)"
       ${WEFT} outputs rlock -p threads=3 --max-executions 10 --no-state-caching)
# The listing cut at 10,100 executions cannot hold rlock threads=5's 10!/2^5 = 113,400 outputs
# (10 two-line blocks in any order, each thread's func1 block before its func2 block): weft counts
# them over the state graph instead and stops listing where the reduction stopped. The answer, the
# count and the description, is complete: the summary leads with it.
expect(0 "^rlock threads=5: 113400 distinct outcomes, complete \\(counted and described exactly over the graph of every reachable state: [0-9]+ states, one per orbit of interchangeable threads\\); listed 10000 of them in 10000 executions, 10000 classes, [0-9.]+ s\n"
       ${WEFT} outputs rlock -p threads=5 --max-executions 10100 --max-list 1)

# Fuzzing every scenario: one JUnit test case each. deadlock and text_pipeline fail by design and
# declare it, so every scenario behaves as declared and the whole passes.
expect(0 "deadlock threads=10: the declared deadlock, found by pct \\(depth 3\\) at run 1, seed 0, in [0-9.]+ s; trace weft-trace-deadlock.json\n"
       ${WEFT} fuzz --all --runs 20 --junit junit.xml)
if(NOT last_output MATCHES "\ntext_pipeline: the declared livelock, found by pct")
  message(FATAL_ERROR "text_pipeline's livelock is not the declared one:\n${last_output}")
endif()
file(READ "${DIR}/junit.xml" junit)
if(NOT junit MATCHES "<testsuite name=\"weft fuzz\" tests=\"21\" failures=\"0\"")
  message(FATAL_ERROR "junit.xml counts failures:\n${junit}")
endif()
if(NOT junit MATCHES "<testcase classname=\"weft fuzz\" name=\"deadlock\" time=\"[^\"]*\"/>")
  message(FATAL_ERROR "junit.xml lacks the passing deadlock case:\n${junit}")
endif()
if(NOT junit MATCHES "<testcase classname=\"weft fuzz\" name=\"rlock\" time=\"[^\"]*\"/>")
  message(FATAL_ERROR "junit.xml lacks the passing rlock case:\n${junit}")
endif()

# Bad usage: one line, exit 2, nothing written.
expect(2 "^weft: --depth applies to --strategy pct only\n$" ${WEFT} check deadlock --strategy random --depth 2)
expect(2 "^weft: --max-preemptions applies to --strategy dfs only\n$" ${WEFT} check deadlock --strategy pct --max-preemptions 1)
expect(2 "^weft: give a scenario name or --all, not both\n$" ${WEFT} fuzz deadlock --all)
expect(2 "^weft: --junit: cannot write 'no-such-dir/junit.xml': cannot create a file in 'no-such-dir': No such file or directory\n$"
       ${WEFT} fuzz sayhi --junit no-such-dir/junit.xml)
if(EXISTS "${DIR}/no-such-dir")
  message(FATAL_ERROR "a failed JUnit write left something behind")
endif()
file(REMOVE_RECURSE "${DIR}")
