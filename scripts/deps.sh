#!/usr/bin/env bash
# scripts/deps.sh: install the Debian packages gatehouse needs, only those
# missing. Sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail

GATEHOUSE_PACKAGES=(
  build-essential cmake ccache pkg-config
  clang libclang-rt-14-dev            # libFuzzer and the sanitizer build
  rapidjson-dev libcli11-dev libssl-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3
)

gatehouse_install_deps() {
  local missing=()
  for p in "${GATEHOUSE_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "gatehouse: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}
