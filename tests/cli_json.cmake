# Every command's --json end to end (check, fuzz, possible, outputs, replay, stress, list,
# describe): each document conforms to its documented schema (docs/schema/, checked by
# tests/validate_json.py), carries weft's version and says what the text report says. CTest runs it:
# cmake -DWEFT=path/to/weft -DVERSION=project-version -DSCHEMAS=docs/schema -DDIR=scratch -P this.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
find_program(PYTHON python3 REQUIRED)

# Runs the command; it must exit with `code`; its stdout, a JSON document, is left in `doc`, and
# kept to be checked against `schema` with the others at the end (one Python for all of them).
set(checked "")
function(json_of code schema)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE got
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code)
    message(FATAL_ERROR "${ARGN}\nexited ${got}, expected ${code}:\n${out}${err}")
  endif()
  list(LENGTH checked n)
  file(WRITE ${DIR}/doc-${n}.json "${out}")
  list(APPEND checked ${SCHEMAS}/${schema} ${DIR}/doc-${n}.json)
  set(checked "${checked}" PARENT_SCOPE)
  set(doc "${out}" PARENT_SCOPE)
endfunction()

# expect_field(VALUE path...): the document's field at `path` is VALUE.
function(expect_field value)
  string(JSON got ERROR_VARIABLE error GET "${doc}" ${ARGN})
  if(error OR NOT got STREQUAL value)
    message(FATAL_ERROR "field ${ARGN} is '${got}' ${error}, expected '${value}':\n${doc}")
  endif()
endfunction()

# expect_field_matches(REGEX path...): the document's field at `path` matches REGEX.
function(expect_field_matches regex)
  string(JSON got ERROR_VARIABLE error GET "${doc}" ${ARGN})
  if(error OR NOT got MATCHES "${regex}")
    message(FATAL_ERROR "field ${ARGN} is '${got}' ${error}, expected a match for '${regex}':\n${doc}")
  endif()
endfunction()

# expect_length(N path...): the array at `path` has N elements.
function(expect_length n)
  string(JSON got ERROR_VARIABLE error LENGTH "${doc}" ${ARGN})
  if(error OR NOT got EQUAL n)
    message(FATAL_ERROR "field ${ARGN} has ${got} elements ${error}, expected ${n}:\n${doc}")
  endif()
endfunction()

# expect_null(path...): the document's field at `path` is null.
function(expect_null)
  string(JSON type ERROR_VARIABLE error TYPE "${doc}" ${ARGN})
  if(error OR NOT type STREQUAL "NULL")
    message(FATAL_ERROR "field ${ARGN} is of type '${type}' ${error}, expected null:\n${doc}")
  endif()
endfunction()

# A failure: the deadlock, its trace and the command that replays it.
json_of(1 verdicts.schema.json ${WEFT} check deadlock --json)
expect_field("${VERSION}" weft_version)
expect_field(check command)
expect_field(1 exit_code)
expect_field(failure results 0 verdict)
expect_field(deadlock results 0 failure_type)
expect_field(dfs results 0 strategy)
expect_field(10 results 0 params threads)
expect_field(weft-trace-deadlock.json results 0 trace)
expect_field("weft replay weft-trace-deadlock.json" results 0 replay)
if(NOT EXISTS ${DIR}/weft-trace-deadlock.json)
  message(FATAL_ERROR "weft check --json names a trace it did not write")
endif()
# Its lock-order warning: the cycle of mutexA and mutexB, reachable by that trace; the
# lock-order search of 10 threads is cut at its 10000 executions.
expect_field(reachable results 0 lock_order cycles 0 verdict)
expect_field(weft-trace-deadlock.json results 0 lock_order cycles 0 trace)
expect_field("Lock mutexA" results 0 lock_order cycles 0 locks 0)
expect_field(OFF results 0 lock_order complete)
expect_field(max-executions results 0 lock_order cut_by)

# No failure: the guarantee, and no trace.
json_of(0 verdicts.schema.json ${WEFT} check rlock -p threads=3 --json --no-state-caching)
expect_field(pass results 0 verdict)
expect_null(results 0 trace)
expect_null(results 0 replay)
expect_null(results 0 failure_type)
expect_field_matches("^rlock threads=3: no failure; exhaustive: 90 executions, 90 classes, complete, " results 0
                     headline)

# What a bounded search proved (docs/json.md, `bound`), for the three ends of --iterate-bound
# that tests/cli_check.cmake shows in text: complete with no bound, a budget cut after bound 1
# completed, a failure at bound 0; and a single bound.
json_of(0 verdicts.schema.json ${WEFT} check rlock -p threads=3 --iterate-bound --json)
expect_field(ON results 0 bound iterated)
expect_field(ON results 0 bound complete_without_bound)
expect_null(results 0 bound last_bound_cut_by)
expect_null(results 0 bound failure_at)
json_of(4 verdicts.schema.json ${WEFT} check rlock -p threads=5 --iterate-bound --runs 2000 --json)
expect_field(1 results 0 bound proved)
expect_field(2 results 0 bound bound)
expect_field(max-executions results 0 bound last_bound_cut_by)
expect_field(OFF results 0 bound complete_without_bound)
json_of(1 verdicts.schema.json ${WEFT} check deadlock --iterate-bound --json)
expect_field(0 results 0 bound failure_at)
expect_null(results 0 bound proved)
json_of(0 verdicts.schema.json ${WEFT} check rlock -p threads=3 --max-preemptions 0 --no-reduction
        --json)
