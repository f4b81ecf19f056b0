import Diagnostics
import EmissionInventory
import FileFormats

/// Machine-readable views of a projection: the JSON, CSV and IAMC tables that
/// `emis project --format json|csv|iamc` writes (Docs/reference/output.md). Emissions are in t/a, energy
/// in tce/a; numbers are plain decimals, so two calls on the same result give the same text.
///
/// Every function takes an optional `years` range: only the result's years inside it are
/// written (all of them when nil). The caller checks that the range lies within the
/// scenario's years; a range reaching outside simply writes the years both have.
public enum ProjectionExport {
    /// The JSON object of Docs/reference/output.md:
    ///
    ///     {"scenario", "base_year", "years", "pollutants", "baseline_totals", "totals",
    ///      "measures": [{"id", "reduction": {P: [..]}}], "targets": [..], "warnings": [..]}
    ///
    /// plus `energy_tce` and `non_fossil_share` when the inventory has energy, and `by` and
    /// `breakdown` (`[{"key", "totals": {P: [..]}}]`) when the result has a breakdown. Every
    /// series is aligned with `years`; pollutant maps have one entry per id in `pollutants`.
    /// A target has `pollutant` (its id), or `"metric": "energy"` for an energy target. The
    /// targets are all written whatever `years` is: each names its own year. Warnings are
    /// their messages in `language`, without file positions.
    public static func json(
        _ r: ProjectionResult, years: ClosedRange<Int>? = nil,
        language: Language = .en
    ) -> JSONValue {
        let columns = r.yearIndices(in: years)
        func series(_ values: [Double]?) -> JSONValue { .numbers(columns.map { values?[$0] ?? 0 }) }
        func byPollutant(_ values: (Pollutant) -> [Double]?) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: r.pollutants.map { ($0.id, series(values($0))) }))
        }
        var object: [String: JSONValue] = [
            "scenario": .string(r.scenario),
            "base_year": .number(Double(r.baseYear)),
            "years": .numbers(columns.map { Double(r.years[$0]) }),
            "pollutants": .array(r.pollutants.map { .string($0.id) }),
            "baseline_totals": byPollutant { r.baselineTotals[$0] },
            "totals": byPollutant { r.totals[$0] },
            "measures": .array(
                r.measures.map { measure in
                    .object(["id": .string(measure.id), "reduction": byPollutant { measure.reduction[$0] }])
                }),
            "targets": .array(r.targets.map(json)),
            "warnings": .array(r.warnings.map { .string($0.message(language)) }),
        ]
        if let energy = r.energy { object["energy_tce"] = series(energy) }
        if let share = r.nonFossilShare { object["non_fossil_share"] = series(share) }
        if let breakdown = r.breakdown {
            object["by"] = .string(breakdown.grouping.description)
            object["breakdown"] = .array(
                breakdown.keys.indices.map { g in
                    .object(["key": .string(breakdown.keys[g]), "totals": byPollutant { breakdown.totals[$0]?[g] }])
                })
        }
        return .object(object)
    }

    static func json(_ target: TargetResult) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(target.id),
            "year": .number(Double(target.year)),
            "kind": .string(target.kind.name),
            "required": .number(target.required),
            "projected": .number(target.projected),
            "margin": .number(target.margin),
            "met": .bool(target.met),
        ]
        switch target.metric {
        case let .pollutant(p): object["pollutant"] = .string(p.id)
        case .energy: object["metric"] = .string("energy")
        }
        return .object(object)
    }

    /// A long table, one row per series: `scenario,series,key,pollutant,unit,<years…>`.
    ///
    /// Rows, in this order: `baseline` and `scenario` totals per pollutant (key empty); each
    /// measure's reduction per pollutant (`measure`, key = measure id, in applied order;
    /// negative when the measure adds emissions); with a breakdown, the scenario totals per
    /// group and pollutant (series `sector`, `county`, `source` or `total`, key = group);
    /// then `energy` (unit `tce`) and `non_fossil_share` (unit `1`) when the inventory has
    /// energy, with the pollutant cell empty. Pollutants in registry order, emissions in `t`.
    public static func csv(
        _ r: ProjectionResult, years: ClosedRange<Int>? = nil,
        excelCompatible: Bool = false
    ) -> String {
        var table = CSVTable(r, years: years, excelCompatible: excelCompatible)
        table.head()
        if let breakdown = r.breakdown {
            let series =
                switch breakdown.grouping {
                case .total: "total"
                case .sector: "sector"
                case .county: "county"
                case .source: "source"
                }
            for (g, key) in breakdown.keys.enumerated() {
                for p in r.pollutants { table.row(series, key, p.id, "t", breakdown.totals[p]?[g]) }
            }
        }
        table.tail()
        return table.writer.text
    }

    /// The same table as `csv` for a breakdown by source, written to `write` piece by piece
    /// while the sources are projected (`ProjectionEngine.streamSources`): memory does not
    /// grow with the number of sources. `r` is the projection at `levels` without a
    /// breakdown; the text equals `csv` of the projection with `grouping: .source`.
    public static func csvBySource(
        _ r: ProjectionResult, engine: ProjectionEngine, levels: [String: Double], years: ClosedRange<Int>? = nil,
        excelCompatible: Bool = false, threads: Int = 1, blockSize: Int = 1 << 14,
        write: (String) throws -> Void
    ) throws {
        var table = CSVTable(r, years: years, excelCompatible: excelCompatible)
        table.head()
        try write(table.take())
        try engine.streamSources(levels: levels, pollutants: r.pollutants, threads: threads, blockSize: blockSize) {
            block in
            for i in block.ids.indices {
                for (k, p) in block.pollutants.enumerated() {
                    table.row("source", block.ids[i], p.id, "t") { t in block.value(source: i, pollutant: k, year: t) }
                }
            }
            try write(table.take())
        }
        table.tail()
        try write(table.take())
    }

    /// The rows of the long CSV table, written in order.
    private struct CSVTable {
        let r: ProjectionResult
        let columns: [Int]
        var writer: CSVWriter

        init(_ r: ProjectionResult, years: ClosedRange<Int>?, excelCompatible: Bool) {
            self.r = r
            columns = r.yearIndices(in: years)
            writer = CSVWriter(excelCompatible: excelCompatible)
            writer.writeRow(["scenario", "series", "key", "pollutant", "unit"] + columns.map { String(r.years[$0]) })
        }

        mutating func row(_ series: String, _ key: String, _ pollutant: String, _ unit: String, _ values: [Double]?) {
            row(series, key, pollutant, unit) { values?[$0] ?? 0 }
        }

        mutating func row(
            _ series: String, _ key: String, _ pollutant: String, _ unit: String, _ value: (Int) -> Double
        ) {
            writer.writeRow(
                [r.scenario, series, key, pollutant, unit] + columns.map { DecimalNumber.format(value($0)) })
        }

        /// Baseline and scenario totals, then each measure's reductions.
        mutating func head() {
            for p in r.pollutants { row("baseline", "", p.id, "t", r.baselineTotals[p]) }
            for p in r.pollutants { row("scenario", "", p.id, "t", r.totals[p]) }
            for measure in r.measures {
                for p in r.pollutants { row("measure", measure.id, p.id, "t", measure.reduction[p]) }
            }
        }

        /// Energy and the non-fossil share.
        mutating func tail() {
            if let energy = r.energy { row("energy", "", "", "tce", energy) }
            if let share = r.nonFossilShare { row("non_fossil_share", "", "", "1", share) }
        }

        /// The text written since the last call.
        mutating func take() -> String { writer.takeText() }
    }

    /// The IAMC table pyam reads: `model,scenario,region,variable,unit,<years…>`, model
    /// `emis`, one column per year of any result (within `years`), empty where a scenario
    /// has no value for that year.
    ///
    /// Per scenario, in the order given, variables in this order:
    /// - `Emissions|<P>` (scenario totals, unit `t <P>/yr`), pollutants in registry order;
    ///   after each, when the result has a breakdown by sector, `Emissions|<P>|<seg1>|…`
    ///   for every level of the sector paths (a parent is the sum of the groups below it,
    ///   so pyam's aggregation checks hold), sorted by path, leaving out sectors that do
    ///   not emit P in any year written;
    /// - `Primary Energy` and `Primary Energy|Non-Fossil` (`tce/yr`) when there is energy.
    ///
    /// Only the scenario's own totals are written: the baseline (growth without measures)
    /// and the measures' attributions are not IAMC variables. Project a baseline scenario
    /// to compare with it, or use the CSV or JSON output for attributions.
    public static func iamc(_ results: [ProjectionResult], region: String, years: ClosedRange<Int>? = nil) -> String {
        let allYears = Set(results.flatMap(\.years)).filter { years?.contains($0) ?? true }.sorted()
        var writer = CSVWriter()
        writer.writeRow(["model", "scenario", "region", "variable", "unit"] + allYears.map(String.init))
        for r in results {
            let index = Dictionary(uniqueKeysWithValues: r.years.enumerated().map { ($1, $0) })
            func row(_ variable: String, _ unit: String, _ values: [Double]) {
                writer.writeRow(
                    ["emis", r.scenario, region, variable, unit]
                        + allYears.map { year in index[year].map { DecimalNumber.format(values[$0]) } ?? "" })
            }
            for p in r.pollutants {
                let variable = "Emissions|\(p.id)"
                let unit = "t \(p.id)/yr"
                row(variable, unit, r.totals[p] ?? [])
                if let breakdown = r.breakdown, case .sector = breakdown.grouping, let groups = breakdown.totals[p] {
                    for (path, values) in sectorLevels(breakdown.keys, groups, yearCount: r.years.count)
                    where allYears.contains(where: { index[$0].map { values[$0] != 0 } ?? false }) {
                        row(variable + "|" + path.joined(separator: "|"), unit, values)
                    }
                }
            }
            if let energy = r.energy {
                row("Primary Energy", "tce/yr", energy)
                if let share = r.nonFossilShare {
                    row("Primary Energy|Non-Fossil", "tce/yr", zip(energy, share).map { $0 * $1 })
                }
            }
        }
        return writer.text
    }

    /// Totals of every level of the sector paths `keys` (`industry`, `industry/cement`, …),
    /// each the sum of the groups at or below it, sorted segment by segment.
    private static func sectorLevels(_ keys: [String], _ totals: [[Double]], yearCount: Int)
        -> [(path: [String], values: [Double])]
    {
        var sums: [[String]: [Double]] = [:]
        for (g, key) in keys.enumerated() {
            let segments = key.split(separator: "/").map(String.init)
            for depth in segments.indices {
                let path = Array(segments[...depth])
                let previous = sums[path] ?? [Double](repeating: 0, count: yearCount)
                sums[path] = zip(previous, totals[g]).map { $0 + $1 }
            }
        }
        return sums.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0, sums[$0]!) }
    }
}

extension ProjectionResult {
    /// Positions in `years` of the years within `range` (all years when nil), ascending.
    public func yearIndices(in range: ClosedRange<Int>?) -> [Int] {
        years.indices.filter { range?.contains(years[$0]) ?? true }
    }
}
