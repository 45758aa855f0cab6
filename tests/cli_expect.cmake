# The one check every command-line test script makes, included by each (cli_*.cmake).
#
# expect(code regex COMMAND...): runs COMMAND in ${DIR}; fails unless it exits with `code` and
# its output (stdout and stderr) matches `regex`. Leaves the output in `last_output`.
function(expect code regex)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${DIR} RESULT_VARIABLE got
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT got EQUAL code)
    message(FATAL_ERROR "${ARGN}\nexited ${got}, expected ${code}:\n${out}${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${regex}")
    message(FATAL_ERROR "${ARGN}\nprinted no match for '${regex}':\n${out}${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()
