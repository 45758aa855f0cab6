# The Debian package CPack builds from the install rules (cd build && cpack -G DEB): the same
# files under /usr.
set(CPACK_PACKAGE_NAME weft)
set(CPACK_PACKAGE_VENDOR "weft")
set(CPACK_PACKAGE_CONTACT "weft maintainers <weft@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "every way a threaded program can behave")
set(CPACK_PACKAGE_FILE_NAME "weft_${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libboost-context-dev (>= 1.74)")
set(CPACK_GENERATOR DEB)
include(CPack)
