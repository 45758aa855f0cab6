# run(WHAT EXPECTED_EXIT COMMAND...): runs COMMAND in ${DIR}, fails the test with its output
# unless it exits with EXPECTED_EXIT, and leaves its output in `out` for the caller to check.
# For the tests that build a project of their own (consumer.cmake, subproject.cmake).
function(run what expect_code)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE code
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT code STREQUAL expect_code)
    message(FATAL_ERROR "${what}: exit ${code}, expected ${expect_code}\n${out}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
