# Minimal platform description for wasm32-wasi: static libraries, .wasm executables.
set(CMAKE_STATIC_LIBRARY_PREFIX "lib")
set(CMAKE_STATIC_LIBRARY_SUFFIX ".a")
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_FIND_LIBRARY_PREFIXES "lib")
set(CMAKE_FIND_LIBRARY_SUFFIXES ".a")
set_property(GLOBAL PROPERTY TARGET_SUPPORTS_SHARED_LIBS FALSE)
# Searches are re-rooted under CMAKE_FIND_ROOT_PATH (the prefix): "/" makes that
# {prefix}/lib and {prefix}/include.
set(CMAKE_SYSTEM_PREFIX_PATH /)
