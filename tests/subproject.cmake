# weft built inside another project, as shared libraries: a project that fetches weft's source
# with FetchContent (from a local path here, as from a URL or a Git repository elsewhere) and
# builds examples/consumer beside it, unchanged: its find_package(weft) is answered by the fetched
# weft (OVERRIDE_FIND_PACKAGE), whose weft::weft and weft::cli it links; BUILD_SHARED_LIBS=ON makes
# them shared libraries, which the consumer's programs load at run time. Its tests pass and its
# own weft checks its scenario.
#   cmake -DSOURCE=<weft's source> -DCONSUMER=<examples/consumer> -DDIR=<scratch> -P subproject.cmake
include(${CMAKE_CURRENT_LIST_DIR}/run_in_dir.cmake)

file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR}/project)
file(WRITE ${DIR}/project/CMakeLists.txt "cmake_minimum_required(VERSION 3.24)
project(fetches_weft LANGUAGES CXX)
include(FetchContent)
FetchContent_Declare(weft SOURCE_DIR \"${SOURCE}\" OVERRIDE_FIND_PACKAGE)
FetchContent_MakeAvailable(weft)
add_subdirectory(\"${CONSUMER}\" consumer)
")
find_program(CCACHE ccache)
set(launcher "")
if(CCACHE)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE})
endif()
# Debug without debug information (-O0 alone): the fastest build, and nothing here is measured
# or debugged; the debug information was a fifth of its compile time and most of what it wrote.
run("configure" 0 ${CMAKE_COMMAND} -S ${DIR}/project -B ${DIR}/build -DCMAKE_BUILD_TYPE=Debug
    -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DBUILD_SHARED_LIBS=ON ${launcher})
# Only the consumer's programs, and so the weft libraries they link: not weft's own binary.
run("build" 0 ${CMAKE_COMMAND} --build ${DIR}/build -j2 --target bank_tests bank_weft)
set(bin ${DIR}/build/consumer)
run("the consumer's tests" 0 ${bin}/bank_tests)
if(NOT out MATCHES "All tests passed \\(6 assertions in 4 test cases\\)")
  message(FATAL_ERROR "the consumer's tests: not every test ran\n${out}")
endif()
# The libraries are shared: the programs load them.
run("ldd" 0 ldd ${bin}/bank_tests)
foreach(lib weft_checker weft_sim weft_primitives weft_testing)
  if(NOT out MATCHES "lib${lib}\\.so")
    message(FATAL_ERROR "bank_tests does not load lib${lib}.so:\n${out}")
  endif()
endforeach()
run("bank_weft check" 1 ${bin}/bank_weft check deposits -p locked=false --trace-out found.json)
run("bank_weft replay" 1 ${bin}/bank_weft replay found.json)
if(NOT out MATCHES "replay reproduced the recorded outcome: failure \\(a deposit was lost\\)")
  message(FATAL_ERROR "bank_weft did not replay the failure:\n${out}")
endif()
