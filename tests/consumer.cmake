# examples/consumer, a project of its own, built against an installed weft with one compiler:
# it configures with only CMAKE_PREFIX_PATH, its tests pass, and its deliberately failing test
# prints the failure's interleaving, writes the trace and names the command that replays it,
# which does replay it.
#   cmake -DPREFIX=<installed weft> -DSOURCE=<examples/consumer> -DCXX=<compiler> -DDIR=<scratch>
#         -P consumer.cmake
include(${CMAKE_CURRENT_LIST_DIR}/run_in_dir.cmake)

file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
# A compiler cache, when there is one, makes the second run of this test take seconds.
find_program(CCACHE ccache)
set(launcher "")
if(CCACHE)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE})
endif()
# Debug: the fastest build, and nothing here is measured.
run("configure" 0 ${CMAKE_COMMAND} -S ${SOURCE} -B ${DIR}/build -DCMAKE_PREFIX_PATH=${PREFIX}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Debug ${launcher})
run("build" 0 ${CMAKE_COMMAND} --build ${DIR}/build -j2)
run("the consumer's tests" 0 ${DIR}/build/bank_tests)
if(NOT out MATCHES "All tests passed \\(6 assertions in 4 test cases\\)")
  message(FATAL_ERROR "the consumer's tests: not every test ran\n${out}")
endif()

# The failure path: the report a failed assertion prints.
run("the failing test" 1 ${DIR}/build/bank_tests "[buggy]")
set(trace ${DIR}/weft-trace-deposits.json)
if(NOT out MATCHES "Thread-2 +load Shared balance -> 0")
  message(FATAL_ERROR "the failing test's report lacks the interleaving:\n${out}")
endif()
foreach(expected "deposits locked=false: FAILURE (failed check) found by dfs"
                 "message: a deposit was lost" "weft: trace: ${trace}\n"
                 "weft: replay it: ${DIR}/build/bank_weft replay ${trace}\n")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the failing test's report lacks '${expected}':\n${out}")
  endif()
endforeach()
if(NOT EXISTS ${trace})
  message(FATAL_ERROR "the failing test's report names ${trace}, which was not written")
endif()
# The command the report gives replays the failure.
run("replaying the failure" 1 ${DIR}/build/bank_weft replay ${trace})
if(NOT out MATCHES "replay reproduced the recorded outcome: failure \\(a deposit was lost\\)")
  message(FATAL_ERROR "the replay did not reproduce the failure:\n${out}")
endif()
# The project's own weft lists its scenario and checks it as weft checks its own.
run("bank_weft list" 0 ${DIR}/build/bank_weft list)
if(NOT out MATCHES "deposits")
  message(FATAL_ERROR "bank_weft list does not list deposits:\n${out}")
endif()
run("bank_weft check" 1 ${DIR}/build/bank_weft check deposits -p locked=false
    --trace-out ${DIR}/check.json)
# The command it gives to replay the failure names the project's binary, which alone knows the
# project's scenarios (weft itself does not).
string(FIND "${out}" "replay it: bank_weft replay ${DIR}/check.json\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "bank_weft check does not name bank_weft to replay its trace:\n${out}")
endif()
