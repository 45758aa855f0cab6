#!/usr/bin/env bash
# Installs what is missing (Debian packages; clang++ builds examples/consumer in the tests,
# python3-jsonschema checks the JSON documents against docs/schema, python3-yaml reads the CI
# recipes of docs/ci, chromium opens the --html page headless and fonts-wqy-zenhei draws its
# Chinese text), then
# configures and builds weft (Release) in build/. Fast when nothing changed. With CI=true,
# warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-packages.sh g++ clang make cmake libboost-context-dev catch2 libcli11-dev nlohmann-json3-dev \
  python3-jsonschema python3-yaml chromium fonts-wqy-zenhei

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWEFT_WERROR="$werror" >/dev/null
cmake --build build -j"$(nproc)"
