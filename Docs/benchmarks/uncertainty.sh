#!/usr/bin/env bash
# The Monte Carlo benchmarks of Docs/performance.md: 10,000 draws of the Datong plan with 1
# and 2 threads, and DRAWS draws of a synthetic inventory of SOURCES sources with 50 factors.
# Usage: Docs/benchmarks/uncertainty.sh [RUNS] [WORKDIR] [SOURCES] [DRAWS]
# Builds emis in release mode, generates the inventory (`emis synth --seed 1`) and the
# 50-factor scenario under WORKDIR if missing, and times each command RUNS times under
# /usr/bin/time -v, printing the median wall time, its range and the median peak memory.
set -euo pipefail
runs=${1:-5}
work=${2:-/tmp/emis-uncertainty}
n=${3:-1000000}
draws=${4:-100}
cd "$(dirname "$0")/../.."
swift build -c release --product emis >/dev/null
emis=$PWD/.build/release/emis
export OPENBLAS_NUM_THREADS=1 XDG_CACHE_HOME="$work/cache"
dir="$work/s$n"
mkdir -p "$work"
[ -f "$dir/scenario.yaml" ] || "$emis" synth --sources "$n" --seed 1 --out "$dir" --force >/dev/null

# 50 factors: one emission-factor group per sector and pollutant family (30), 6 activity
# factors, one per-source factor, 4 growth factors, 9 measure levels; 2 correlations.
python3 - "$dir/mc.yaml" <<'PY'
import sys
sectors = ["agriculture/livestock", "industry/other", "industry/solvents", "wastewater/industrial",
           "residential/heating/coal", "wastewater/domestic", "commercial/energy", "fuel-distribution",
           "solvents/non-industrial", "agriculture/fertiliser", "heating/coal-boiler", "industry/chemicals",
           "industry/metallurgy", "transport/road", "transport/non-road", "industry/coking",
           "industry/cement", "power/coal"]
families = {"agriculture": ["NH3", "COD", "NH3-N"], "wastewater": ["COD", "NH3-N"],
            "industry/solvents": ["VOCs"], "solvents": ["VOCs"], "fuel-distribution": ["VOCs"]}
lines = ["# 50 uncertain factors on the synthetic inventory (benchmark only).",
         "extends: scenario.yaml", "uncertainty:"]
n = 0
for s in sectors:
    groups = [families.get(s) or families.get(s.split("/")[0])] 
    if groups == [None]:
        groups = [["SO2", "NOx"], ["PM", "VOCs", "CO2"]]
    for g in groups:
        n += 1
        lines.append(f"  - {{id: ef-{n}, of: ef, select: {{sector: {s}}}, pollutants: [{', '.join(g)}], range: [-0.2, 0.4]}}")
while n < 36:
    n += 1
    lines.append(f"  - {{id: act-{n}, of: activity, select: {{sector: {sectors[n % len(sectors)]}}}, range: [-0.1, 0.1], distribution: normal}}")
lines.append("  - {id: per-source-livestock, of: ef, select: {sector: agriculture/livestock}, pollutants: [NH3], range: [-0.3, 0.3], correlated: false}")
for d in ["industry", "power", "residential"]:
    lines.append(f"  - {{id: g-{d}, of: growth, select: {{sector: {d}}}, range: [-0.5, 0.5], distribution: normal}}")
lines.append("  - {id: g-gdp, of: growth, macro: gdp, range: [-0.3, 0.3], distribution: normal}")
for m in ["ule-power", "ule-cement", "ule-metal", "vocs-solvents", "vocs-fuel", "heat-electric", "boiler-gas",
          "renewables", "diesel-nox"]:
    lines.append(f"  - {{id: lv-{m}, of: level, measure: {m}, range: [-0.3, 0], distribution: uniform}}")
lines += ["correlation:", "  - {between: [g-gdp, g-industry], r: 0.6}", "  - {between: [ef-1, ef-2], r: 0.3}"]
assert sum(1 for l in lines if l.startswith("  - {id:")) == 50
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY

. Docs/benchmarks/lib.sh
echo "| command | median | range | peak memory |"
echo "|---|---:|---:|---:|"
"$emis" validate "$dir/mc.yaml" >/dev/null   # fills the inventory cache
measure "Datong plan, 10,000 draws, 1 thread" "$emis" uncertainty Scenarios/plan.yaml --draws 10000 --threads 1 --format json
measure "Datong plan, 10,000 draws, 2 threads" "$emis" uncertainty Scenarios/plan.yaml --draws 10000 --threads 2 --format json
measure "$n sources, one projection" "$emis" project "$dir/mc.yaml" --format json
measure "$n sources, 50 factors, $draws draws" "$emis" uncertainty "$dir/mc.yaml" --draws "$draws" --format json
