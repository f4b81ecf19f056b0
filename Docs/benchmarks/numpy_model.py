#!/usr/bin/env python3
"""An independent NumPy + pandas implementation of the emis projection, for benchmarks.

Usage: python numpy_model.py SCENARIO.yaml [--out FILE] [--timings]

Written from the reference (Docs/reference/en: inventory.md, scenario.md, measures.md,
targets.md, output.md), not from the Swift code, as an analyst with NumPy and pandas would
write it: the sources table is read with pandas.read_csv into one array per column, every
source's state (activity A, and per pollutant the abatement factor a = 1 - eta and the
emission multiplier m) is a NumPy array, and every year is projected from the base-year
state with each measure acting, in order, on the rows of its selection (integer indices,
resolved once; per pollutant only the rows that emit it, k > 0, as k never changes).
Emissions are E = A * k * a * m per source and pollutant. A measure's reduction (the total
before it minus the total after it) is the change it makes to its rows' emissions, plus for
substitute and add its target's; the baseline is, per driver, the base-year sum of its
sources times its growth; every year's scenario total is the full sum of A * k * a * m.
A retrofit with both efficiency and additional for one pollutant applies the replacement
first, in the order of the reference's formula.

It writes a JSON object shaped like the relevant parts of `emis project --format json`:
scenario, base_year, years, pollutants, baseline_totals, totals, measures, targets,
warnings (its own wording), and energy_tce / non_fossil_share when sources have energy_tce.
Docs/benchmarks/census.sh runs it next to emis and compares the two outputs.

Supported: inventory.yaml (every key; macro series for intensity targets; emission_unit);
sources.csv (id, name, sector, county, activity, activity_unit, energy_tce, fossil, <P>,
<P>.ef, <P>.eff, headers in any case); scenario keys scenario, title, description,
inventory, years, drivers, measures, targets (a list or a targets file), economics (ignored:
costs are not modelled); drivers with select or macro, rate or index; selectors with
sector (prefix paths), county, ids; the measure kinds retrofit (efficiency, additional,
coverage), substitute (share or amount, ratio, `to` a source id or an inline source row),
scale, reduction, cap and add, with start/full phase-in; targets of kind reduction, cap,
project_reduction and intensity for a pollutant or the energy metric, without `select`.
Not supported (an error, never a silent approximation): extends, import, remove,
candidate measures, targets with select, and any key not listed in the reference.
Only NumPy, pandas and PyYAML are needed.
"""
import argparse
import csv
import json
import os
import sys
import time

import numpy as np
import pandas as pd
import yaml

# The pollutant registry, in its order (Docs/reference/en/README.md).
POLLUTANTS = ["SO2", "NOx", "VOCs", "PM", "PM10", "PM2.5", "CO", "NH3", "COD", "NH3-N", "CO2"]
MASS_UNITS = {"kg": 1e-3, "t": 1.0, "kt": 1e3, "万t": 1e4, "万吨": 1e4, "Mt": 1e6}
PLAIN_COLUMNS = ["id", "name", "sector", "county", "activity", "activity_unit", "energy_tce", "fossil"]
MEASURE_COMMON = {"id", "title", "kind", "select", "start", "full", "category", "note", "cost", "candidate"}
MEASURE_KEYS = {
    "scale": {"factor"},
    "substitute": {"to", "share", "amount", "ratio"},
    "retrofit": {"efficiency", "additional", "coverage"},
    "reduction": {"amount"},
    "cap": {"limit"},
    "add": {"source"},
}


class ModelError(Exception):
    pass


def fail(message):
    raise ModelError(message)


def check_keys(mapping, allowed, where, required=()):
    if not isinstance(mapping, dict):
        fail(f"{where}: expected a mapping, got {mapping!r}")
    unknown = sorted(set(map(str, mapping)) - set(allowed))
    if unknown:
        fail(f"{where}: unsupported key(s) {', '.join(unknown)}")
    missing = [k for k in required if k not in mapping]
    if missing:
        fail(f"{where}: missing key(s) {', '.join(missing)}")


