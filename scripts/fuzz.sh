#!/usr/bin/env bash
# Fuzzes the trace reader and replay (tests/fuzz/trace_fuzz.cpp) with libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer, in build-fuzz/ (clang; only the fuzz target
# and what it links are built):
#   1. every input of the regression corpus (tests/fuzz/regressions: each once crashed the reader
#      or a replay) runs once;
#   2. the fuzzer runs for FUZZ_SECONDS (default 60) from the seed corpus (tests/fuzz/seeds: real
#      traces of the built-in scenarios) and the regressions.
# Exits non-zero on any crash, leak, sanitizer finding or input slower than 10 s; the input is
# left in build-fuzz/artifacts/ and belongs in tests/fuzz/regressions/ once fixed. Installs clang
# and its libFuzzer runtime (Debian packages) when missing. With CI=true, warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-packages.sh clang libclang-rt-dev

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
      -DWEFT_FUZZ=ON -DWEFT_SANITIZE=address,undefined -DWEFT_TESTS=OFF -DWEFT_BENCH=OFF \
      -DWEFT_WERROR="$werror" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target weft_trace_fuzz

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fuzz=build-fuzz/tests/fuzz/weft_trace_fuzz
mkdir -p build-fuzz/corpus build-fuzz/artifacts
# -rss_limit_mb: a trace may ask for as much memory as its file is large (64 MiB at most) and a
# little more to replay; -timeout: any input that takes longer is a hang.
opts=(-rss_limit_mb=2048 -timeout=10 -artifact_prefix=build-fuzz/artifacts/)

echo "fuzz: the regression corpus" >&2
# Its largest inputs (1.3 MB) are parsed with nlohmann/json's callback parser, whose time grows
# with the square of an array's length under this instrumentation: a longer limit for them.
"$fuzz" "${opts[@]}" -timeout=120 tests/fuzz/regressions/*
echo "fuzz: ${FUZZ_SECONDS:-60} s from the seed corpus" >&2
"$fuzz" "${opts[@]}" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=16384 -print_final_stats=1 \
        build-fuzz/corpus tests/fuzz/seeds tests/fuzz/regressions