expect_field(OFF results 0 bound iterated)
expect_field(0 results 0 bound proved)
expect_field(6 results 0 bound last_bound_executions)
expect_null(results 0 bound failure_at)
json_of(0 verdicts.schema.json ${WEFT} check rlock -p threads=3 --no-state-caching --json)
expect_null(results 0 bound)

# weft estimate: the reduced search of rlock with 3 threads (90 executions, above) from 50 probes
# of its tree; the estimate itself is measured in tests/estimate_test.cpp.
json_of(0 estimate.schema.json ${WEFT} estimate rlock -p threads=3 --probes 50 --json)
expect_field(estimate command)
expect_field(50 probes)
expect_field(ON reduction)
json_of(0 estimate.schema.json ${WEFT} estimate rlock -p threads=3 --probes 50 --no-reduction
        --max-preemptions 1 --json)
expect_field(OFF reduction)
expect_field(1 max_preemptions)

# Fuzzing one scenario, then every one: one entry each, the exit code the worst of theirs.
json_of(1 verdicts.schema.json ${WEFT} fuzz deadlock --runs 5 --trace-out pct.json --json)
expect_field(fuzz command)
expect_field(pct results 0 strategy)
expect_field(pct.json results 0 trace)
json_of(0 verdicts.schema.json ${WEFT} fuzz --all --strategy random --runs 3 --seed 1 --json)
expect_null(results 0 lock_order)
execute_process(COMMAND ${WEFT} list OUTPUT_VARIABLE listing)
string(REGEX MATCHALL "(^|\n)[a-z_]+" names "${listing}")
list(LENGTH names scenarios)
string(JSON entries LENGTH "${doc}" results)
if(NOT entries EQUAL scenarios)
  message(FATAL_ERROR "weft fuzz --all --json has ${entries} entries for ${scenarios} scenarios")
endif()

# weft possible: a witness, then an output no execution prints.
file(WRITE ${DIR}/one.txt "Thread-1 拿到A锁\nThread-1 拿到B锁\nThread-1 拿到B锁\nThread-1 拿到A锁\n")
json_of(0 possible.schema.json ${WEFT} possible rlock -p threads=1 --stdout one.txt --json
        --trace-out witness.json)
expect_field("${VERSION}" weft_version)
expect_field(possible answer)
expect_field(witness.json witness_trace)
expect_field(ok outcome status)
file(WRITE ${DIR}/none.txt "nothing\n")
json_of(1 possible.schema.json ${WEFT} possible rlock -p threads=1 --stdout none.txt --json)
expect_field(impossible answer)
expect_null(outcome)
expect_null(witness_trace)
# Why not: no execution prints "nothing"; its one execution prints Thread-1 拿到A锁 first.
expect_field(ON why_not exact)
expect_length(0 why_not prefix)
expect_field(nothing why_not cannot_come_next text)
expect_field(ON why_not cannot_come_next newline)
expect_length(1 why_not instead)
expect_field("Thread-1 拿到A锁" why_not instead 0 text)
expect_field(OFF why_not end_of_output_instead)
expect_field(weft-closest-rlock.json why_not closest_trace)
# Cut short: what was observed, not exact.
file(WRITE ${DIR}/two.txt "Thread-1 拿到A锁\nThread-2 拿到A锁\n")
json_of(4 possible.schema.json ${WEFT} possible rlock -p threads=2 --stdout two.txt --json
        --max-executions 1)
expect_field(OFF why_not exact)
expect_length(1 why_not prefix)
json_of(0 verdicts.schema.json ${WEFT} check rlock -p threads=1 --json)
set(verdicts "${doc}")

# The trace a failure wrote names the weft that wrote it (docs/trace-format.md).
file(READ ${DIR}/weft-trace-deadlock.json trace)
string(JSON trace_version GET "${trace}" weft_version)
if(NOT trace_version STREQUAL VERSION)
  message(FATAL_ERROR "the trace says weft_version '${trace_version}', expected '${VERSION}'")
endif()

# weft outputs: the counts a complete search and a cut one share (executions, and classes under
# the reduction or states under state caching); rlock threads=3 has 6!/2^3 = 90 orders of its six
# blocks, each one class and one outcome.
json_of(0 outputs.schema.json ${WEFT} outputs rlock -p threads=3 --json --no-state-caching
        --max-list 2 --sample 1)
expect_field("${VERSION}" weft_version)
expect_field(ON complete)
expect_field(90 executions)
expect_field(90 classes)
expect_null(states)
expect_field(90 distinct_outcomes)
expect_field(88 outcomes_not_listed)
expect_field(ok outcomes 1 status)
json_of(4 outputs.schema.json ${WEFT} outputs rlock -p threads=3 --json --no-state-caching
        --max-executions 10)
