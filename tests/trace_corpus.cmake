# Every trace of the fuzzing corpora through `weft replay`, which must keep its promise on each
# (README "Exit codes"): the regression corpus (every input that ever crashed the trace reader or
# a replay) gives exit 0-4, a refusal (exit 2) with one line on stderr; the seed corpus (real
# traces, written by an older weft among them) reproduces its recorded outcome (0, 1 or 4).
# CTest runs it: cmake -DWEFT=path/to/weft -DCORPUS=tests/fuzz -P this.

# replay_each(dir allowed-codes-regex)
function(replay_each dir codes)
  file(GLOB traces "${dir}/*")
  list(LENGTH traces n)
  if(n EQUAL 0)
    message(FATAL_ERROR "no traces in ${dir}")
  endif()
  foreach(trace IN LISTS traces)
    execute_process(COMMAND ${WEFT} replay ${trace} RESULT_VARIABLE got
                    OUTPUT_QUIET ERROR_VARIABLE err)
    if(NOT got MATCHES "${codes}")
      message(FATAL_ERROR "weft replay ${trace}\nexited ${got}, expected ${codes}:\n${err}")
    endif()
    string(REGEX MATCHALL "\n" lines "${err}")
    list(LENGTH lines nl)
    if(nl GREATER 1 OR (got EQUAL 2 AND NOT nl EQUAL 1))
      message(FATAL_ERROR "weft replay ${trace}\nexited ${got} with ${nl} lines on stderr:\n${err}")
    endif()
  endforeach()
  message(STATUS "${n} traces in ${dir}: exit ${codes}")
endfunction()

replay_each("${CORPUS}/regressions" "^[0-4]$")
replay_each("${CORPUS}/seeds" "^[014]$")
