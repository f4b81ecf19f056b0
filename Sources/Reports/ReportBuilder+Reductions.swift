import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// Section 3: what each measure cuts (the attribution of Docs/reference/measures.md) and the emissions by
/// sector in the base year and the comparison year.
extension ReportBuilder {
    /// Wedge charts show at most this many measures; the others are added up as one.
    static let wedgeLimit = 7

    func reductions() -> [ReportBlock] {
        var blocks: [ReportBlock] = [
            .paragraph(
                t(
                    "每项措施的减排量是它实施前后排放总量之差（按情景中措施的顺序依次计算），各措施减排量之和恰等于“不实施措施”的排放量与情景排放量之差。负值表示该措施增加排放（例如以电代煤增加电厂的二氧化碳）。",
                    "Each measure's reduction is the total before it minus the total after it, the measures taken in the scenario's order; the reductions add up exactly to the emissions without measures minus the scenario's. A negative value is an increase (such as the power-station CO2 of electric heating)."
                ))
        ]
        let withMeasures = runs.filter { !$0.appliedMeasures.isEmpty }
        let without = runs.filter { $0.appliedMeasures.isEmpty }
        if !without.isEmpty {
            blocks.append(
                .note(
                    t(
                        "\(without.map(\.label).joined(separator: "、"))没有措施，不列入本节的措施图表。",
                        "\(without.map(\.label).joined(separator: ", ")) \(without.count == 1 ? "has" : "have") no measures and \(without.count == 1 ? "is" : "are") left out of the measure charts."
                    )))
        }
        blocks.append(.heading(t("各措施\(year)年减排量", "What each measure cuts in \(year)")))
        for run in withMeasures {
            blocks.append(.table(measureTable(run)))
        }
        if withMeasures.isEmpty {
            blocks.append(.paragraph(t("所比较的情景都没有措施。", "None of the scenarios has measures.")))
        }
        blocks.append(.heading(t("按污染物：措施贡献与行业排放", "By pollutant: the measures' shares and the sectors")))
        for p in pollutants {
            blocks.append(.subheading(name(p)))
            blocks.append(.table(sectorTable(p)))
            for run in withMeasures {
                if let block = wedgeFigure(run, p) { blocks.append(block) }
            }
        }
        return blocks
    }

    /// One row per measure in effect that changes some pollutant in the year; one column
    /// per pollutant any of them changes.
    private func measureTable(_ run: ScenarioRun) -> ReportTable {
        let measures = run.appliedMeasures
        let changed = pollutants.filter { p in measures.contains { (reduction($0, p, in: run) ?? 0) != 0 } }
        let hasLevels = run.hasCandidates
        var header = [t("措施", "Measure"), t("类别", "Category")]
        if hasLevels { header.append(t("实施力度", "Level")) }
        header += changed.map(\.id)
        var table = ReportTable(
            file: "measures-\(run.fileStem)",
            caption: t(
                "\(run.label)：各措施\(year)年减排量（吨/年，二氧化碳为万吨/年；负值为增排）",
                "\(run.label): reduction by measure in \(year) (t/a, CO2 in kt/a; negative: an increase)"),
            header: header, alignments: [.left, .left] + header.dropFirst(2).map { _ in .right },
            csvHeader: ["measure", "title", "kind", "category", "level"] + changed.map { "\($0.id) t" })
        guard run.index(of: year) != nil else {
            table.add(
                [.init(t("本情景不含\(year)年", "The scenario does not reach \(year)"), tone: .muted)]
                    + header.dropFirst().map { _ in .init("–", tone: .muted) }, csv: [])
            return table
        }
        for m in measures {
            let values = changed.map { reduction(m, $0, in: run) ?? 0 }
            guard values.contains(where: { $0 != 0 }) else { continue }
            var cells: [ReportTable.Cell] = [.init(measureName(m)), .init(m.category ?? "")]
            let level = run.measure(m.id).map { $0.isCandidate ? (run.levels[m.id] ?? 0) : 1 } ?? 1
            if hasLevels { cells.append(.init(TableNumber.percent(level))) }
            cells += zip(changed, values).map { p, v in
                .init(v == 0 ? "" : unit(p).format(v), tone: v < 0 ? .bad : .plain)
            }
            table.add(cells, csv: [m.id, m.title ?? "", m.kind.name, m.category ?? "", csv(level)] + values.map(csv))
        }
        var total: [ReportTable.Cell] = [.init(t("合计", "Total")), ""]
        if hasLevels { total.append("") }
        total += changed.map { p in
            let sum =
                run.index(of: year).map { (run.result.baselineTotals[p]?[$0] ?? 0) - (run.result.totals[p]?[$0] ?? 0) }
                ?? 0
            return .init(unit(p).format(sum))
        }
        table.add(
            total,
            csv: ["total", "", "", "", ""]
                + changed.map { p in
                    csv(
                        run.index(of: year).map {
                            (run.result.baselineTotals[p]?[$0] ?? 0) - (run.result.totals[p]?[$0] ?? 0)
                        })
                }, total: true)
        return table
    }

