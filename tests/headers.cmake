# Every header installed under PREFIX/include/weft compiles with only the installed include
# directories: none of them needs a header that was left out of the install.
#   cmake -DPREFIX=<installed weft> -DCXX=<compiler> -DDIR=<scratch> -P headers.cmake
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
file(GLOB_RECURSE headers RELATIVE ${PREFIX}/include ${PREFIX}/include/weft/*.hpp)
list(LENGTH headers n)
if(n LESS 40)
  message(FATAL_ERROR "only ${n} headers under ${PREFIX}/include/weft")
endif()
set(tu "")
foreach(h IN LISTS headers)
  string(APPEND tu "#include <${h}>\n")
endforeach()
file(WRITE ${DIR}/all_headers.cpp "${tu}")
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${PREFIX}/include -I${PREFIX}/include/weft
                ${DIR}/all_headers.cpp RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the installed headers do not compile on their own:\n${out}")
endif()
