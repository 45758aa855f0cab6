# weft outputs --lanes and weft replay --lanes: the swimlanes, pinned by golden files
# (tests/golden), and their colours. CTest runs it:
#   cmake -DWEFT=path/to/weft -DPTY=path/to/weft_pty_run -DGOLDEN=tests/golden -DDIR=scratch -P this
#
# lanes-deadlock-threads2.txt, read against the story (weft replay): main starts both threads and
# waits at exit from #4 on; Thread-2 asks for mutexA after Thread-1 took it (#4) and waits until
# Thread-1's release at #9 hands it over (#12); Thread-1 sleeps 2 s after its print at #11 (the
# only time jump, to 2.000 at #14), then asks for mutexA, held by Thread-2, which waits for mutexB,
# held by Thread-1: the end row marks all three stuck, and the cycle is named below.
# lanes-daemon.txt: the first outcome; 123 and 456 at t=0, end123 after Thread-1's 1 s sleep,
# end456 after Thread-2's 3 s; main waits at exit from its end on.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

function(golden name code)
  file(READ "${GOLDEN}/${name}" want)
  expect(${code} "" ${ARGN})
  if(NOT last_output STREQUAL want)
    file(WRITE "${DIR}/${name}" "${last_output}")
    message(FATAL_ERROR "${ARGN}\ndiffers from ${GOLDEN}/${name} (got ${DIR}/${name}):\n${last_output}")
  endif()
  set(last_output "${last_output}" PARENT_SCOPE)
endfunction()

# Off a terminal: no colour.
golden(lanes-deadlock-threads2.txt 1 ${WEFT} outputs deadlock -p threads=2 --lanes)
golden(lanes-daemon.txt 0 ${WEFT} outputs daemon --lanes)
# The first failure is drawn unless --outcome names another: outcome 1 is the deadlock.
golden(lanes-deadlock-threads2.txt 1 ${WEFT} outputs deadlock -p threads=2 --lanes --outcome 1)

# weft replay --lanes draws the same picture from the trace, between its header and the outcome.
expect(1 "" ${WEFT} outputs deadlock -p threads=2 --traces ${DIR}/traces)
file(READ "${GOLDEN}/lanes-deadlock-threads2.txt" want)
string(REGEX REPLACE "^[^\n]*\n\n" "" picture "${want}")
expect(1 "^replay of deadlock threads=2 [^\n]*\n\n" ${WEFT} replay ${DIR}/traces/outcome-1.json --lanes)
string(FIND "${last_output}" "${picture}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "weft replay --lanes does not draw the picture of outputs --lanes:\n${last_output}")
endif()

# Bad choices are refused in one line, exit 2.
expect(2 "^weft: --outcome 9: the listing has outcomes 1 to 8 \\(--max-list N lists more\\)\n$"
       ${WEFT} outputs deadlock -p threads=2 --lanes --outcome 9)
expect(2 "--json excludes --lanes" ${WEFT} outputs daemon --lanes --json)
expect(2 "--outcome requires --lanes" ${WEFT} outputs daemon --outcome 1)

# On a terminal: colours (waits yellow, wake-ups cyan, the stuck threads bold red); never with
# NO_COLOR set.
string(ASCII 27 esc)
expect(1 "${esc}\\[1;31mDEADLOCK: waits" ${PTY} -- ${WEFT} outputs deadlock -p threads=2 --lanes)
if(NOT last_output MATCHES "${esc}\\[33m: waits for Lock" OR NOT last_output MATCHES "${esc}\\[36macquire Lock mutexA")
  message(FATAL_ERROR "no colours on a terminal:\n${last_output}")
endif()
expect(1 "DEADLOCK: waits" ${CMAKE_COMMAND} -E env NO_COLOR=1
       ${PTY} -- ${WEFT} outputs deadlock -p threads=2 --lanes)
if(last_output MATCHES "${esc}\\[")
  message(FATAL_ERROR "colours with NO_COLOR set:\n${last_output}")
endif()
