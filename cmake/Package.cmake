# The Debian package (`cpack -G DEB` in the build directory): /usr/bin/tacit and the README. Depends is
# computed by dpkg-shlibdeps (dpkg-dev) from the libraries the binary links (libgit2, yaml-cpp, fmt, re2,
# toml++, libstdc++), so it names the runtime packages of the Debian release that built it. The
# tree-sitter runtime and grammars are compiled in. The release workflow (.github/workflows/release.yml)
# builds it on Debian 12 and attaches it to the release; tests/package/ checks it.

install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/tacit)

set(CPACK_PACKAGE_NAME tacit)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "tacit walks a git repository, derives what it really does from its build files, CI and history, and\n"
    "reports the knowledge an AI coding agent or a new engineer needs that no doc writes down.")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "tacit maintainers <tacit@users.noreply.github.com>")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # tacit_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
