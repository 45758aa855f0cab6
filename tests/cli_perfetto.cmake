# weft outputs --perfetto and weft replay --perfetto: the Chrome trace-event files, checked by
# tests/validate_perfetto.py against the format's rules and against the weft trace of the same
# execution (written by --traces: its threads, steps, prints and wake-ups). CTest runs it:
#   cmake -DWEFT=path/to/weft -DPYTHON=python3 -DVALIDATE=tests/validate_perfetto.py -DDIR=scratch -P this

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

# The validator refuses what breaks the rules: crossing slices, a flow without its finish, ...
expect(0 "broken ones refused" ${PYTHON} ${VALIDATE} --self-test)

# `name` exits `code`; its outcome `k` exported and checked against that outcome's witness trace.
function(exported name code k)
  set(dir "${DIR}/${name}")
  expect(${code} "" ${WEFT} outputs ${ARGN} --max-list all --traces ${dir} --perfetto ${dir}.json
         --outcome ${k})
  expect(0 "valid\n$" ${PYTHON} ${VALIDATE} ${dir}.json --trace ${dir}/outcome-${k}.json)
endfunction()

# Outcome 1 of deadlock -p threads=2 is its deadlock (tests/cli_lanes.cmake): locks held to the
# end, a hand-off, a sleep, the threads stuck. daemon: sleeps and daemons cut off; rlock: an RLock
# taken twice; semaphore: permits held across waits and handed over.
exported(deadlock 1 1 deadlock -p threads=2)
exported(daemon 0 1 daemon)
exported(daemon-2 0 2 daemon)
exported(rlock 0 1 rlock -p threads=2)
exported(semaphore 0 1 semaphore -p threads=3 -p permits=2)
exported(semaphore-last 0 6 semaphore -p threads=3 -p permits=2)
exported(event_class 0 1 event_class)

# The same file from the same execution replayed.
expect(1 "" ${WEFT} replay ${DIR}/deadlock/outcome-1.json --quiet --perfetto ${DIR}/replayed.json)
file(READ ${DIR}/deadlock.json want)
file(READ ${DIR}/replayed.json got)
if(NOT got STREQUAL want)
  message(FATAL_ERROR "weft replay --perfetto differs from weft outputs --perfetto of the same execution")
endif()

# A path that cannot be written: one line, exit 2, before anything runs; a file already there is
# left as it was.
file(WRITE ${DIR}/kept.json "kept")
expect(2 "^weft: --perfetto: cannot write '${DIR}': it is a directory\n$"
       ${WEFT} outputs daemon --perfetto ${DIR})
expect(2 "^weft: --perfetto: cannot write '${DIR}/no/such.json': [^\n]*\n$"
       ${WEFT} replay ${DIR}/deadlock/outcome-1.json --perfetto ${DIR}/no/such.json)
expect(2 "^weft: --outcome 9: the listing has outcomes 1 to 8 [^\n]*\n$"
       ${WEFT} outputs deadlock -p threads=2 --perfetto ${DIR}/kept.json --outcome 9)
file(READ ${DIR}/kept.json kept)
if(NOT kept STREQUAL "kept")
  message(FATAL_ERROR "a refused --perfetto replaced the file there")
endif()
expect(2 "^weft: --outcome requires --lanes, --perfetto or --html\n$" ${WEFT} outputs daemon --outcome 1)
