# weft step: scripted sessions through piped input, the screens pinned by a golden file
# (tests/golden), and a session on a pseudo-terminal. CTest runs it:
#   cmake -DWEFT=path/to/weft -DPTY=path/to/weft_pty_run -DGOLDEN=tests/golden -DDIR=scratch -P this
#
# step-deadlock-threads2.txt, read against the program (scenarios/deadlock.cpp) and its lanes
# (lanes-deadlock-threads2.txt): MainThread alone can run at first, so it starts Thread-1 (#1)
# before any choice; then MainThread may start Thread-2 or Thread-1 may take mutexA (2 choices,
# both locks free). Picking MainThread starts Thread-2 (#2): three threads can run, MainThread's
# next operation is the end of its body, both workers ask for mutexA. undo shows the first screen
# again, redo the second; a word that is no choice and a number beyond the choices get one line
# each, and quit ends the session, exit 0.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# session(input code regex COMMAND...): expect() with `input` on the command's stdin.
function(session input code regex)
  file(WRITE "${DIR}/input.txt" "${input}")
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${DIR} INPUT_FILE ${DIR}/input.txt
                  RESULT_VARIABLE got OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code)
    message(FATAL_ERROR "${ARGN} < ${input}\nexited ${got}, expected ${code}:\n${out}${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "${ARGN} < ${input}\nprinted no match for '${regex}':\n${out}${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()

set(deadlock2 ${WEFT} step deadlock -p threads=2)

# The screens of a pick, an undo, a redo and two bad inputs, exactly.
file(READ "${GOLDEN}/step-deadlock-threads2.txt" want)
session("1\nundo\nredo\nnobody\n99\nquit\n" 0 "" ${deadlock2})
if(NOT last_output STREQUAL want)
  file(WRITE "${DIR}/step-deadlock-threads2.txt" "${last_output}")
  message(FATAL_ERROR "differs from ${GOLDEN}/step-deadlock-threads2.txt (got ${DIR}/step-deadlock-threads2.txt):\n${last_output}")
endif()

# A thread's name picks it as its number does: the same second screen.
session("MainThread\nquit\n" 0 "" ${deadlock2})
string(FIND "${want}" "step> redo\n" at)
string(SUBSTRING "${want}" ${at} -1 after_redo)
string(REGEX MATCH "--- choice 2.*which thread runs next\\?\n[^s]*" second "${after_redo}")
string(FIND "${last_output}" "${second}" found)
if(second STREQUAL "" OR found EQUAL -1)
  message(FATAL_ERROR "picking MainThread by name does not draw choice 2 as picking 1 does:\n${last_output}")
endif()

# The deadlock query from the start: the search tries each decision's first option first, and the
# first execution deadlocks (it is outcome 1 of weft outputs, drawn in lanes-deadlock-threads2.txt:
# MainThread ends its body, Thread-1 takes both locks and lets them go, takes mutexB again before
# Thread-2 takes mutexA). redo then follows that path to the end; save writes it; weft replay
# reproduces the session's outcome, the same block of text.
session("deadlock\nredo\nredo\nredo\nredo\nredo\nsave saved.json\nquit\n" 0
        "deadlock: choose 1 \\(MainThread\\); the whole way from here: MainThread, MainThread, Thread-1, Thread-1, Thread-1 \\(found in 1 execution; redo follows it\\)\n"
        ${deadlock2})
if(NOT last_output MATCHES "--- the end, after 5 choices, at virtual time 2.000 s ---")
  message(FATAL_ERROR "redo did not follow the path to its end:\n${last_output}")
endif()
if(NOT last_output MATCHES "saved saved.json: deadlock after 5 decisions \\(replay it: [^\n]*weft replay saved.json\\)\n")
  message(FATAL_ERROR "no trace saved:\n${last_output}")
endif()
string(REGEX MATCH "status: deadlock\n.*wait-for cycle: [^\n]*\n" ended "${last_output}")
expect(1 "replay reproduced the recorded outcome: deadlock" ${WEFT} replay saved.json)
string(FIND "${last_output}" "${ended}" at)
if(ended STREQUAL "" OR at EQUAL -1)
  message(FATAL_ERROR "weft replay of the saved trace does not end as the session did:\n${ended}\n---\n${last_output}")
endif()

# A program that never deadlocks: the search from the start tries every schedule, as many
# executions as weft outputs runs without reduction (the same tree, walked by another search).
expect(0 "" ${WEFT} outputs rlock -p threads=2 --no-reduction)
string(REGEX MATCH "([0-9]+) executions" all "${last_output}")
set(all ${CMAKE_MATCH_1})
session("deadlock\nquit\n" 0
        "no choice from here leads to a deadlock \\(all ${all} executions from here tried\\)\n"
        ${WEFT} step rlock -p threads=2)
# Cut by its budget, it says so.
session("deadlock\nquit\n" 0
        "no deadlock in the first 3 executions from here; the search stopped there \\(--max-executions, --time-budget\\), so one may still exist\n"
        ${WEFT} step rlock -p threads=2 --max-executions 3)

# The end of input ends the session cleanly; so does quit at the end of an execution, and undo
# goes back from there.
session("1\n" 0 "step> 1\n--- choice 2, [^\n]*\n.*step> \n$" ${deadlock2})
session("deadlock\nredo\nredo\nredo\nredo\nredo\nundo\nquit\n" 0
        "the end, after 5 choices.*step> undo\n--- choice 5, at virtual time 0.000 s ---\n" ${deadlock2})
# A pick after the end, a save without a file, a file that cannot be written: one line each, and
# the session goes on; nothing is written.
session("deadlock\nredo\nredo\nredo\nredo\nredo\n1\nsave\nsave nodir/x.json\nundo\nundo\nquit\n" 0
        "step> 1\n'1': the execution has ended \\(undo goes back; help lists the commands\\)\nstep> save\nsave needs a file name: save FILE\nstep> save nodir/x.json\nnot saved: [^\n]*\nstep> undo\n--- choice 5"
        ${deadlock2})
if(EXISTS "${DIR}/nodir")
  message(FATAL_ERROR "a failed save left nodir behind")
endif()
# undo with nothing taken, redo with nothing undone.
session("undo\nredo\nhelp\n" 0
        "step> undo\nnothing to undo: no choice taken yet\nstep> redo\nnothing to redo\nstep> help\n  NUMBER or NAME"
        ${deadlock2})
# Bad usage: one line, exit 2, no session.
expect(2 "^weft: [^\n]*nosuch[^\n]*\n$" ${WEFT} step nosuch)

# On a terminal, whose own echo shows what is typed (here both lines at once, typed ahead): weft
# does not echo it again, picks, and quits, exit 0. The end of input (Ctrl-D) ends it too.
expect(0 "step> 1\r?\nquit\r?\n.*--- choice 2, at virtual time 0.000 s ---.*step> $" ${PTY} --send "type:1|quit|"
       --after "step> " --timeout 60 -- ${WEFT} step deadlock -p threads=2)
string(REGEX MATCHALL "step> 1\r?\n1\r?\n" doubled "${last_output}")
if(doubled)
  message(FATAL_ERROR "weft step echoes what was typed on a terminal:\n${last_output}")
endif()
expect(0 "which thread runs next\\?" ${PTY} --send ctrl-d --after "step> " --timeout 60
       -- ${WEFT} step deadlock -p threads=2)
# Ctrl-C at the prompt ends the session at once, as it ends any interactive program: exit 4.
expect(4 "the session was interrupted" ${PTY} --send ctrl-c --after "step> " --timeout 60
       -- ${WEFT} step deadlock -p threads=2)
