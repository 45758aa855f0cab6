# What weft shows on a terminal while it searches, and how Ctrl-C and SIGTERM end a search: each
# command runs on a pseudo-terminal (weft_pty_run), which gets the Ctrl-C only once it has shown
# a status line, so nothing here depends on how fast the machine is. CTest runs it:
#   cmake -DWEFT=path/to/weft -DPTY=path/to/weft_pty_run -DDIR=scratch -P this
#
# rlock at its default size (10 threads) has 20!/2^10 = 2.4e15 outputs: without state caching
# (whose count over the state graph answers in seconds) no search of it ends by itself while a
# test waits, so whatever ends it here is the signal or the budget.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
string(ASCII 27 esc)
set(erase "\r${esc}\\[K")  # what erases the status line: back to the line's start, clear it
set(status "rlock threads=10: [0-9]+ executions \\([0-9.]+[kMG]?/s\\), [0-9]+ outcomes?, [0-9]+ s")

# Fails unless `text` shows nothing of a status line after `marker` (the report's first words).
function(no_status_after text marker)
  string(FIND "${text}" "${marker}" at)
  string(SUBSTRING "${text}" ${at} -1 rest)
  if(rest MATCHES "/s\\)")
    message(FATAL_ERROR "a status line after the report:\n${rest}")
  endif()
endfunction()

# Ctrl-C: the search ends with the report of what it found, erased status line first; exit 4.
expect(4 "${status}.*${erase}weft: interrupted: ending the search with what it found so far \\(Ctrl-C again ends it at once\\)\r?\n.*rlock threads=10: [0-9]+ distinct outcomes in [0-9]+ executions, ([0-9]+ class(es)?|state caching: [0-9]+ states), INCOMPLETE \\(interrupted\\): more outcomes may exist, [0-9.]+ s\r?\n"
       ${PTY} --send ctrl-c -- ${WEFT} outputs rlock --list 2 --no-state-caching)
no_status_after("${last_output}" "distinct outcomes in")

# SIGTERM likewise, and the JSON on stdout is whole and says so.
expect(4 "${status}" ${PTY} --send term --stdout rlock.json -- ${WEFT} outputs rlock --json --no-state-caching)
file(READ "${DIR}/rlock.json" json)
string(JSON cut_by GET "${json}" cut_by)
string(JSON complete GET "${json}" complete)
string(JSON listed LENGTH "${json}" outcomes)
if(NOT cut_by STREQUAL "interrupted" OR complete OR listed LESS 1)
  message(FATAL_ERROR "weft outputs --json after SIGTERM:\n${json}")
endif()

# weft check: the warning that the search is too large (its estimate, from the part explored,
# is far beyond the default 1,000,000 executions), then Ctrl-C once the warning is there.
expect(4 "weft: rlock threads=10: this search looks too large to finish: [0-9]+ s in, about [^ ]+ executions and [^\n]+ in all \\(a rough estimate from the part explored\\); --max-executions 1000000 will cut it short\\.\r?\nweft: answers that come sooner: smaller parameters \\(weft describe rlock lists them\\); weft possible rlock --stdout FILE .*rlock threads=10: no failure; INCOMPLETE \\(interrupted\\) after [0-9]+ executions, [0-9]+ classes: a failure may remain"
       ${PTY} --after "answers that come sooner" --send ctrl-c -- ${WEFT} check rlock --no-state-caching)

# weft fuzz: runs, not outcomes, and an interrupt leaves it undecided (exit 4).
expect(4 "rlock threads=10: [0-9]+ runs \\([0-9.]+[kMG]?/s\\), [0-9]+ s.*rlock threads=10: [0-9]+ runs, no failure \\(random schedules\\); seeds [^;]+; INCOMPLETE \\(interrupted\\)"
       ${PTY} --send ctrl-c -- ${WEFT} fuzz rlock --strategy random --runs 1000000000)

# A second Ctrl-C ends weft at once; a report is still there, and nothing worse than exit 4.
expect(4 "INCOMPLETE \\(interrupted\\)" ${PTY} --send ctrl-c-twice -- ${WEFT} outputs rlock --no-state-caching)

# --quiet on a terminal, and a search whose stderr is not a terminal: no status line.
expect(4 "INCOMPLETE \\(cut by time-budget\\)" ${PTY} -- ${WEFT} outputs rlock --no-state-caching --quiet --time-budget 2)
if(last_output MATCHES "/s\\)|too large")
  message(FATAL_ERROR "--quiet drew a status line or warned:\n${last_output}")
endif()
expect(4 "INCOMPLETE \\(cut by time-budget\\)" ${WEFT} outputs rlock --no-state-caching --time-budget 2)
if(last_output MATCHES "/s\\)|\r")
  message(FATAL_ERROR "a status line on a pipe:\n${last_output}")
endif()
