# Native builds link the project's own libvips (toolchain/build.sh native: 8.18, the release
# the module runs), never Debian's 8.14. Configuring runs build.sh, which answers from its
# cache in a second when no recipe changed, and puts its prefix first on pkg-config's path.
execute_process(
  COMMAND bash "${CMAKE_CURRENT_LIST_DIR}/build.sh" native
  OUTPUT_VARIABLE prefix OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "toolchain/build.sh native failed (see its output above)")
endif()
include("${CMAKE_CURRENT_LIST_DIR}/cmake/ForgetPkgConfig.cmake")
if(NOT IMMAGIN_NATIVE_PREFIX STREQUAL prefix)
  immagin_forget_pkg_config_results()
endif()
set(IMMAGIN_NATIVE_PREFIX "${prefix}" CACHE PATH "The project's native libvips" FORCE)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig:$ENV{PKG_CONFIG_PATH}")
