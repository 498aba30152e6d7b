#!/usr/bin/env bash
# Fails when a tracked C or C++ file is not formatted by the root .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h' '*.c')
[ "${#files[@]}" -eq 0 ] && exit 0
clang-format-19 --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
