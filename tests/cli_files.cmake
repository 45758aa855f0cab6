# Output files end to end: a symbolic link stays a link and its target gets the file, a FIFO and
# a character device get the bytes and stay what they are, /dev/stdout is weft's own output, and
# a path that cannot be written exits 2 with one line on stderr and leaves nothing behind.
# CTest runs it: cmake -DWEFT=path/to/weft -DDIR=scratch -P this.

include(${CMAKE_CURRENT_LIST_DIR}/cli_expect.cmake)

file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}/target")

function(expect_kind test path what)
  execute_process(COMMAND test ${test} ${path} RESULT_VARIABLE is)
  if(NOT is EQUAL 0)
    message(FATAL_ERROR "${path} is no longer ${what}")
  endif()
endfunction()

function(expect_trace path)
  file(READ "${path}" text)
  if(NOT text MATCHES "^{\n  \"format\": \"weft-trace\"")
    message(FATAL_ERROR "${path} holds no trace:\n${text}")
  endif()
endfunction()

# A symbolic link to an existing file: the link stays, its target gets the trace.
file(WRITE "${DIR}/target/real.json" "old")
file(CREATE_LINK target/real.json "${DIR}/link.json" SYMBOLIC)
expect(1 "trace: link.json\n" ${WEFT} check deadlock -p threads=2 --trace-out link.json)
expect_kind(-L "${DIR}/link.json" "a symbolic link")
expect_trace("${DIR}/target/real.json")
expect(1 "replay reproduced the recorded outcome: deadlock" ${WEFT} replay --quiet link.json)

# A dangling link: its target is created, the link stays.
file(CREATE_LINK target/new.json "${DIR}/dangling.json" SYMBOLIC)
expect(1 "trace: dangling.json\n" ${WEFT} check deadlock -p threads=2 --trace-out dangling.json)
expect_kind(-L "${DIR}/dangling.json" "a symbolic link")
expect_trace("${DIR}/target/new.json")

# A FIFO with a reader gets the report and stays a FIFO.
execute_process(COMMAND mkfifo "${DIR}/fifo" RESULT_VARIABLE made)
if(NOT made EQUAL 0)
  message(FATAL_ERROR "mkfifo failed")
endif()
# The reader may open the FIFO only after weft looked for one (weft then exits 2 and writes
# nothing): try again until it is there, and never leave the reader waiting for a writer. The
# script has no semicolons: CMake would split the argument at them.
set(script [[
cat fifo > from-fifo.xml &
reader=$!
i=0
while true
do
  "$0" fuzz sayhi --runs 2 --junit fifo > out.txt 2>&1
  code=$?
  if [ $code -ne 2 ] || [ $i -ge 200 ]
  then break
  fi
  i=$((i+1))
  sleep 0.1
done
if [ $code -eq 2 ]
then kill $reader
fi
wait
cat out.txt
exit $code
]])
expect(0 "^sayhi: no failure" sh -c "${script}" "${WEFT}")
expect_kind(-p "${DIR}/fifo" "a FIFO")
file(READ "${DIR}/from-fifo.xml" got)
if(NOT got MATCHES "^<\\?xml[^\n]*\n<testsuites>\n.*<testcase classname=\"weft fuzz\" name=\"sayhi\"")
  message(FATAL_ERROR "the FIFO's reader got no report:\n${got}")
endif()
# Without a reader, the write does not wait for one for ever.
expect(2 "^sayhi: no failure[^\n]*\nweft: cannot write JUnit report 'fifo': no process is reading the FIFO\n$"
       ${WEFT} fuzz sayhi --runs 2 --junit fifo)
expect_kind(-p "${DIR}/fifo" "a FIFO")

# A character device is written into, never replaced.
expect(0 "^sayhi: no failure" ${WEFT} fuzz sayhi --runs 2 --junit /dev/null)
expect_kind(-c /dev/null "a character device")
expect(1 "trace: /dev/null\n" ${WEFT} check deadlock -p threads=2 --trace-out /dev/null)
expect_kind(-c /dev/null "a character device")
file(GLOB strays /dev/null.tmp /dev/.null.*)
if(strays)
  message(FATAL_ERROR "files were left in /dev: ${strays}")
endif()

# /dev/stdout is weft's standard output: the report follows what weft printed, whether standard
# output is a pipe or a file the shell truncated.
expect(0 "^sayhi: no failure[^\n]*\n<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?>\n<testsuites>\n"
       ${WEFT} fuzz sayhi --runs 2 --junit /dev/stdout)
execute_process(COMMAND ${WEFT} fuzz sayhi --runs 2 --junit /dev/stdout
                WORKING_DIRECTORY ${DIR} OUTPUT_FILE "${DIR}/stdout.txt" RESULT_VARIABLE code)
file(READ "${DIR}/stdout.txt" got)
if(NOT code EQUAL 0 OR NOT got MATCHES "^sayhi: no failure[^\n]*\n<\\?xml[^\n]*\n<testsuites>\n.*</testsuites>\n$")
  message(FATAL_ERROR "--junit /dev/stdout into a file (exit ${code}):\n${got}")
endif()
expect_kind(-L /dev/stdout "a symbolic link")

# A directory: refused before the run, one line, exit 2, the directory untouched.
file(MAKE_DIRECTORY "${DIR}/adir")
expect(2 "^weft: --trace-out: cannot write 'adir': it is a directory\n$"
       ${WEFT} check deadlock -p threads=2 --trace-out adir)
expect(2 "^weft: --junit: cannot write 'adir': it is a directory\n$"
       ${WEFT} fuzz sayhi --junit adir)
expect(2 "^weft: --trace-out: cannot write 'adir': it is a directory\n$"
       ${WEFT} possible sayhi --stdout /dev/null --trace-out adir)
file(GLOB in_adir "${DIR}/adir/*" "${DIR}/adir/.*")
if(in_adir)
  message(FATAL_ERROR "something was written into the directory: ${in_adir}")
endif()

# A directory nobody may create a file in (/proc refuses even root).
expect(2 "^weft: --trace-out: cannot write '/proc/weft.json': cannot create a file in '/proc': [^\n]+\n$"
       ${WEFT} check deadlock -p threads=2 --trace-out /proc/weft.json)
expect(2 "^weft: --junit: cannot write '/proc/weft.xml': cannot create a file in '/proc': [^\n]+\n$"
       ${WEFT} fuzz sayhi --junit /proc/weft.xml)
expect(2 "^weft: --junit: cannot write 'no-such-dir/junit.xml': cannot create a file in 'no-such-dir': No such file or directory\n$"
       ${WEFT} fuzz sayhi --junit no-such-dir/junit.xml)
# The default trace, when the failure is found in a directory that cannot take it: the reason on
# stderr, exit 2, no report on stdout.
execute_process(COMMAND ${WEFT} check deadlock -p threads=2 WORKING_DIRECTORY /proc
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 2 OR NOT out STREQUAL "" OR
   NOT err MATCHES "^weft: cannot write trace 'weft-trace-deadlock.json': cannot create a file in '.': [^\n]+\n$")
  message(FATAL_ERROR "an unwritable default trace (exit ${code}):\n${out}${err}")
endif()

# Nothing half-written anywhere: no temporary file is left.
file(GLOB_RECURSE strays "${DIR}/*.tmp" "${DIR}/.*.tmp")
if(strays)
  message(FATAL_ERROR "temporary files were left: ${strays}")
endif()
file(REMOVE_RECURSE "${DIR}")
