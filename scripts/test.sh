#!/usr/bin/env bash
# scripts/test.sh: README command 2 (and what CI runs). Installs what is
# missing, then:
#   1. gcc build, warnings as errors, the whole ctest suite;
#   2. clang build with AddressSanitizer + UndefinedBehaviorSanitizer and the
#      libFuzzer targets: the whole suite again under the sanitizers, plus a
#      short run of each fuzzer on its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
gatehouse_install_deps

JOBS=$(nproc)
FUZZ_SECONDS=${GATEHOUSE_FUZZ_SECONDS:-30}

echo "== gcc build + tests" >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$JOBS"
ctest --test-dir build --output-on-failure -j"$JOBS" -LE fuzz

echo "== clang ASan+UBSan build + tests + fuzzers" >&2
CC=clang CXX=clang++ cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug \
  -DGATEHOUSE_SANITIZE=ON -DGATEHOUSE_FUZZ=ON -DGATEHOUSE_BENCH=OFF \
  -DGATEHOUSE_FUZZ_SECONDS="$FUZZ_SECONDS" >/dev/null
cmake --build build-asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"
echo "== all tests passed" >&2
