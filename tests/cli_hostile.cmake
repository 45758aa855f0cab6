# User code that takes a process down (abort(), a null-pointer write, a stack overflow) or never
# comes back to weft (a loop without a weft call), under check, outputs, fuzz and possible: each
# is a finding with a trace, weft exits 1 (4 when a budget ran out) and never dies or hangs, and
# replaying the trace reproduces the finding. CTest runs it:
# cmake -DWEFT=path/to/weft_hostile -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
file(WRITE "${DIR}/target.txt" "nothing prints this\n")

# Each scenario's finding, as the report says it (a regular expression).
set(loops_forever "runaway: no visible operation for 1 s")
set(calls_abort "crashed: signal 6 \\(SIGABRT\\)")
set(writes_null "crashed: signal 11 \\(SIGSEGV\\)")
set(recurses_forever "crashed: signal 11 \\(SIGSEGV\\)")

function(expect_trace file finding)
  if(NOT EXISTS "${DIR}/${file}")
    message(FATAL_ERROR "no trace ${file} was written")
  endif()
  expect(1 "\nreplay reproduced the recorded outcome: [a-z]+ \\(${finding}\\)\n"
         ${WEFT} replay ${file} --runaway-after 1)
  # The story up to the harm: b's read of 0 and its print before it, with the text it printed
  # (told by the output the dying process left, since its event was told before the text).
  if(NOT last_output MATCHES "Thread-2 +load Shared x -> 0\n.*Thread-2 +print \"b read 0, now the harm\"\n")
    message(FATAL_ERROR "the replay of ${file} does not tell the story:\n${last_output}")
  endif()
endfunction()

# The reduced search explores one execution per order of a's store and b's load (the only
# operations on a shared object; b's prints touch stdout, which nothing else does): a's first
# (b reads 1, ok), then b's first (the harm). So the harm is execution 2 of 2.
foreach(s loops_forever calls_abort writes_null recurses_forever)
  set(finding "${${s}}")
  expect(1 "^${s}: FAILURE \\(${finding}\\) found by dfs at execution 2, seed 0\n"
         ${WEFT} check ${s} --runaway-after 1 --trace-out check-${s}.json
         --no-state-caching)
  if(NOT last_output MATCHES "status: [a-z]+\n  ${finding}\n  stdout:\n    b read 0, now the harm\n.*trace: check-${s}.json\nreplay it: weft_hostile replay check-${s}.json\n")
    message(FATAL_ERROR "check ${s}: no outcome or trace lines:\n${last_output}")
  endif()
  expect_trace(check-${s}.json "${finding}")

  # Every outcome: the one found before the harm is kept, the harm is one more, incomplete.
  expect(1 "^${s}: 2 distinct outcomes in 2 executions, INCOMPLETE \\(cut by a (crash|runaway execution)\\): more outcomes may exist, [0-9.]+ s\n+outcome 1 of 2: ok \\(1 execution, ends at t=0s\\)\n  stdout:\n    b read 1\n+outcome 2 of 2: [a-z]+ \\(1 execution, ends at t=0s\\)\n  ${finding}\n  stdout:\n    b read 0, now the harm\n\ndescription \\(observed: the search was cut by a (crash|runaway execution)\\):\n.*\ntraces: outputs/outcome-1.json \\(weft_hostile replay FILE tells how one came about\\)\ntrace: outputs/outcome-2.json\nreplay it: weft_hostile replay outputs/outcome-2.json\n"
         ${WEFT} outputs ${s} --runaway-after 1 --traces outputs --no-state-caching)
  expect(0 "replay reproduced the recorded outcome: ok\n$" ${WEFT} replay outputs/outcome-1.json)
  expect_trace(outputs/outcome-2.json "${finding}")
  expect(1 "^${s}: 2 distinct outcomes.*outcome 1 of 2: ok.*trace: weft-trace-${s}.json\n" ${WEFT} outputs ${s} --runaway-after 1)
  expect_trace(weft-trace-${s}.json "${finding}")

  # Fuzzing: the harm is the failure of the run that does it.
  expect(1 "^${s}: FAILURE \\(${finding}\\) found by random at execution [0-9]+, seed [0-9]+\n"
         ${WEFT} fuzz ${s} --strategy random --runaway-after 1 --trace-out fuzz-${s}.json)
  expect_trace(fuzz-${s}.json "${finding}")
  expect(1 "^${s}: FAILURE \\(${finding}\\) found by pos at execution [0-9]+, seed [0-9]+\n"
         ${WEFT} fuzz ${s} --strategy pos --runaway-after 1 --trace-out pos-${s}.json)
  expect_trace(pos-${s}.json "${finding}")
  expect(1 "^${s}: FAILURE \\(${finding}\\) found by portfolio at execution [0-9]+, seed [0-9]+\n"
         ${WEFT} fuzz ${s} --portfolio --runaway-after 1 --trace-out portfolio-${s}.json)
  expect_trace(portfolio-${s}.json "${finding}")
  # An estimate runs the program too: the harm ends it with the finding, not weft.
  expect(1 "weft: ${s}: a probe's execution ${finding}; weft_hostile check ${s} shows it with a trace\n$"
         ${WEFT} estimate ${s} --runaway-after 1)

  # Can it print that? Not before the harm.
  expect(1 "^FAILURE \\(${finding}\\) at execution [0-9]+; no execution printed exactly that before it\n"
         ${WEFT} possible ${s} --stdout target.txt --runaway-after 1 --trace-out possible-${s}.json)
  expect_trace(possible-${s}.json "${finding}")

  # Being the scheduler: b's load first, then b's print, and the harm on the way to the next
  # screen (weft step runs the session in a supervised child).
  file(WRITE "${DIR}/step-input.txt" "1\nThread-2\nThread-2\n")
  file(REMOVE "${DIR}/weft-trace-${s}.json")
  execute_process(COMMAND ${WEFT} step ${s} --runaway-after 1 WORKING_DIRECTORY ${DIR}
                  INPUT_FILE ${DIR}/step-input.txt RESULT_VARIABLE got OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT got EQUAL 1 OR NOT "${out}" MATCHES "step> Thread-2\n\nFAILURE \\(${finding}\\) on the way along the choices taken\nstatus: [a-z]+\n  ${finding}\n  stdout:\n    b read 0, now the harm\ntrace: weft-trace-${s}.json\n")
    message(FATAL_ERROR "step ${s}: exited ${got}:\n${out}${err}")
  endif()
  expect_trace(weft-trace-${s}.json "${finding}")
