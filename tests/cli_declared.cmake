# The findings scenarios declare, end to end on a command line with three scenarios of its own
# (tests/declared_probe.cpp): one deadlocks as it declares, one declares a deadlock that cannot
# happen, one declares a livelock and fails a check instead. CTest runs it:
# cmake -DPROBE=path/to/weft_declared_probe -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# One scenario alone still reports its failure (exit 1), and says it is expected.
expect(1 "^as_declared: FAILURE \\(deadlock\\) found by dfs with reduction at execution 1, seed 0, in [0-9.]+ s \\(expected: the scenario declares a deadlock\\)\n"
       ${PROBE} check as_declared --no-state-caching)
expect(1 "^as_declared: FAILURE \\(deadlock\\) found by pct .*\\(expected: the scenario declares a deadlock\\)\n"
       ${PROBE} fuzz as_declared --runs 5)
# A failure it does not declare is not called expected.
expect(1 "^other_failure: FAILURE \\(failed check\\) found by dfs with reduction at execution 1, seed 0, in [0-9.]+ s\n"
       ${PROBE} check other_failure --no-state-caching)

# Every scenario: the one that behaves as declared passes, the other two fail, each saying why.
expect(1 "as_declared: the declared deadlock, found by pct \\(depth 3\\) at run 1, seed 0, in [0-9.]+ s; trace weft-trace-as_declared.json\n"
       ${PROBE} fuzz --all --runs 20 --junit junit.xml)
if(NOT last_output MATCHES "other_failure: FAILURE \\(failed check\\) found by pct[^\n]* \\(the scenario declares only a livelock\\)\n")
  message(FATAL_ERROR "the undeclared failure is not reported as such:\n${last_output}")
endif()
if(NOT last_output MATCHES "promised_deadlock: no failure in 20 runs;[^\n]*; FAILURE: the scenario declares a deadlock, and none was found\n")
  message(FATAL_ERROR "the declared deadlock that was not found is not reported:\n${last_output}")
endif()
file(READ "${DIR}/junit.xml" junit)
if(NOT junit MATCHES "<testsuite name=\"weft fuzz\" tests=\"3\" failures=\"2\"")
  message(FATAL_ERROR "junit.xml does not count 2 failures of 3:\n${junit}")
endif()
if(NOT junit MATCHES "<testcase classname=\"weft fuzz\" name=\"as_declared\" time=\"[^\"]*\"/>")
  message(FATAL_ERROR "junit.xml lacks the passing as_declared case:\n${junit}")
endif()
if(NOT junit MATCHES "name=\"promised_deadlock\" time=\"[^\"]*\">\n +<failure message=\"[^\"]*FAILURE: the scenario declares a deadlock, and none was found\" type=\"declared finding not found\">")
  message(FATAL_ERROR "junit.xml lacks the missing deadlock:\n${junit}")
endif()
if(NOT junit MATCHES "name=\"other_failure\" time=\"[^\"]*\">\n +<failure message=\"[^\"]*\\(the scenario declares only a livelock\\); trace weft-trace-other_failure.json\" type=\"failed check\">")
  message(FATAL_ERROR "junit.xml lacks the undeclared failure:\n${junit}")
endif()
file(REMOVE_RECURSE "${DIR}")
