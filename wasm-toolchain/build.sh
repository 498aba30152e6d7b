#!/usr/bin/env bash
# Prepares everything the wasm32-wasi build links against, in a cache outside the repo:
#   $IMMAGIN_WASM_CACHE/<recipe-hash>/{sysroot,prefix}
# The hash covers this script, the recipes and the patches, so a changed recipe builds a
# fresh prefix while an unchanged one is reused in seconds. Prints the prefix path last.
#
# Libraries come from Debian source packages (`apt-get source`), cross-built with Debian's
# clang-19 for wasm32-wasi against a private sysroot made from Debian's wasi-libc and
# libc++ (a sysroot keeps clang from searching the host's /usr/include).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache_root="${IMMAGIN_WASM_CACHE:-$HOME/.cache/immagin-wasm}"
hash=$(cat "$here/build.sh" "$here"/recipes/*.sh $(ls "$here"/patches/* 2>/dev/null) | sha256sum | cut -c1-16)
root="$cache_root/$hash"
sysroot="$root/sysroot"
prefix="$root/prefix"
jobs="$(nproc)"
log() { echo "wasm-toolchain: $*" >&2; }

mkdir -p "$root" "$prefix/include" "$prefix/lib/pkgconfig"

if [ ! -f "$sysroot/.done" ]; then
  log "sysroot from Debian's wasi-libc and libc++ (wasm32)"
  rm -rf "$sysroot" && mkdir -p "$sysroot/include" "$sysroot/lib"
  cp -rL /usr/include/wasm32-wasi "$sysroot/include/wasm32-wasi"
  cp -rL /usr/lib/wasm32-wasi "$sysroot/lib/wasm32-wasi"
  touch "$sysroot/.done"
fi

# Header-only libraries are copied as they are, with their CMake package files.
if [ ! -f "$prefix/.done-nlohmann-json" ]; then
  log "nlohmann-json (header-only, from the Debian package)"
  cp -r /usr/include/nlohmann "$prefix/include/"
  mkdir -p "$prefix/share/cmake"
  cp -r /usr/share/cmake/nlohmann_json "$prefix/share/cmake/"
  touch "$prefix/.done-nlohmann-json"
fi

export WASM_CC="clang-19 --target=wasm32-wasi --sysroot=$sysroot"
export WASM_CXX="clang++-19 --target=wasm32-wasi --sysroot=$sysroot"
export WASM_AR=llvm-ar-19 WASM_RANLIB=llvm-ranlib-19
export WASM_PREFIX="$prefix" WASM_JOBS="$jobs" WASM_PATCHES="$here/patches"

for recipe in "$here"/recipes/*.sh; do
  name=$(basename "$recipe" .sh)
  name=${name#[0-9][0-9]-}
  if [ -f "$prefix/.done-$name" ]; then
    log "$name: cached"
    continue
  fi
  work="$root/src/$name"
  rm -rf "$work" && mkdir -p "$work"
  start=$(date +%s)
  log "$name: building (log: $work/build.log)"
  if ! (cd "$work" && bash "$recipe") > "$work/build.log" 2>&1; then
    tail -40 "$work/build.log" >&2
    log "$name: FAILED"
    exit 1
  fi
  touch "$prefix/.done-$name"
  log "$name: done in $(( $(date +%s) - start ))s"
done

echo "$prefix"
