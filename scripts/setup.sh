#!/usr/bin/env bash
# Installs what is missing (Debian packages), then configures and builds weft (Release) in build/.
# Fast when nothing changed. With CI=true, warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ make cmake libboost-context-dev catch2 libcli11-dev nlohmann-json3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWEFT_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
