#!/usr/bin/env bash
# Compiles sha256.c into the two WebAssembly modules the page's hash worker embeds: web/src/sha256-simd.wasm, and
# web/src/sha256.wasm for engines without wasm SIMD. Both are committed, so building the page needs no C toolchain; rerun
# this after changing sha256.c. `--check` rebuilds into a temporary folder and fails if a committed module differs.
# Needs Debian's clang-14 and lld-14 (wasm-ld-14); their output is byte-for-byte reproducible.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../src"
if [ "${1:-}" = --check ]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
command -v clang-14 > /dev/null && command -v wasm-ld-14 > /dev/null || {
  echo "build.sh: needs clang-14 and wasm-ld-14 (apt-get install clang-14 lld-14)" >&2; exit 2; }
clang=$(command -v clang-14)
wasm_ld=$(command -v wasm-ld-14)
compile() {
  local target=$1; shift
  # Compiled and linked in two steps: the clang driver would run a wasm-opt it finds (binaryen) on the linked module, and
  # the output must not depend on what else is installed. No libc, no entry point; 2 MiB input + statics + stack fit in
  # 3 MiB, which never grows.
  "$clang" --target=wasm32 -O3 "$@" -c -o "$out/$target.o" "$here/sha256.c"
  "$wasm_ld" --no-entry --strip-all --initial-memory=3145728 --max-memory=3145728 -o "$out/$target" "$out/$target.o"
  rm "$out/$target.o"
}
compile sha256-simd.wasm -msimd128
compile sha256.wasm
if [ "${1:-}" = --check ]; then
  for module in sha256-simd.wasm sha256.wasm; do
    cmp -s "$out/$module" "$here/../src/$module" || { echo "build.sh --check: web/src/$module is not built from sha256.c" >&2; exit 1; }
  done
  echo "build.sh --check: web/src/sha256-simd.wasm and web/src/sha256.wasm match sha256.c"
fi
