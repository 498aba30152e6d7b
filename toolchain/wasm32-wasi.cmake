# CMake toolchain for wasm32-wasi with Debian's clang-19 / lld-19 / wasi-libc / libc++.
# Configuring with it runs build.sh, which prepares (or reuses from its cache) the sysroot
# and the cross-built libraries, so `cmake --preset wasm` is the only step.
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
# CMake 3.25 ships no WASI platform file; ours is a few lines.
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}/cmake")

# try_compile projects re-read this file: they get the prefix through the variable list
# below; recipes inside build.sh pass it in the environment.
if(NOT IMMAGIN_WASM_PREFIX AND DEFINED ENV{IMMAGIN_WASM_PREFIX})
  set(IMMAGIN_WASM_PREFIX "$ENV{IMMAGIN_WASM_PREFIX}")
endif()
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES IMMAGIN_WASM_PREFIX)
# Unless a prefix was given (-DIMMAGIN_WASM_PREFIX=...), every configure asks build.sh,
# which answers from its cache in a second when no recipe changed.
if(NOT IMMAGIN_WASM_PREFIX OR IMMAGIN_WASM_PREFIX_FROM_BUILD_SH)
  execute_process(
    COMMAND bash "${CMAKE_CURRENT_LIST_DIR}/build.sh"
    OUTPUT_VARIABLE prefix OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "toolchain/build.sh failed (see its output above)")
  endif()
  include("${CMAKE_CURRENT_LIST_DIR}/cmake/ForgetPkgConfig.cmake")
  if(IMMAGIN_WASM_PREFIX AND NOT IMMAGIN_WASM_PREFIX STREQUAL prefix)
    immagin_forget_pkg_config_results()
  endif()
  set(IMMAGIN_WASM_PREFIX "${prefix}" CACHE PATH "Cross-built wasm32-wasi libraries" FORCE)
  set(IMMAGIN_WASM_PREFIX_FROM_BUILD_SH ON CACHE INTERNAL "")
endif()
get_filename_component(IMMAGIN_WASM_SYSROOT "${IMMAGIN_WASM_PREFIX}/../sysroot" ABSOLUTE)

set(CMAKE_C_COMPILER clang-19)
set(CMAKE_CXX_COMPILER clang++-19)
set(CMAKE_AR llvm-ar-19 CACHE FILEPATH "")
set(CMAKE_RANLIB llvm-ranlib-19 CACHE FILEPATH "")
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_CXX_COMPILER_TARGET wasm32-wasi)
set(CMAKE_SYSROOT "${IMMAGIN_WASM_SYSROOT}")
# wasi-libc's emulations of signals, mman, process clocks and getpid: glib's headers need
# them, and the link adds their libraries. Debian's wasm32 libc++abi has no exception
# support and its libc++ no threads.
set(IMMAGIN_WASI_EMULATION "-D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_MMAN \
-D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_GETPID")
set(CMAKE_C_FLAGS_INIT "-msimd128 ${IMMAGIN_WASI_EMULATION}")
set(CMAKE_CXX_FLAGS_INIT "-msimd128 ${IMMAGIN_WASI_EMULATION} -fno-exceptions")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fuse-ld=lld")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")

set(CMAKE_FIND_ROOT_PATH "${IMMAGIN_WASM_PREFIX}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} "${IMMAGIN_WASM_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
