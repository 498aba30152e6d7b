# When the library prefix changes (a recipe was rebuilt), forget what pkg-config, and the
# libraries it named, found in the old one: CMake caches both.
function(immagin_forget_pkg_config_results)
  get_cmake_property(cached CACHE_VARIABLES)
  foreach(name IN LISTS cached)
    if(name MATCHES "^(__pkg_config_checked_|pkgcfg_lib_)")
      unset(${name} CACHE)
    endif()
  endforeach()
endfunction()