expect_field(OFF complete)
expect_field(max-executions cut_by)
expect_field(10 executions)
expect_field(10 classes)
# The default search at 5 threads: the reduction, run first, spends 10,000 of the 10,100
# executions without completing (10!/2^5 = 113,400 classes); the count over the state graph finds
# 113,400 outcomes, more than the 100 executions left could list: the listing stops, and the
# whole set is counted, described (exactly) and sampled over the graph.
json_of(0 outputs.schema.json ${WEFT} outputs rlock -p threads=5 --json --max-executions 10100
        --max-list 1 --sample 2)
expect_field(10000 executions)
expect_field(ON complete)
expect_null(cut_by)
expect_field(113400 distinct_outcomes)
expect_field(counted listing cut_by)
expect_field(10000 listing distinct_outcomes)
expect_field(113400 counted distinct_outcomes)
expect_field(113399 outcomes_not_listed)
expect_null(counted description_why_not)
expect_field(ON description exact)
expect_field(113400 description outcomes)
expect_field(113400 description statuses ok)
expect_field(ON description lines 0 always)
expect_field(ok samples 1 status)
expect_null(samples 1 number)
# With the default budgets: rlock threads=7 has 14!/2^7 = 681,080,400 outcomes.
json_of(0 outputs.schema.json ${WEFT} outputs rlock -p threads=7 --json --max-list 1)
expect_field(681080400 counted distinct_outcomes)
expect_field(681080400 distinct_outcomes)
expect_field(ON complete)
expect_field(counted listing cut_by)
json_of(1 outputs.schema.json ${WEFT} outputs deadlock -p threads=2 --json --max-list 1)

# weft replay: a reproduced failure, then a trace whose recorded outcome was edited.
json_of(1 replay.schema.json ${WEFT} replay weft-trace-deadlock.json --json)
expect_field("${VERSION}" weft_version)
expect_field(OFF diverged)
expect_field(ON matches)
expect_field(deadlock outcome status)
file(WRITE ${DIR}/replayed.json "${doc}")
string(JSON edited SET "${trace}" outcome message "\"not what happened\"")
file(WRITE ${DIR}/edited.json "${edited}")
json_of(3 replay.schema.json ${WEFT} replay edited.json --json)
expect_field(OFF matches)

# weft stress: real runs, compared with the model.
json_of(0 stress.schema.json ${WEFT} stress sayhi --runs 2 --jobs 2 --time-scale 0.001
        --against-model --json)
expect_field("${VERSION}" weft_version)
expect_field(2 runs)
expect_field(ON against_model conforms)

# weft list and weft describe: every scenario weft list prints, and one described.
json_of(0 list.schema.json ${WEFT} list --json)
expect_field("${VERSION}" weft_version)
string(JSON listed LENGTH "${doc}" scenarios)
if(NOT listed EQUAL scenarios)
  message(FATAL_ERROR "weft list --json has ${listed} scenarios, weft list ${scenarios}")
endif()
expect_field(daemon scenarios 0 name)
json_of(0 describe.schema.json ${WEFT} describe deadlock --json)
expect_field(deadlock name)
expect_field(threads params 0 name)
expect_field(int params 0 type)
expect_field(10 params 0 default)
expect_field(deadlock expected_findings 0)
json_of(0 describe.schema.json ${WEFT} describe text_pipeline --json)
expect_field(EOFError expected_exceptions 0)
# An unknown name is bad usage, JSON asked for or not: one line on stderr, nothing on stdout.
execute_process(COMMAND ${WEFT} describe nosuch --json RESULT_VARIABLE code OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT out STREQUAL "" OR NOT err MATCHES "^weft: [^\n]*nosuch[^\n]*\n$")
  message(FATAL_ERROR "weft describe nosuch --json: exit ${code}, stdout '${out}', stderr '${err}'")
endif()

# Every document printed above conforms to its schema.
execute_process(COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/validate_json.py ${checked}
                RESULT_VARIABLE valid ERROR_VARIABLE why)
if(NOT valid EQUAL 0)
  message(FATAL_ERROR "documents outside their schema (the commands are in order in ${DIR}):\n${why}")
endif()

# The validation itself can fail: a document without its schema_version is refused, and so is a
# replay document whose outcome lost a field.
string(JSON broken REMOVE "${verdicts}" schema_version)
file(WRITE ${DIR}/broken.json "${broken}")
file(READ ${DIR}/replayed.json replayed)
string(JSON broken_replay REMOVE "${replayed}" outcome status)
file(WRITE ${DIR}/broken-replay.json "${broken_replay}")
execute_process(COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/validate_json.py
                ${SCHEMAS}/verdicts.schema.json ${DIR}/broken.json
                ${SCHEMAS}/replay.schema.json ${DIR}/broken-replay.json
                RESULT_VARIABLE valid ERROR_VARIABLE why)
if(NOT valid EQUAL 1 OR NOT why MATCHES "'schema_version' is a required property"
   OR NOT why MATCHES "broken-replay.json [^\n]*'status' is a required property")
  message(FATAL_ERROR "documents outside their schema were not refused (${valid}): ${why}")
endif()
