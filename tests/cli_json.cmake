# weft check --json, weft fuzz --json and weft possible --json end to end: each document conforms
# to its documented schema (docs/schema/, checked by tests/validate_json.py) and says what the
# text report says. CTest runs it:
# cmake -DWEFT=path/to/weft -DVERSION=project-version -DSCHEMAS=docs/schema -DDIR=scratch -P this.
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")
find_program(PYTHON python3 REQUIRED)

# Runs the command; it must exit with `code`; its stdout, a JSON document that conforms to
# `schema`, is left in `doc`.
function(json_of code schema)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE got
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code)
    message(FATAL_ERROR "${ARGN}\nexited ${got}, expected ${code}:\n${out}${err}")
  endif()
  file(WRITE ${DIR}/doc.json "${out}")
  execute_process(COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/validate_json.py
                  ${SCHEMAS}/${schema} ${DIR}/doc.json RESULT_VARIABLE valid ERROR_VARIABLE why)
  if(NOT valid EQUAL 0)
    message(FATAL_ERROR "${ARGN}\nprinted a document outside ${schema}: ${why}\n${out}")
  endif()
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
expect_field_matches("^rlock threads=3: no failure; exhaustive: 90 classes, complete, " results 0
                     headline)

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

# The validation itself can fail: a document without its schema_version is refused.
string(JSON broken REMOVE "${doc}" schema_version)
file(WRITE ${DIR}/broken.json "${broken}")
execute_process(COMMAND ${PYTHON} ${CMAKE_CURRENT_LIST_DIR}/validate_json.py
                ${SCHEMAS}/verdicts.schema.json ${DIR}/broken.json RESULT_VARIABLE valid
                ERROR_VARIABLE why)
if(NOT valid EQUAL 1 OR NOT why MATCHES "'schema_version' is a required property")
  message(FATAL_ERROR "a document without schema_version was not refused (${valid}): ${why}")
endif()