    /// Emissions of `p` by top-level sector: the base year, and each scenario in the year.
    private func sectorTable(_ p: Pollutant) -> ReportTable {
        let u = unit(p)
        var keys: [String] = []
        for run in runs {
            guard let breakdown = run.result.breakdown, let groups = breakdown.totals[p] else { continue }
            for (g, key) in breakdown.keys.enumerated()
            where groups[g].contains(where: { $0 != 0 }) && !keys.contains(key) {
                keys.append(key)
            }
        }
        keys.sort()
        func value(_ run: ScenarioRun, _ key: String, _ y: Int) -> Double? {
            guard let t = run.index(of: y) else { return nil }
            guard let breakdown = run.result.breakdown, let g = breakdown.keys.firstIndex(of: key) else { return 0 }
            return breakdown.totals[p]?[g][t] ?? 0
        }
        let first = runs[0]
        var table = ReportTable(
            file: "sectors-\(fileID(p))",
            caption: t(
                "\(name(p))：按行业的排放量（\(u.perYear)），\(baseYear)年与\(year)年",
                "\(name(p)) by sector (\(u.perYear)), \(baseYear) and \(year)"),
            header: [t("行业", "Sector"), t("\(baseYear)年", "\(baseYear)")]
                + runs.map { t("\($0.label) \(year)年", "\($0.label) \(year)") },
            csvHeader: ["sector", "name", "unit", "\(baseYear)"] + runs.map { "\($0.scenario.id) \(year)" })
        for key in keys {
            let base = value(first, key, baseYear)
            table.add(
                [.init(sectorName(key)), .init(base.map(u.format) ?? "–")]
                    + runs.map { run in
                        let v = value(run, key, year)
                        return .init(
                            v.map { "\(u.format($0))\n\(change(base, $0))" } ?? "–", tone: v == nil ? .muted : .plain)
                    },
                csv: [key, sectorName(key), "t", csv(base)] + runs.map { csv(value($0, key, year)) })
        }
        let base = first.total(p, baseYear)
        table.add(
            [.init(t("合计", "Total")), .init(base.map(u.format) ?? "–")]
                + runs.map { run in
                    let v = run.total(p, year)
                    return .init(v.map { "\(u.format($0))\n\(change(base, $0))" } ?? "–")
                },
            csv: ["total", t("合计", "Total"), "t", csv(base)] + runs.map { csv($0.total(p, year)) }, total: true)
        return table
    }

    /// Stacked bars of the attribution by measure, every year after the base year: the
    /// largest measures (by their largest yearly effect) and the rest together.
    private func wedgeFigure(_ run: ScenarioRun, _ p: Pollutant) -> ReportBlock? {
        let u = unit(p)
        let years = run.result.years.filter { $0 > run.result.baseYear }
        let indices = years.compactMap(run.index(of:))
        let acting = run.appliedMeasures.filter { m in indices.contains { (m.reduction[p]?[$0] ?? 0) != 0 } }
        guard !acting.isEmpty, !indices.isEmpty else { return nil }
        let ranked = acting.sorted { a, b in
            let sa = indices.map { abs(a.reduction[p]?[$0] ?? 0) }.max()!
            let sb = indices.map { abs(b.reduction[p]?[$0] ?? 0) }.max()!
            return sa > sb
        }
        let limit = ranked.count > Self.wedgeLimit + 1 ? Self.wedgeLimit : ranked.count
        let kept = Set(ranked.prefix(limit).map(\.id))
        var series: [(name: String, values: [Double])] = acting.filter { kept.contains($0.id) }.map { m in
            (short(measureName(m), 22), indices.map { (m.reduction[p]?[$0] ?? 0) / u.divisor })
        }
        let rest = acting.filter { !kept.contains($0.id) }
        if !rest.isEmpty {
            series.append(
                (
                    t("其他\(rest.count)项措施", "\(rest.count) other measures"),
                    indices.map { t in rest.reduce(0) { $0 + ($1.reduction[p]?[t] ?? 0) } / u.divisor }
                ))
        }
        return figure(
            "reductions-\(run.fileStem)-\(fileID(p))",
            t("\(run.label)：各措施\(name(p))减排量", "\(run.label): \(name(p)) cut by each measure"),
            .stacked(
                .init(
                    title: t("\(run.label)：各措施\(p.id)减排量", "\(run.label): \(p.id) cut by measure"),
                    yLabel: t("减排量（\(u.perYear)）", "Reduction (\(u.perYear))"),
                    categories: years.map(String.init), series: series, showNet: true)))
    }
}
