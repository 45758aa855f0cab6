# Installs the build tree BUILD into PREFIX, afresh: what `cmake --install` gives a user.
#   cmake -DBUILD=<weft's build tree> -DPREFIX=<where> -P install.cmake
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${code}):\n${out}")
endif()
