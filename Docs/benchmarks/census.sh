#!/usr/bin/env bash
# Side-by-side benchmark of emis and an independent NumPy/pandas model of the same projection
# (Docs/benchmarks/numpy_model.py) on a synthetic census-sized inventory (Docs/performance.md).
# Usage: Docs/benchmarks/census.sh [RUNS] [WORKDIR] [SOURCES]   (defaults 5, /tmp/emis-census, 3600000)
# Creates a Python venv in WORKDIR/venv with numpy, pandas and pyyaml from PyPI; uses
# .build/release/emis (built only when missing); generates the inventory with its two
# scenarios (`emis synth --sources SOURCES --seed 1`, once): scenario.yaml, 20 measures of
# every kind on narrow selections, and scenario-sectors.yaml, the same measures each selecting
# a whole top-level sector. For each scenario it runs, in turn, `emis project --format json` (default threads,
# with its inventory cache in WORKDIR/cache), the same with --no-cache (reading the CSV, as
# pandas must) and `python numpy_model.py`, each once untimed (filling the page cache and
# emis's cache) and then RUNS times under /usr/bin/time -v, all with OPENBLAS_NUM_THREADS=1.
# It checks that both tools agree (totals, baseline totals and every measure's reduction per
# pollutant and year to relative 1e-9; the script fails otherwise, printing the worst
# difference) and prints the median wall time, its range, the median peak resident memory and
# the ratios emis/NumPy. The JSON outputs of the last run are kept in WORKDIR/out.
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/emis-census}
n=${3:-3600000}
cd "$(dirname "$0")/../.."
emis=.build/release/emis
[ -x "$emis" ] || swift build -c release --product emis >/dev/null
mkdir -p "$work/out" "$work/cache"
work=$(cd "$work" && pwd)
py=$work/venv/bin/python
if ! "$py" -c 'import numpy, pandas, yaml' 2>/dev/null; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet numpy pandas pyyaml
fi
inv=$work/s$n
[ -f "$inv/scenario-sectors.yaml" ] || "$emis" synth --sources "$n" --seed 1 --out "$inv" --force >/dev/null

export OPENBLAS_NUM_THREADS=1 XDG_CACHE_HOME=$work/cache
tools=(emis "emis --no-cache" NumPy)
command_of() {  # command_of TOOL SCENARIO: sets cmd to the tool's command line
  case $1 in
    emis) cmd=("$emis" project "$2" --format json) ;;
    "emis --no-cache") cmd=("$emis" project "$2" --format json --no-cache) ;;
    NumPy) cmd=("$py" Docs/benchmarks/numpy_model.py "$2") ;;
  esac
}
. Docs/benchmarks/lib.sh
measure() {  # measure OUTFILE COMMAND…: runs it, standard output to OUTFILE; prints "seconds megabytes"
  local out file=$1; shift
  out=$( { /usr/bin/time -v "$@" >"$file"; } 2>&1 ) || { echo "$out" >&2; echo "failed: $*" >&2; return 1; }
  echo "$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for (i=1;i<=n;i++) s=s*60+p[i]; print s}') \
$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print $2/1024}')"
}
compare() {  # compare EMIS.json NUMPY.json: fails when a total or a reduction differs by more than 1e-9
  "$py" - "$1" "$2" <<'EOF'
import json, sys
e, p = (json.load(open(f)) for f in sys.argv[1:3])
for key in ("years", "pollutants"):
    if e[key] != p[key]:
        sys.exit(f"  {key} differ: emis {e[key]}, NumPy {p[key]}")
if [m["id"] for m in e["measures"]] != [m["id"] for m in p["measures"]]:
    sys.exit("  the measures differ")
def pairs(key):  # (where, emis value, NumPy value, scale) of every yearly value
    for q in e["pollutants"]:
        for i, y in enumerate(e["years"]):
            if key in ("totals", "baseline_totals"):
                x, z = e[key][q][i], p[key][q][i]
                yield f"{key} {q} {y}", x, z, max(abs(x), abs(z))
            else:  # a reduction may be near zero: relative to the year's baseline total
                for m, n in zip(e["measures"], p["measures"]):
                    x, z = m["reduction"][q][i], n["reduction"][q][i]
                    yield f"reduction of {m['id']} {q} {y}", x, z, abs(e["baseline_totals"][q][i])
def worst(key):
    d, where, x, z = max(((abs(x - z) / s if s else abs(x - z)), w, x, z) for w, x, z, s in pairs(key))
    print(f"  worst {key} difference {d:.1e} ({where}: emis {x!r}, NumPy {z!r})")
    return d
sys.exit(1 if max(worst("totals"), worst("baseline_totals"), worst("reductions")) > 1e-9 else 0)
EOF
}

sha=$(sha256sum "$emis")
load=$(cut -d" " -f1 /proc/loadavg)
rows=()
for scen in scenario scenario-sectors; do
  f=$inv/$scen.yaml
  for tool in "${tools[@]}"; do  # untimed warm-up
    command_of "$tool" "$f"; "${cmd[@]}" >"$work/out/$scen.${tool// /}.json"
  done
  declare -A t=() mem=()
  for _ in $(seq "$runs"); do  # the tools in turn, so that a slow spell of the machine hits all
    for tool in "${tools[@]}"; do
      command_of "$tool" "$f"
      read -r s m <<<"$(measure "$work/out/$scen.${tool// /}.json" "${cmd[@]}")"
      t[$tool]+="$s "; mem[$tool]+="$m "
    done
  done
  echo "$scen ($f): emis vs NumPy"
  cmp -s "$work/out/$scen.emis.json" "$work/out/$scen.emis--no-cache.json" || { echo "emis output differs with --no-cache" >&2; exit 1; }
  compare "$work/out/$scen.emis.json" "$work/out/$scen.NumPy.json" || { echo "FAILED: emis and NumPy disagree on $scen" >&2; exit 1; }
  np_t=$(tr ' ' '\n' <<<"${t[NumPy]}" | grep . | median); np_m=$(tr ' ' '\n' <<<"${mem[NumPy]}" | grep . | median)
  for tool in "${tools[@]}"; do
    sorted=$(tr ' ' '\n' <<<"${t[$tool]}" | grep . | sort -n)
    mt=$(median <<<"$sorted"); mm=$(tr ' ' '\n' <<<"${mem[$tool]}" | grep . | median)
    ratio=$(awk -v a="$mt" -v b="$np_t" -v c="$mm" -v d="$np_m" 'BEGIN {printf "%.2f / %.2f", a/b, c/d}')
    rows+=("$(printf "%-18s %-16s %-8.2f %-13s %-9.0f %-21s %s" "$scen" "$tool" "$mt" \
      "$(head -1 <<<"$sorted")–$(tail -1 <<<"$sorted")" "$mm" "$ratio" "${t[$tool]}")")
  done
  unset t mem
done
echo
echo "$n sources, $runs runs each, $(nproc) cores, load average $load at the start and $(cut -d" " -f1 /proc/loadavg) at the end"
echo "emis $("$emis" --version), $("$py" -c 'import numpy, pandas; print(f"numpy {numpy.__version__}, pandas {pandas.__version__}")')"
printf "%-18s %-16s %-8s %-13s %-9s %-21s %s\n" scenario tool "median s" "min–max s" "median MB" "vs NumPy (time / MB)" "runs (s)"
printf '%s\n' "${rows[@]}"
[ "$sha" = "$(sha256sum "$emis")" ] || echo "warning: $emis changed during the benchmark (rebuilt?); the emis figures mix binaries" >&2
