#!/bin/sh
# weft and SPIN side by side on the same two models, in one run: "lock-order fixed"
# (bench/lock_order.pml; weft: bench/spin_models.hpp) and "counter" (bench/counter.pml). A
# benchmark, not a test: CI never runs it.
#
# SPIN: Debian's spin (6.5.2), installed with apt-get when missing. For each row, pan is
# generated with `spin -a -DN=.. [-DK=..] MODEL.pml`, compiled with `gcc -O2 -DSAFETY` (safety
# properties only: assertions and invalid end states; full exhaustive search, no bitstate, SPIN's
# partial-order reduction on as by default) and run as `./pan -m1000000` (search depth bound far
# above the models' depths). Its figures: states stored, pan's own elapsed time (the search),
# and the wall time of the whole pan process (which also allocates and clears its hash table).
# weft: build/bench/weft_spin_bench (the fastest of 3 runs), each search exhaustive for
# statuses: "check" as `weft check` chooses (the reduction for up to 10,000 executions, then
# state caching with symmetry), "caching" (state caching with symmetry alone), "reduction". The
# counter is also run as bench/models.hpp writes it (main joins each worker: no symmetry). A
# weft search is cut after 60 s.
#
# Run: bench/spin_compare.sh [BUILD-DIR]     (default: build; needs target weft_spin_bench)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
bench="$build/bench/weft_spin_bench"
if [ ! -x "$bench" ]; then
  echo "spin_compare.sh: $bench missing: cmake --build $build --target weft_spin_bench" >&2
  exit 2
fi
if ! command -v spin >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y spin >/dev/null; else sudo apt-get install -y spin >/dev/null; fi
fi
command -v gcc >/dev/null 2>&1 || { echo "spin_compare.sh: gcc missing" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout=${SPIN_TIMEOUT:-300}

# spin_row LABEL MODEL DEFINES...: one SPIN line of the table.
spin_row() {
  label=$1 model=$2
  shift 2
  dir="$work/$label"
  mkdir -p "$dir"
  (cd "$dir" && spin -a "$@" "$here/$model" >/dev/null && gcc -O2 -DSAFETY -o pan pan.c)
  start=$(date +%s.%N)
  if (cd "$dir" && timeout "$timeout" ./pan -m1000000 >out 2>&1); then
    end=$(date +%s.%N)
    states=$(awk '/states, stored/ {print $1}' "$dir/out")
    search=$(awk '/pan: elapsed time/ {print $4}' "$dir/out")
    errors=$(awk -F'errors: ' '/errors:/ {print $2}' "$dir/out")
    wall=$(awk "BEGIN {print $end - $start}")
    result=complete
    [ "$errors" = 0 ] || result="$errors errors"
    printf '| %s | SPIN | %s | - | %s | %s (process %.2f) |\n' "$label" "$result" "$states" "$search" "$wall"
  else
    printf '| %s | SPIN | no answer in %s s | - | - | - |\n' "$label" "$timeout"
  fi
}

# weft_rows LABEL SEARCHES ARGS...: weft's lines of the table.
weft_rows() {
  label=$1 searches=$2
  shift 2
  timeout "$timeout" "$bench" "$@" --repeat 3 --search "$searches" | while read -r how used result executions states seconds; do
    [ "$states" = 0 ] && states=-
    printf '| %s | weft %s (%s) | %s | %s | %s | %s |\n' "$label" "$how" "$used" "$result" "$executions" "$states" "$seconds"
  done || printf '| %s | weft | no answer in %s s | | | |\n' "$label" "$timeout"
}

echo "$(spin -V | head -1); gcc $(gcc -dumpfullversion); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| model | tool, search | result | executions | states | seconds |"
echo "|---|---|---|---|---|---|"
# The reduction alone has a class per order of the lock acquisitions, (2N)!/2^N: from N = 8 on
# (81,729,648,000) it cannot finish, and is not run.
for n in 3 5 8 10; do
  spin_row "lock-order N=$n" lock_order.pml "-DN=$n"
  searches=check,caching,reduction
  [ "$n" -ge 8 ] && searches=check,caching
  weft_rows "lock-order N=$n" $searches lock-order "$n"
done
for nk in "3 3" "4 3"; do
  set -- $nk
  spin_row "counter N=$1 K=$2" counter.pml "-DN=$1" "-DK=$2"
  weft_rows "counter N=$1 K=$2" check,caching,reduction counter "$1" "$2"
  # The same workers, main joining them all in one run (the one way a class may be joined).
  weft_rows "counter N=$1 K=$2, joins, symmetric" check,caching,reduction counter-joins "$1" "$2"
  # The same counter with main joining each worker in turn (bench/models.hpp): no symmetry.
  weft_rows "counter N=$1 K=$2, joins" check,reduction counter-join "$1" "$2"
done
