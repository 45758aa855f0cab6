# weft outputs --traces writes one trace per outcome, and weft replay re-runs them with the exit
# codes the design promises. CTest runs it: cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
# Outcome 1 of deadlock threads=2 is a deadlock, outcome 3 ends ok (weft outputs lists them).
expect(1 "traces: .*outcome-1.json" ${WEFT} outputs deadlock -p threads=2 --traces ${DIR})
# The story tells what each step did: the text printed (colour codes left out), the wait before
# an acquire (Thread-2 asked for mutexA while Thread-1 held it, from step 4 on, and got it when
# Thread-1 released it at step 9), and the sleep Thread-1 began after its print at step 11.
expect(1 "reproduced the recorded outcome: deadlock" ${WEFT} replay ${DIR}/outcome-1.json)
foreach(step IN ITEMS
        "#4 +Thread-1 +acquire Lock mutexA\n"
        "#5 +Thread-1 +print \"Thread-1 拿到A锁\"\n"
        "#12 +Thread-2 +acquire Lock mutexA  \\[waited since #4 while Thread-1 held it; handed over by Thread-1's release \\(#9\\)\\]\n"
        "t=2.000  #14 +Thread-1 +sleep  \\[slept since #11\\]\n")
  if(NOT last_output MATCHES "${step}")
    message(FATAL_ERROR "the story lacks '${step}':\n${last_output}")
  endif()
endforeach()
expect(0 "^replay reproduced the recorded outcome: ok\n$"
       ${WEFT} replay --quiet ${DIR}/outcome-3.json)
expect(1 "\"format\": \"weft-replay\"" ${WEFT} replay --json ${DIR}/outcome-1.json)

file(READ "${DIR}/outcome-1.json" trace)
# Thread-1 first runs at decisions[2]; renamed, it cannot be followed there.
string(REPLACE "\"thread\":\"Thread-1\"" "\"thread\":\"Thread-9\"" tampered "${trace}")
file(WRITE "${DIR}/tampered.json" "${tampered}")
expect(3 "replay DIVERGED at decisions\\[2\\] \\(step 3\\): the trace says Thread-9 runs"
       ${WEFT} replay --quiet ${DIR}/tampered.json)

string(SUBSTRING "${trace}" 0 200 head)
file(WRITE "${DIR}/truncated.json" "${head}")
expect(2 "^weft: .*truncated.json: truncated: the JSON ends \\(at byte 200\\)"
       ${WEFT} replay ${DIR}/truncated.json)
string(REPLACE "\"version\": 3," "\"version\": 7," future "${trace}")
file(WRITE "${DIR}/future.json" "${future}")
expect(2 "trace version 7 is not supported" ${WEFT} replay ${DIR}/future.json)
string(REPLACE "\"scenario\": \"deadlock\"" "\"scenario\": \"deadlok\"" unknown "${trace}")
file(WRITE "${DIR}/unknown.json" "${unknown}")
expect(2 "unknown scenario 'deadlok'; did you mean 'deadlock'" ${WEFT} replay ${DIR}/unknown.json)

# A trace carries the failure policy it was judged under: event_connect's connectors die of a
# TimeoutError, no failure by default, a failure when the trace says --fail-on-exception.
expect(0 "traces: .*outcome-1.json"
       ${WEFT} outputs event_connect -p connectors=1 --traces ${DIR}/connect)
expect(0 "^replay reproduced the recorded outcome: ok\n$"
       ${WEFT} replay --quiet ${DIR}/connect/outcome-1.json)
file(READ "${DIR}/connect/outcome-1.json" connect)
string(REPLACE "\"fail_on_exception\": false" "\"fail_on_exception\": true" strict "${connect}")
file(WRITE "${DIR}/strict.json" "${strict}")
expect(1 "^replay reproduced the recorded outcome: ok, a failure: uncaught exception\n$"
       ${WEFT} replay --quiet ${DIR}/strict.json)

# A trace directory that cannot be created: usage error, nothing written.
file(WRITE "${DIR}/a-file" "")
expect(2 "cannot create trace directory"
       ${WEFT} outputs deadlock -p threads=2 --traces ${DIR}/a-file/traces)
file(REMOVE_RECURSE "${DIR}")
