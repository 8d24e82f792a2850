#!/usr/bin/env bash
# scripts/run.sh: README command 1. Installs what is missing, builds, and runs
# the main job: the seed scenarios' policies decided by `gatehouse policy
# simulate`, printed as readable decisions; then the access matrix of every
# example world.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
gatehouse_install_deps

BUILD=${GATEHOUSE_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" --target gatehouse -j"$(nproc)"

for f in examples/scenarios/*.jsonl; do
  echo "== $(basename "$f" .jsonl)"
  "$BUILD"/src/gatehouse policy simulate --input "$f" --format text
done

# The example worlds: who can open a shell on which host, as which Linux
# user, and why, with the findings.
for f in examples/worlds/*.yaml; do
  echo "== $(basename "$f" .yaml): access matrix"
  "$BUILD"/src/gatehouse access matrix --world "$f"
done