endforeach()

# A runaway is one however long it is waited for.
expect(1 "^replay reproduced the recorded outcome: runaway \\(runaway: no visible operation for 2 s\\)\n$"
       ${WEFT} replay --quiet check-loops_forever.json --runaway-after 2)

# Every scenario of the program, each in its own child: one's crash does not stop the others.
expect(1 "calls_abort: FAILURE \\(crashed: signal 6 \\(SIGABRT\\)\\).*loops_forever: FAILURE \\(runaway: no visible operation for 1 s\\).*recurses_forever: FAILURE \\(crashed: signal 11 \\(SIGSEGV\\)\\).*writes_null: FAILURE \\(crashed: signal 11 \\(SIGSEGV\\)\\)"
       ${WEFT} fuzz --all --strategy random --runaway-after 1 --junit junit.xml)
file(READ "${DIR}/junit.xml" junit)
if(NOT junit MATCHES "name=\"writes_null\"[^>]*>\n +<failure message=\"[^\"]*crashed: signal 11")
  message(FATAL_ERROR "junit.xml lacks the crash:\n${junit}")
endif()

# The time budget stops a search whose user code never returns (the runaway limit is far off):
# undecided, exit 4, within a second of the budget.
expect(4 "^loops_forever: no failure until then; INCOMPLETE, cut by time-budget \\(1 s; user code was running without a visible operation when it ran out\\) after 2 executions"
       ${WEFT} check loops_forever --time-budget 1 --no-state-caching)
expect(4 "undecided: the search was cut by time-budget \\(1 s; user code was running without a visible operation when it ran out\\) after [0-9]+ executions"
       ${WEFT} possible loops_forever --stdout target.txt --time-budget 1)
# outputs keeps the outcome found before.
expect(4 "^loops_forever: 1 distinct outcome in 2 executions, INCOMPLETE \\(cut by time-budget \\(1 s; user code was running without a visible operation when it ran out\\)\\)"
       ${WEFT} outputs loops_forever --time-budget 1 --no-state-caching)
expect(4 "^loops_forever: no failure until then; INCOMPLETE, cut by time-budget"
       ${WEFT} fuzz loops_forever --strategy random --time-budget 1)
file(REMOVE_RECURSE "${DIR}")
