import EmissionInventory
import FileFormats
import Foundation
import Scenarios

/// The outputs of `emis uncertainty` (Docs/reference/uncertainty.md "Output").
public enum UncertaintyExport {
    /// One JSON object per scenario: `draws`, `seed`, `years`, `factors`, per target its
    /// deterministic evaluation, `p_met`, the 5/50/95 % points of `margin` and `projected`
    /// and the `sensitivity` ranking; per pollutant the bands of `totals` and
    /// `baseline_totals`, and of `change_from_base_year` (each draw's total over its own
    /// base-year total, minus 1; pollutants with a positive base-year total in every draw);
    /// `energy_tce` when the inventory has energy; `peak_year`.
    public static func json(_ r: UncertaintyResult) -> JSONValue {
        func band(_ b: UncertaintyResult.Band) -> JSONValue {
            .object(["mean": .numbers(b.mean), "p5": .numbers(b.p5), "p50": .numbers(b.p50), "p95": .numbers(b.p95)])
        }
        func spread(_ s: UncertaintyResult.Spread) -> JSONValue {
            .object(["p5": .number(s.p5), "p50": .number(s.p50), "p95": .number(s.p95)])
        }
        var object: [String: JSONValue] = [
            "scenario": .string(r.scenario),
            "draws": .number(Double(r.draws)),
            "seed": .number(Double(r.seed)),
            "years": .numbers(r.years.map(Double.init)),
            "pollutants": .array(r.pollutants.map { .string($0.id) }),
            "factors": .array(r.factors.map(factorJSON)),
            "sensitivity_draws": .number(Double(r.sensitivityDraws)),
            "targets": .array(
                r.targets.map { t in
                    .object([
                        "id": .string(t.deterministic.id),
                        "deterministic": ProjectionExport.json(t.deterministic),
                        "p_met": .number(t.probabilityMet),
                        "margin": spread(t.margin),
                        "projected": spread(t.projected),
                        "sensitivity": .array(
                            t.sensitivity.map { s in
                                var item: [String: JSONValue] = [
                                    "factor": .string(s.factor), "rank_correlation": .number(s.rankCorrelation),
                                ]
                                item["variance_share"] = s.varianceShare.map(JSONValue.number) ?? .null
                                return .object(item)
                            }),
                    ])
                }),
            "totals": .object(Dictionary(uniqueKeysWithValues: r.pollutants.map { ($0.id, band(r.totals[$0]!)) })),
            "baseline_totals": .object(
                Dictionary(uniqueKeysWithValues: r.pollutants.map { ($0.id, band(r.baselineTotals[$0]!)) })),
            "change_from_base_year": .object(
                Dictionary(
                    uniqueKeysWithValues: r.pollutants.compactMap { p in
                        r.changeFromBaseYear[p].map { (p.id, band($0)) }
                    })),
            "peak_year": .object(r.peakYear.mapValues { .object($0.mapValues(JSONValue.number)) }),
        ]
        if let title = r.title { object["title"] = .string(title) }
        if let energy = r.energy { object["energy_tce"] = band(energy) }
        return .object(object)
    }

    static func factorJSON(_ f: UncertainFactor) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(f.id), "of": .string(f.kindName), "distribution": .string(f.distribution.rawValue),
            "range": .numbers([f.lower, f.upper]), "correlated": .bool(f.isCorrelated),
        ]
        if let title = f.title { object["title"] = .string(title) }
        switch f.subject {
        case let .level(measure): object["measure"] = .string(measure)
        case let .growth(.macro(name)): object["macro"] = .string(name)
        case let .emissionFactor(_, pollutants?): object["pollutants"] = .array(pollutants.map { .string($0.id) })
        default: break
        }
        return .object(object)
    }

    /// A long table: `scenario,series,key,statistic,unit,<years…>` with the bands of the
    /// totals (`total`, key = pollutant), baseline totals (`baseline`), the change from the
    /// base year (`change_from_base_year`, unit 1) and energy (`energy`),
    /// one row per statistic (mean, p5, p50, p95); then one row per target (`target`, key = id)
    /// and statistic (`p_met`, `margin_p5`, …, `projected_p95`) with the value in its year's
    /// column; then the peak-year shares (`peak_year`, key = series, statistic = the year or
    /// `none`, the share in the first year column).
    public static func csv(_ results: [UncertaintyResult], excelCompatible: Bool = false) -> String {
        var writer = CSVWriter(excelCompatible: excelCompatible)
        let years = results.first?.years ?? []
        writer.writeRow(["scenario", "series", "key", "statistic", "unit"] + years.map(String.init))
        for r in results {
            func band(_ series: String, _ key: String, _ unit: String, _ b: UncertaintyResult.Band) {
                for (name, values) in [("mean", b.mean), ("p5", b.p5), ("p50", b.p50), ("p95", b.p95)] {
                    writer.writeRow([r.scenario, series, key, name, unit] + values.map(DecimalNumber.format))
                }
            }
            for p in r.pollutants { band("total", p.id, "t", r.totals[p]!) }
            for p in r.pollutants { band("baseline", p.id, "t", r.baselineTotals[p]!) }
            for p in r.pollutants {
                if let b = r.changeFromBaseYear[p] { band("change_from_base_year", p.id, "1", b) }
            }
            if let energy = r.energy { band("energy", "", "tce", energy) }
            for t in r.targets {
                let column = r.years.firstIndex(of: t.deterministic.year) ?? 0
                let unit = t.deterministic.isFraction ? "1" : (t.deterministic.metric == .energy ? "tce" : "t")
                let rows: [(String, Double, String)] = [
                    ("p_met", t.probabilityMet, "1"),
                    ("margin_p5", t.margin.p5, unit), ("margin_p50", t.margin.p50, unit),
                    ("margin_p95", t.margin.p95, unit),
                    ("projected_p5", t.projected.p5, unit), ("projected_p50", t.projected.p50, unit),
                    ("projected_p95", t.projected.p95, unit),
                ]
                for (name, value, unit) in rows {
                    var cells = [String](repeating: "", count: r.years.count)
                    cells[column] = DecimalNumber.format(value)
                    writer.writeRow([r.scenario, "target", t.deterministic.id, name, unit] + cells)
                }
            }
            for (series, shares) in r.peakYear.sorted(by: { $0.key < $1.key }) {
                for (year, share) in shares.sorted(by: { $0.key < $1.key }) {
                    var cells = [String](repeating: "", count: r.years.count)
                    cells[0] = DecimalNumber.format(share)
                    writer.writeRow([r.scenario, "peak_year", series, year, "1"] + cells)
                }
            }
        }
        return writer.text
    }
}
