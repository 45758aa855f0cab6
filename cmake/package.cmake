# The installed package: the CMake package (find_package(weft CONFIG) gives weft::weft and
# weft::cli), its version file and a pkg-config file.
include(CMakePackageConfigHelpers)

install(EXPORT weftTargets NAMESPACE weft:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/weft)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/weftConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/weftConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/weft)
# A 0.x release promises nothing across minor versions: 0.1 satisfies a request for 0.1 only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/weftConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/weftConfig.cmake ${PROJECT_BINARY_DIR}/weftConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/weft)

# pkg-config: the libraries in link order, then what they need from the system.
set(WEFT_PC_LIBS "-lweft_testing -lweft_cli -lweft_real -lweft_checker -lweft_primitives")
string(APPEND WEFT_PC_LIBS " -lweft_registry -lweft_sim -lboost_context -pthread")
# The prefix is found from the file's own place, so that any --prefix (or CPack's) holds.
file(RELATIVE_PATH WEFT_PC_PREFIX /root/${CMAKE_INSTALL_LIBDIR}/pkgconfig /root)
configure_file(${CMAKE_CURRENT_LIST_DIR}/weft.pc.in ${PROJECT_BINARY_DIR}/weft.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/weft.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# With shared libraries the installed binary finds them beside it, wherever the prefix is.
if(BUILD_SHARED_LIBS)
  set_target_properties(weft PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()