def number(value, where):
    # PyYAML follows YAML 1.1, where 1e-3 (no dot) is a string: accept numeric strings.
    if isinstance(value, bool):
        fail(f"{where}: expected a number, got {value!r}")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    fail(f"{where}: expected a number, got {value!r}")


def year(value, where):
    v = number(value, where)
    if v != int(v):
        fail(f"{where}: a year must be a whole number, got {value!r}")
    return int(v)


def mass(value, plain_unit, where):
    """A mass in t: a plain number in `plain_unit` (factor to t), or "<number> <unit>"."""
    if isinstance(value, str) and len(value.split()) == 2:
        num, unit = value.split()
        if unit not in MASS_UNITS:
            fail(f"{where}: unknown mass unit {unit!r}")
        return number(num, where) * MASS_UNITS[unit]
    return number(value, where) * plain_unit


def texts(value, where):
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) for v in values):
        fail(f"{where}: expected a text or a list of texts, got {value!r}")
    return values


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def true_false(text, where):
    t = str(text).strip().lower()
    if t == "true":
        return True
    if t == "false":
        return False
    fail(f"{where}: expected true or false, got {text!r}")


# --------------------------------------------------------------------------------------
# The inventory


class Inventory:
    """The CSV sources as NumPy arrays, plus (appended after them) the scenario's sources."""

    def __init__(self, path, need_ids, need_county):
        if os.path.isdir(path):
            path = os.path.join(path, "inventory.yaml")
        doc = load_yaml(path)
        check_keys(doc, {"name", "title", "region", "base_year", "sources", "emission_unit", "macro",
                         "sector_names", "provenance"}, path, required=("base_year", "sources"))
        self.base_year = year(doc["base_year"], f"{path}: base_year")
        unit = doc.get("emission_unit", "t")
        if unit not in MASS_UNITS:
            fail(f"{path}: unknown emission_unit {unit!r}")
        self.unit = MASS_UNITS[unit]
        self.macro = {}
        for name, series in (doc.get("macro") or {}).items():
            check_keys(series, {"value", "unit"}, f"{path}: macro {name}", required=("value",))
            self.macro[str(name)] = number(series["value"], f"{path}: macro {name}")
        self.read_sources(os.path.join(os.path.dirname(path), doc["sources"]), need_ids, need_county)

    def read_sources(self, csv_path, need_ids, need_county):
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        plain = {c: c for c in PLAIN_COLUMNS}
        for p in POLLUTANTS:
            for suffix in ("", ".ef", ".eff"):
                plain[(p + suffix).lower()] = p + suffix
        columns = {}  # canonical name -> name in the file
        for h in header:
            canonical = plain.get(h.strip().lower())
            if canonical is None:
                print(f"warning: {csv_path}: column {h!r} ignored", file=sys.stderr)
            elif canonical in columns:
                fail(f"{csv_path}: column {canonical} given twice")
            else:
                columns[canonical] = h
        for required in ("id", "sector"):
            if required not in columns:
                fail(f"{csv_path}: no {required} column")
        wanted = ["sector", "activity", "energy_tce", "fossil"] + [c for c in columns if c[0].isupper()]
        if need_ids:
            wanted.append("id")
        if need_county:
            wanted.append("county")
        wanted = [c for c in wanted if c in columns]
        dtypes = {columns[c]: "float64" for c in wanted}
        for c in ("id", "sector", "county", "fossil"):
            if c in wanted:
                dtypes[columns[c]] = "str" if c == "id" else "category"
        df = pd.read_csv(csv_path, usecols=[columns[c] for c in wanted], dtype=dtypes,
                         encoding="utf-8-sig", keep_default_na=False, na_values=[""], engine="c")
        df.columns = [next(c for c in wanted if columns[c] == h) for h in df.columns]
        self.n = len(df)

        sector = df["sector"]
        if sector.isna().any():
            fail(f"{csv_path}: a source without sector")
        self.sector_names = list(sector.cat.categories)
        self.sector_code = sector.cat.codes.to_numpy(np.int32)
        if "county" in df:
            self.county_names = list(df["county"].cat.categories)
            self.county_code = df["county"].cat.codes.to_numpy(np.int32)  # -1: no county
        self.ids = df["id"].to_numpy(object) if "id" in df else None

        activity = df["activity"].to_numpy(np.float64) if "activity" in df else np.ones(self.n)
        activity = np.where(np.isnan(activity), 1.0, activity)  # an empty cell means 1
        self.activity0 = activity
        energy = df["energy_tce"].to_numpy(np.float64) if "energy_tce" in df else None
        self.has_energy = energy is not None
        if energy is not None:
            fossil = np.ones(self.n, bool)
            if "fossil" in df:
                cats = df["fossil"].cat.categories
                lookup = np.array([true_false(c, f"{csv_path}: fossil") for c in cats] + [True])
                fossil = lookup[df["fossil"].cat.codes.to_numpy()]  # code -1 (empty): true
            self.energy = np.where(np.isnan(energy), 0.0, energy)
            self.non_fossil = np.where(fossil, 0.0, self.energy)

        # Per pollutant: unabated intensity k (t per activity unit) and a0 = 1 - eta0.
        self.k, self.a0 = {}, {}
        for p in POLLUTANTS:
            e0 = df[p].to_numpy(np.float64) if p in df else None
            ef = df[p + ".ef"].to_numpy(np.float64) if p + ".ef" in df else None
            if e0 is None and ef is None:
                continue
            eff = df[p + ".eff"].to_numpy(np.float64) if p + ".eff" in df else np.zeros(self.n)
            eff = np.where(np.isnan(eff), 0.0, eff)
            if ((eff < 0) | (eff >= 1)).any():
                fail(f"{csv_path}: {p}.eff outside [0, 1)")
            a0 = 1.0 - eff
            k = np.zeros(self.n)
            if ef is not None:
                k = np.where(np.isnan(ef), 0.0, ef / 1000.0)
            if e0 is not None:
                given = ~np.isnan(e0)
                if ef is not None and (given & ~np.isnan(ef)).any():
                    fail(f"{csv_path}: both {p} and {p}.ef for one source")
                if (given & (e0 > 0) & (activity == 0)).any():
                    fail(f"{csv_path}: {p} > 0 with activity 0")
                with np.errstate(divide="ignore", invalid="ignore"):
                    k_mass = e0 * self.unit / (activity * a0)
                k = np.where(given & (activity > 0), k_mass, k)
            self.k[p], self.a0[p] = k, a0
        del df
        self.extra = []  # scenario sources (inline targets, add), appended after the CSV rows

    def add_source(self, row, where, inline):
        """A source row of a scenario (an `add` source or an inline `to`); returns its index."""
        allowed = set(PLAIN_COLUMNS) | {p + s for p in POLLUTANTS for s in ("", ".ef", ".eff")}
        check_keys(row, allowed, where, required=("id", "sector") if inline else ("id", "sector", "activity"))
        if inline and ("activity" in row or any(p in row for p in POLLUTANTS)):
            fail(f"{where}: an inline target starts with zero activity: no activity and no <P>")
        src = {"id": str(row["id"]), "sector": str(row["sector"]), "county": row.get("county"),
               "activity": 0.0 if inline else number(row["activity"], f"{where}: activity"),
               "energy": None, "fossil": True, "k": {}, "a0": {}}
        if any(e["id"] == src["id"] for e in self.extra) or (
                self.ids is not None and (self.ids == src["id"]).any()):
            fail(f"{where}: source id {src['id']} exists already")
        if "energy_tce" in row:
            src["energy"] = number(row["energy_tce"], f"{where}: energy_tce")
            if "fossil" in row:
                src["fossil"] = row["fossil"] if isinstance(row["fossil"], bool) else true_false(row["fossil"], where)
        for p in POLLUTANTS:
            eta = number(row.get(p + ".eff", 0), f"{where}: {p}.eff")
            if p in row and p + ".ef" in row:
                fail(f"{where}: both {p} and {p}.ef")
            if p + ".ef" in row:
                src["k"][p] = number(row[p + ".ef"], f"{where}: {p}.ef") / 1000.0
            elif p in row:
                e0 = mass(row[p], self.unit, f"{where}: {p}")
                if e0 > 0 and src["activity"] == 0:
                    fail(f"{where}: {p} > 0 with activity 0")
                src["k"][p] = e0 / (src["activity"] * (1 - eta)) if e0 > 0 else 0.0
            elif p + ".eff" not in row:
                continue
            src["k"].setdefault(p, 0.0)
            src["a0"][p] = 1.0 - eta
        self.extra.append(src)
        return self.n + len(self.extra) - 1

    def finish(self):
        """Appends the scenario's sources to the arrays; returns the pollutants."""
        x = self.extra
        for p in {p for s in x for p in s["k"]} - set(self.k):
            self.k[p], self.a0[p] = np.zeros(self.n), np.ones(self.n)
        for p in self.k:
            self.k[p] = np.concatenate([self.k[p], [s["k"].get(p, 0.0) for s in x]])
            self.a0[p] = np.concatenate([self.a0[p], [s["a0"].get(p, 1.0) for s in x]])
        self.activity0 = np.concatenate([self.activity0, np.zeros(len(x))])  # they start at zero
        if self.has_energy or any(s["energy"] is not None for s in x):
            if not self.has_energy:
                self.energy = self.non_fossil = np.zeros(self.n)
            e = [s["energy"] or 0.0 for s in x]
            self.energy = np.concatenate([self.energy, e])
            self.non_fossil = np.concatenate([self.non_fossil, [0.0 if s["fossil"] else v for s, v in zip(x, e)]])
            self.has_energy = True
        return [p for p in POLLUTANTS if p in self.k]

    # Selectors: AND across keys, OR within a list.
    def select(self, sel, where, visible_extra):
        """Indices (CSV rows, then scenario sources among visible_extra) the selector matches."""
        check_keys(sel, {"sector", "county", "ids"}, where)
        if not sel:
            fail(f"{where}: an empty selector")
        mask = np.ones(self.n, bool)
        extra = list(visible_extra)
        if "sector" in sel:
            prefixes = texts(sel["sector"], f"{where}: sector")

            def matches(s):
                return any(s == p or s.startswith(p + "/") for p in prefixes)
            lookup = np.array([matches(s) for s in self.sector_names] + [False])
            mask &= lookup[self.sector_code]
            extra = [i for i in extra if matches(self.extra[i - self.n]["sector"])]
        if "county" in sel:
            counties = set(texts(sel["county"], f"{where}: county"))
            lookup = np.array([c in counties for c in self.county_names] + [False])
            mask &= lookup[self.county_code]
            extra = [i for i in extra if self.extra[i - self.n]["county"] in counties]
        if "ids" in sel:
            wanted = texts(sel["ids"], f"{where}: ids")
            positions = pd.Index(self.ids).get_indexer(wanted)
            extra_ids = {self.extra[i - self.n]["id"]: i for i in range(self.n, self.n + len(self.extra))}
            unknown = [w for w, q in zip(wanted, positions) if q < 0 and w not in extra_ids]
            if unknown:
                fail(f"{where}: unknown source id(s) {', '.join(unknown)}")
            by_id = np.zeros(self.n, bool)
            by_id[positions[positions >= 0]] = True
            mask &= by_id
            extra = [i for i in extra if self.extra[i - self.n]["id"] in set(wanted)]
        return np.concatenate([np.flatnonzero(mask), np.array(extra, dtype=np.int64)])


