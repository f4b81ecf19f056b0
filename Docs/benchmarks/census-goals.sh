#!/usr/bin/env bash
# The census-scale benchmark of Docs/performance.md: every row of its goal table, for both
# synthetic scenarios (`scenario.yaml`, narrow selections; `scenario-sectors.yaml`, each
# measure selecting a whole top-level sector).
# Usage: Docs/benchmarks/census-goals.sh [RUNS] [WORKDIR] [SOURCES]
# Builds emis in release mode, generates the inventory (`emis synth --seed 1`) under WORKDIR
# if missing, and times each command RUNS times under /usr/bin/time -v, printing the median
# wall time, its range and the median peak memory. The inventory cache lives in
# WORKDIR/cache (XDG_CACHE_HOME), never in the user's; "from CSV" rows pass --no-cache.
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/emis-census}
n=${3:-3600000}
cd "$(dirname "$0")/../.."
swift build -c release --product emis >/dev/null
emis=$PWD/.build/release/emis
export OPENBLAS_NUM_THREADS=1 XDG_CACHE_HOME="$work/cache" SOURCE_DATE_EPOCH=1700000000
dir="$work/s$n"
[ -f "$dir/scenario-sectors.yaml" ] || "$emis" synth --sources "$n" --seed 1 --out "$dir" --force >/dev/null
# Third scenarios for compare and report: the same measures under another id.
for kind in scenario scenario-sectors; do
  sed -e 's/^scenario: \(.*\)$/scenario: \1-copy/' "$dir/$kind.yaml" > "$work/$kind-copy.yaml"
  sed -i -e "s|^inventory: .*|inventory: $dir|" "$work/$kind-copy.yaml"
done

. Docs/benchmarks/lib.sh
echo "| command | median | range | peak memory |"
echo "|---|---:|---:|---:|"
measure "load from CSV (validate --no-cache)" "$emis" validate "$dir" --no-cache
"$emis" validate "$dir" >/dev/null  # writes the cache
measure "load from the cache (validate)" "$emis" validate "$dir"
for kind in scenario scenario-sectors; do
  measure "$kind: project --format json, from CSV" "$emis" project "$dir/$kind.yaml" --format json --no-cache
  measure "$kind: project --format json, cached" "$emis" project "$dir/$kind.yaml" --format json
  measure "$kind: compare of 3, cached" "$emis" compare "$dir/$kind.yaml" "$work/$kind-copy.yaml" \
    "$dir/$([ $kind = scenario ] && echo scenario-sectors || echo scenario).yaml"
  rm -rf "$work/report-$kind"
  measure "$kind: report of 3, cached" "$emis" report "$dir/$kind.yaml" "$work/$kind-copy.yaml" \
    "$dir/$([ $kind = scenario ] && echo scenario-sectors || echo scenario).yaml" --out "$work/report-$kind"
done
# The projection alone, from inside the process (--timings), median of RUNS.
for kind in scenario scenario-sectors; do
  for threads in 1 2; do
    p=()
    for _ in $(seq "$runs"); do
      p+=("$("$emis" project "$dir/$kind.yaml" --format json --threads $threads --timings 2>&1 >/dev/null \
        | sed -n 's/.*projection \([0-9.]*\) s.*/\1/p')")
    done
    printf "| %s: projection, %s threads (--timings) | %s s | %s | |\n" "$kind" "$threads" \
      "$(printf '%s\n' "${p[@]}" | median)" "$(printf '%s\n' "${p[@]}" | range)"
  done
done
# A breakdown by source streamed to a pipe (one run: it writes 3.7 GB at 3.6 million sources).
runs=1 measure "scenario: project --by source --format csv, cached (1 run)" \
  "$emis" project "$dir/scenario.yaml" --by source --format csv
