#!/usr/bin/env bash
# Installs every Debian (and, later, npm) package the project needs on Debian 12.
# Idempotent: when everything is already installed it changes nothing and needs no root.
set -euo pipefail

# One list, grouped by what needs it; keep it sorted within a group.
packages=(
  # build
  ca-certificates ccache cmake git ninja-build pkg-config
  clang-19 lld-19 libclang-rt-19-dev libfuzzer-19-dev
  clang-format-19 clang-tidy-19
  # wasm32-wasi cross build (wasm-toolchain/)
  binaryen libc++-19-dev-wasm32 libc++abi-19-dev-wasm32 libclang-rt-19-dev-wasm32 wasi-libc
  # shared/ library
  libsodium-dev nlohmann-json3-dev
  # tests and benchmarks
  libbenchmark-dev libgmock-dev libgtest-dev
)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install packages" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} Debian packages present"
fi
