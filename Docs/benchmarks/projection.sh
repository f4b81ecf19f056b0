#!/usr/bin/env bash
# Benchmark of projecting a synthetic census-sized scenario (Docs/performance.md).
# Usage: Docs/benchmarks/projection.sh [RUNS] [WORKDIR] [SOURCES]
# Builds emis in release mode, generates a synthetic inventory with its 20-measure scenario
# (seed 1), then times `emis validate` (loading the inventory and preparing the scenario) and
# `emis project --format json` (the same plus the projection 2020–2030) RUNS times each, for
# 1 and 2 threads, under /usr/bin/time -v. The projection's own time is the difference of
# the medians.
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/emis-bench}
n=${3:-3600000}
cd "$(dirname "$0")/../.."
swift build -c release --product emis >/dev/null
emis=.build/release/emis
mkdir -p "$work"
[ -f "$work/s$n/scenario.yaml" ] || "$emis" synth --sources "$n" --seed 1 --out "$work/s$n" --force >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # prints "seconds megabytes"
  local out
  out=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 )
  echo "$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {split($2,p,":"); print p[1]*60+p[2]}') \
$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print $2/1024}')"
}
printf "%-8s %-16s %-16s %-14s %-14s %s\n" threads "load+prepare s" "load+project s" "projection s" "peak MB" "runs (validate | project)"
for t in 1 2; do
  v=(); p=(); mem=()
  for _ in $(seq "$runs"); do
    read -r s _ <<<"$(measure "$emis" validate "$work/s$n/scenario.yaml" --threads "$t")"; v+=("$s")
    read -r s m <<<"$(measure "$emis" project "$work/s$n/scenario.yaml" --threads "$t" --format json)"; p+=("$s"); mem+=("$m")
  done
  mv=$(printf '%s\n' "${v[@]}" | median); mp=$(printf '%s\n' "${p[@]}" | median)
  printf "%-8s %-16s %-16s %-14s %-14.0f %s | %s\n" "$t" "$mv" "$mp" "$(echo "$mp - $mv" | bc)" \
    "$(printf '%s\n' "${mem[@]}" | median)" "${v[*]}" "${p[*]}"
done
