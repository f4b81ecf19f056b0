#!/usr/bin/env bash
# Benchmark of loading synthetic inventories (Docs/performance.md).
# Usage: Docs/benchmarks/inventory-load.sh [RUNS] [WORKDIR]
# Builds emis in release mode, generates synthetic inventories of 10^4 … 3.6·10^6 sources
# (seed 1) in WORKDIR (default /tmp/emis-bench), then runs `emis validate` RUNS times (default 5)
# per size and thread count under /usr/bin/time -v, printing the median wall time and the
# median peak resident memory.
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/emis-bench}
cd "$(dirname "$0")/../.."
swift build -c release --product emis >/dev/null
emis=.build/release/emis
mkdir -p "$work"
. Docs/benchmarks/lib.sh
printf "%-10s %-8s %-12s %-14s %s\n" sources threads "median s" "median MB" "all runs (s)"
for n in 10000 100000 1000000 3600000; do
  [ -d "$work/s$n" ] || "$emis" synth --sources "$n" --seed 1 --out "$work/s$n" >/dev/null
  for t in 1 2; do
    times=(); mems=()
    for _ in $(seq "$runs"); do
      out=$( { /usr/bin/time -v "$emis" validate "$work/s$n" --threads "$t" >/dev/null; } 2>&1 )
      times+=("$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {split($2,p,":"); print p[1]*60+p[2]}')")
      mems+=("$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print $2/1024}')")
    done
    printf "%-10s %-8s %-12s %-14.0f %s\n" "$n" "$t" \
      "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median)" "${times[*]}"
  done
done
