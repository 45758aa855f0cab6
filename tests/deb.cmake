# The Debian package CPack builds holds exactly the files `cmake --install` puts in a prefix, under
# /usr: the same install, packaged.
#   cmake -DCONFIG=<build>/CPackConfig.cmake -DPREFIX=<installed weft> -DDIR=<scratch> -P deb.cmake
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
execute_process(COMMAND cpack -G DEB --config ${CONFIG} -B ${DIR} WORKING_DIRECTORY ${DIR}
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
file(GLOB debs ${DIR}/*.deb)
list(LENGTH debs n)
if(NOT code EQUAL 0 OR NOT n EQUAL 1)
  message(FATAL_ERROR "cpack -G DEB made ${n} packages (exit ${code}):\n${out}")
endif()
execute_process(COMMAND dpkg-deb --contents ${debs} RESULT_VARIABLE code OUTPUT_VARIABLE listing
                ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "dpkg-deb --contents ${debs}: ${err}")
endif()
# Regular files only ('-' in the mode column), as paths under /usr.
set(packaged "")
string(REPLACE "\n" ";" lines "${listing}")
foreach(line IN LISTS lines)
  if(line MATCHES "^-.* \\./usr/(.*)$")
    list(APPEND packaged "${CMAKE_MATCH_1}")
  endif()
endforeach()
file(GLOB_RECURSE installed RELATIVE ${PREFIX} ${PREFIX}/*)
list(SORT packaged)
list(SORT installed)
if(NOT packaged STREQUAL installed OR packaged STREQUAL "")
  string(REPLACE ";" "\n  " packaged "${packaged}")
  string(REPLACE ";" "\n  " installed "${installed}")
  message(FATAL_ERROR "the package's files differ from the install's:\npackaged:\n  ${packaged}\n"
                      "installed:\n  ${installed}")
endif()
list(LENGTH packaged n)
message(STATUS "${debs}: the ${n} files of the install")