# --------------------------------------------------------------------------------------
# The scenario


def growth(driver, base, years, where):
    """g(y) for every year of the scenario."""
    if ("rate" in driver) == ("index" in driver):
        fail(f"{where}: exactly one of rate and index")
    if "rate" in driver:
        r = number(driver["rate"], f"{where}: rate")
        return np.array([(1.0 + r) ** (y - base) for y in years])
    index = {year(y, f"{where}: index"): number(v, f"{where}: index") for y, v in driver["index"].items()}
    xs = sorted(index)
    g = np.interp(years, xs, [index[x] for x in xs])  # linear between the years, flat outside
    return g / index[base] if base in index else g


def phase_in(m, y):
    if y < m["start"]:
        return 0.0
    if y <= m["full"]:
        return (y - m["start"] + 1) / (m["full"] - m["start"] + 1)
    return 1.0


class Scenario:
    def __init__(self, path):
        doc = load_yaml(path)
        check_keys(doc, {"scenario", "title", "description", "inventory", "years", "drivers", "measures",
                         "targets", "economics"}, path, required=("inventory", "years"))
        here = os.path.dirname(os.path.abspath(path))
        self.id = str(doc.get("scenario", os.path.splitext(os.path.basename(path))[0]))
        measures = doc.get("measures") or []
        drivers = doc.get("drivers") or []
        targets = doc.get("targets") or []
        if isinstance(targets, str):
            tdoc = load_yaml(os.path.join(here, targets))
            check_keys(tdoc, {"title", "description", "targets"}, targets, required=("targets",))
            targets = tdoc["targets"]
        selectors = [d["select"] for d in drivers if isinstance(d, dict) and "select" in d]
        selectors += [m["select"] for m in measures if isinstance(m, dict) and "select" in m]
        need_ids = any(isinstance(s, dict) and "ids" in s for s in selectors) or any(
            isinstance(m, dict) and isinstance(m.get("to"), str) for m in measures)
        need_county = any(isinstance(s, dict) and "county" in s for s in selectors)
        self.inv = inv = Inventory(os.path.join(here, doc["inventory"]), need_ids, need_county)
        first, last = (year(y, f"{path}: years") for y in doc["years"])
        if first != inv.base_year or last < first:
            fail(f"{path}: years must start at the base year {inv.base_year}")
        self.years = list(range(first, last + 1))
        self.prepare_measures(measures, path)
        self.pollutants_present = inv.finish()
        # Per measure and pollutant, the selected rows that emit it (k > 0): the only rows
        # whose emissions a measure can change, as k never changes.
        for ms in self.measures:
            if ms["kind"] in ("scale", "substitute"):
                changed = self.pollutants_present
            elif ms["kind"] == "retrofit":
                changed = set(ms["efficiency"]) | set(ms["additional"])
            elif ms["kind"] in ("reduction", "cap"):
                changed = set(ms["amount" if ms["kind"] == "reduction" else "limit"])
            else:
                continue
            ms["rows"] = {}
            for p in set(changed) & set(inv.k):
                emits = inv.k[p][ms["idx"]] != 0
                ms["rows"][p] = ms["idx"] if emits.all() else ms["idx"][emits]
            if ms["kind"] not in ("scale", "substitute"):
                del ms["idx"]  # activity unchanged: only the emitting rows are needed
        self.prepare_drivers(drivers, path)
        self.targets = targets

    def prepare_measures(self, measures, path):
        inv, base = self.inv, self.inv.base_year
        self.measures, seen = [], set()
        for j, m in enumerate(measures):
            where = f"{path}: measure {m.get('id', j + 1) if isinstance(m, dict) else j + 1}"
            kind = m.get("kind") if isinstance(m, dict) else None
            if kind not in MEASURE_KEYS:
                fail(f"{where}: unsupported kind {kind!r}")
            check_keys(m, MEASURE_COMMON | MEASURE_KEYS[kind], where,
                       required=("id", "kind") + (("source",) if kind == "add" else ("select",)))
            if m.get("candidate"):
                fail(f"{where}: candidate measures are not supported")
            if m["id"] in seen:
                fail(f"{where}: a repeated measure id")
            seen.add(m["id"])
            start = year(m.get("start", base + 1), f"{where}: start")
            full = year(m.get("full", start), f"{where}: full")
            if start < base or full < start:
                fail(f"{where}: start before the base year or full before start")
            spec = {"id": str(m["id"]), "kind": kind, "start": start, "full": full}
            visible = range(inv.n, inv.n + len(inv.extra))  # sources added by earlier measures
            if kind != "add":
                spec["idx"] = inv.select(m["select"], f"{where}: select", visible)
            if kind == "scale":
                spec["factor"] = number(m["factor"], f"{where}: factor")
            elif kind == "retrofit":
                if "efficiency" not in m and "additional" not in m:
                    fail(f"{where}: efficiency or additional required")
                spec["coverage"] = number(m.get("coverage", 1), f"{where}: coverage")
                spec["efficiency"] = {p: number(v, where) for p, v in (m.get("efficiency") or {}).items()}
                spec["additional"] = {p: number(v, where) for p, v in (m.get("additional") or {}).items()}
                for p in list(spec["efficiency"]) + list(spec["additional"]):
                    if p not in POLLUTANTS:
                        fail(f"{where}: unknown pollutant {p}")
            elif kind == "substitute":
                if ("share" in m) == ("amount" in m):
                    fail(f"{where}: exactly one of share and amount")
                spec["share"] = number(m["share"], where) if "share" in m else None
                spec["amount"] = number(m["amount"], where) if "amount" in m else None
                spec["ratio"] = number(m.get("ratio", 1), f"{where}: ratio")
                to = m["to"]
                if isinstance(to, dict):
                    existing = [i for i, e in enumerate(inv.extra) if e["id"] == str(to.get("id"))]
                    # An inline row names a new source the first time, the same source later.
                    target = inv.n + existing[0] if existing else inv.add_source(to, f"{where}: to", inline=True)
                else:
                    target = inv.select({"ids": [str(to)]}, f"{where}: to", visible)[0]
                spec["target"] = target
                spec["idx"] = spec["idx"][spec["idx"] != target]  # never in its own selection
            elif kind in ("reduction", "cap"):
                key = "amount" if kind == "reduction" else "limit"
                spec[key] = {p: mass(v, 1.0, f"{where}: {key}") for p, v in m[key].items()}
                for p in spec[key]:
                    if p not in POLLUTANTS:
                        fail(f"{where}: unknown pollutant {p}")
            elif kind == "add":
                spec["target"] = inv.add_source(m["source"], f"{where}: source", inline=False)
                spec["activity"] = inv.extra[-1]["activity"]
            if kind != "add" and len(spec["idx"]) == 0:
                fail(f"{where}: the selector matches no source")
            self.measures.append(spec)

    def prepare_drivers(self, drivers, path):
        inv, years, base = self.inv, self.years, self.inv.base_year
        total = inv.n + len(inv.extra)
        self.driver_of = np.zeros(total, np.int32)  # 0: no driver, else driver number + 1
        table = [np.ones(len(years))]
        self.macro = {name: np.full(len(years), value) for name, value in inv.macro.items()}
        for d, drv in enumerate(drivers):
            where = f"{path}: driver {d + 1}"
            check_keys(drv, {"select", "macro", "rate", "index", "title", "note"}, where)
            if ("select" in drv) == ("macro" in drv):
                fail(f"{where}: exactly one of select and macro")
            g = growth(drv, base, years, where)
            if "macro" in drv:  # projects a macro series only; the last such driver applies
                if drv["macro"] not in inv.macro:
                    fail(f"{where}: unknown macro series {drv['macro']}")
                self.macro[drv["macro"]] = inv.macro[drv["macro"]] * g
                continue
            idx = inv.select(drv["select"], f"{where}: select", range(inv.n, total))
            if len(idx) == 0:
                fail(f"{where}: the selector matches no source")
            table.append(g)
            self.driver_of[idx] = len(table) - 1  # the last matching driver applies
        self.growth = np.array(table)  # drivers x years

    # ----------------------------------------------------------------------------------
    def project(self, timings):
        inv, P = self.inv, self.pollutants_present
        ny, nm = len(self.years), len(self.measures)
        k, a0 = inv.k, inv.a0
        totals = {p: np.zeros(ny) for p in P}
        baseline = {p: np.zeros(ny) for p in P}
        reduction = [{p: np.zeros(ny) for p in P} for _ in range(nm)]
        energy = np.zeros(ny)
        non_fossil = np.zeros(ny)
        self.warnings = []
        # The baseline is linear in g: per driver group, the base-year sum of A0*k*a0.
        groups = {p: np.bincount(self.driver_of, weights=inv.activity0 * k[p] * a0[p],
                                 minlength=len(self.growth)) for p in P}
        t0 = time.perf_counter()
        for yi, y in enumerate(self.years):
            g = self.growth[self.driver_of, yi]
            A = inv.activity0 * g
            a = dict(a0)  # copied on first change, per pollutant
            m = {}        # emission multipliers; a missing pollutant has m = 1 everywhere
            for p in P:
                baseline[p][yi] = groups[p] @ self.growth[:, yi]

            def weight(p, idx):  # k * a * m of the rows idx (emissions per unit of activity)
                w = k[p][idx] * a[p][idx]
                return w * m[p][idx] if p in m else w

            for j, ms in enumerate(self.measures):
                phi = phase_in(ms, y)
                if phi == 0.0:
                    continue
                red, kind = reduction[j], ms["kind"]
                if kind == "add":
                    t = ms["target"]
                    A[t] = phi * ms["activity"] * g[t]  # grows with the drivers that match it
                    for p in P:
                        red[p][yi] = -A[t] * weight(p, t)
                    continue
                idx, rows = ms.get("idx"), ms["rows"]
                if kind == "retrofit":
                    c = ms["coverage"]
                    for p in set(ms["efficiency"]) | set(ms["additional"]):
                        if p not in k:
                            continue
                        if a[p] is a0[p]:
                            a[p] = a0[p].copy()
                        ap, r = a[p], rows[p]
                        old = ap[r]
                        new = old
                        if p in ms["efficiency"]:  # replacement: never lowers the efficiency
                            new = new - phi * c * np.maximum(0.0, ms["efficiency"][p] - (1.0 - new))
                        if p in ms["additional"]:  # add-on removal of what is left
                            new = new * (1.0 - phi * c * ms["additional"][p])
                        ap[r] = new
                        km = k[p][r] * m[p][r] if p in m else k[p][r]
                        red[p][yi] = np.dot(A[r] * km, old - new)
                elif kind == "scale":
                    f = 1.0 - phi * (1.0 - ms["factor"])
                    for p in P:
                        red[p][yi] = (1.0 - f) * np.dot(A[rows[p]], weight(p, rows[p]))
                    A[idx] *= f
                elif kind == "substitute":
                    As, t = A[idx], ms["target"]
                    if ms["share"] is not None:
                        share = ms["share"] * phi  # of each selected source's activity
                    else:  # an amount in total, pro rata to activity, at most all of it
                        available = As.sum()
                        wanted = ms["amount"] * phi
                        if wanted > available:
                            self.warnings.append(f"{ms['id']} {y}: amount {wanted} exceeds the activity {available}")
                        share = min(1.0, wanted / available) if available > 0 else 0.0
                    moved = As * share
                    gained = ms["ratio"] * moved.sum()
                    for p in P:
                        red[p][yi] = share * np.dot(A[rows[p]], weight(p, rows[p])) - gained * weight(p, t)
                    A[idx] = As - moved
                    A[t] += gained
                elif kind in ("reduction", "cap"):
                    for p, value in ms["amount" if kind == "reduction" else "limit"].items():
                        if p not in k:
                            continue
                        current = np.dot(A[rows[p]], weight(p, rows[p]))
                        if kind == "reduction":
                            cut = phi * value
                            if cut > current:
                                self.warnings.append(f"{ms['id']} {y}: {p} cut {cut} t exceeds {current} t")
                            f = max(0.0, 1.0 - cut / current) if current > 0 else 1.0
                        else:
                            if current <= value:
                                continue
                            f = ((1.0 - phi) * current + phi * value) / current
                        if p not in m:
                            m[p] = np.ones(len(A))
                        m[p][rows[p]] *= f
                        red[p][yi] = current * (1.0 - f)
            for p in P:
                w = k[p] * a[p]
                if p in m:
                    w *= m[p]
                totals[p][yi] = np.dot(A, w)
            if inv.has_energy:
                energy[yi] = np.dot(A, inv.energy)
                non_fossil[yi] = np.dot(A, inv.non_fossil)
        if timings:
            print(f"projection: {time.perf_counter() - t0:.2f} s", file=sys.stderr)

        shown = [p for p in P if np.any(baseline[p] != 0) or np.any(totals[p] != 0)]
        out = {
            "scenario": self.id,
            "base_year": inv.base_year,
            "years": self.years,
            "pollutants": shown,
            "baseline_totals": {p: baseline[p].tolist() for p in shown},
            "totals": {p: totals[p].tolist() for p in shown},
            "measures": [{"id": ms["id"], "reduction": {p: reduction[j][p].tolist() for p in shown}}
                         for j, ms in enumerate(self.measures)],
            "warnings": self.warnings,
        }
        if inv.has_energy:
            out["energy_tce"] = energy.tolist()
            out["non_fossil_share"] = [nf / e if e > 0 else 0.0 for nf, e in zip(non_fossil, energy)]
        # The inventory's base-year totals (before any driver or measure), for targets.
        base_totals = {p: float(np.dot(inv.activity0[:inv.n] * k[p][:inv.n], a0[p][:inv.n])) for p in P}
        base_energy = float(np.dot(inv.activity0[:inv.n], inv.energy[:inv.n])) if inv.has_energy else 0.0
        out["targets"] = [self.evaluate(t, totals, baseline, base_totals, energy, base_energy, i)
                          for i, t in enumerate(self.targets)]
        return out

    def evaluate(self, t, totals, baseline, base_totals, energy, base_energy, i):
        where = f"target {t.get('id', i + 1) if isinstance(t, dict) else i + 1}"
        kinds = ["reduction", "cap", "project_reduction", "intensity"]
        check_keys(t, {"id", "title", "note", "pollutant", "metric", "year"} | set(kinds), where,
                   required=("id", "year"))
        kind = [k for k in kinds if k in t]
        if len(kind) != 1 or ("pollutant" in t) == ("metric" in t):
            fail(f"{where}: one kind and one of pollutant and metric")
        kind = kind[0]
        yi = self.years.index(year(t["year"], where))
        if "metric" in t:
            if t["metric"] != "energy" or kind == "project_reduction":
                fail(f"{where}: unsupported metric target")
            value, base, base_line = energy[yi], base_energy, None
        else:
            p = t["pollutant"]
            if p not in POLLUTANTS:
                fail(f"{where}: unknown pollutant {p}")
            series = totals.get(p, np.zeros(len(self.years)))
            value, base = series[yi], base_totals.get(p, 0.0)
            base_line = baseline.get(p, np.zeros(len(self.years)))[yi]
        if kind == "reduction":
            required = number(t["reduction"], where)
            if base == 0:
                fail(f"{where}: base-year total is zero")
            projected = 1.0 - value / base
        elif kind == "intensity":
            check_keys(t["intensity"], {"per", "reduction"}, where, required=("per", "reduction"))
            per = t["intensity"]["per"]
            if per not in self.macro:
                fail(f"{where}: unknown macro series {per}")
            if base == 0:
                fail(f"{where}: base-year total is zero")
            required = number(t["intensity"]["reduction"], where)
            projected = 1.0 - (value / self.macro[per][yi]) / (base / self.inv.macro[per])
        elif kind == "cap":
            required, projected = mass(t["cap"], 1.0, where), value
        else:
            required, projected = mass(t["project_reduction"], 1.0, where), base_line - value
        margin = required - projected if kind == "cap" else projected - required
        out = {"id": str(t["id"]), "year": self.years[yi], "kind": kind, "required": required,
               "projected": float(projected), "margin": float(margin),
               "met": bool(margin >= -1e-9 * max(1.0, abs(required)))}
        out["metric" if "metric" in t else "pollutant"] = t.get("metric", t.get("pollutant"))
        return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", help="a scenario file")
    parser.add_argument("--out", help="write the JSON here instead of standard output")
    parser.add_argument("--timings", action="store_true", help="print load and projection times to stderr")
    args = parser.parse_args()
    t0 = time.perf_counter()
    try:
        scenario = Scenario(args.scenario)
        if args.timings:
            print(f"load + prepare: {time.perf_counter() - t0:.2f} s", file=sys.stderr)
        result = scenario.project(args.timings)
    except (ModelError, OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as e:
        print(f"numpy_model.py: error: {e}", file=sys.stderr)
        sys.exit(1)
    text = json.dumps(result, sort_keys=True, indent=1, allow_nan=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
