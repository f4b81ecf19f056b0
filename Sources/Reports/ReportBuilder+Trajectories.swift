import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// Section 2: emissions of every pollutant, every scenario, every year, with the targets.
extension ReportBuilder {
    func trajectories() -> [ReportBlock] {
        let shown = pollutants
        guard !shown.isEmpty else {
            return [.paragraph(t("所有污染物在各年的排放量均为零。", "Every pollutant is zero in every year."))]
        }
        var blocks: [ReportBlock] = [
            .paragraph(
                t(
                    "以下各图为各情景\(baseYear)–\(allYears.last!)年的逐年排放量；虚线为只按驱动因子增长、不实施措施的基准趋势（各情景相同时只画一条）。菱形标记为目标要求的排放上限（削减率目标换算为排放量）。",
                    "The charts show each scenario's emissions year by year, \(baseYear)–\(allYears.last!); the dashed line is growth without measures (drawn once when the scenarios share it). Diamonds mark the emissions each target allows (a reduction target turned into tonnes)."
                ))
        ]
        blocks.append(.table(trajectoryTable(shown)))
        for p in shown {
            let u = unit(p)
            var series: [(name: String, points: [(x: Double, y: Double)], dashed: Bool)] = []
            var baselines: [(run: ScenarioRun, growth: [Double])] = []
            for run in runs {
                guard let growth = run.result.baselineTotals[p], let values = run.result.totals[p] else { continue }
                if growth != values, !baselines.contains(where: { $0.growth == growth }) {
                    baselines.append((run, growth))
                }
                series.append((run.label, points(run.result.years, values, u.divisor), false))
            }
            // The growth-only line, unless a scenario without measures already draws it; named
            // after its scenario when the scenarios grow differently.
            let drawn = Set(runs.compactMap { $0.result.totals[p] })
            let undrawn = baselines.filter { !drawn.contains($0.growth) }
            for (run, growth) in undrawn {
                let name =
                    undrawn.count > 1
                    ? t("\(run.label)（不实施措施）", "\(run.label) without measures")
                    : t("不实施措施", "without measures")
                series.append((name, points(run.result.years, growth, u.divisor), true))
            }
            blocks.append(
                figure(
                    "trajectory-\(fileID(p))", t("\(name(p))排放量", "\(name(p)) emissions"),
                    .line(
                        .init(
                            title: t("\(name(p))排放量", "\(name(p)) emissions"), yLabel: u.perYear,
                            series: series, markers: targetMarkers(p)))))
        }
        return blocks
    }

    /// The emissions each target on `p` allows in its year, one marker per distinct value.
    private func targetMarkers(_ p: Pollutant) -> [(x: Double, y: Double, label: String)] {
        let u = unit(p)
        var markers: [(x: Double, y: Double, label: String)] = []
        for run in runs {
            for target in run.result.targets {
                guard case .pollutant(p) = target.metric,
                    run.scenario.targets.first(where: { $0.id == target.id })?.select == nil,
                    let allowed = allowedEmissions(target, in: run)
                else { continue }
                let y = allowed / u.divisor
                if markers.contains(where: { $0.x == Double(target.year) && abs($0.y - y) <= 1e-9 * max(1, abs(y)) }) {
                    continue
                }
                markers.append((Double(target.year), y, t("目标：", "target: ") + text.requirement(target)))
            }
        }
        return markers
    }

    /// The total of the target's pollutant that just meets it, t (targets on the whole
    /// inventory only).
    func allowedEmissions(_ target: TargetResult, in run: ScenarioRun) -> Double? {
        guard case let .pollutant(p) = target.metric, let t = run.index(of: target.year) else { return nil }
        let base = run.baseTotal(p)
        switch target.kind {
        case .reduction:
            return (1 - target.required) * base
        case .cap:
            return target.required
        case .projectReduction:
            return (run.result.baselineTotals[p]?[t] ?? 0) - target.required
        case let .intensity(per, _):
            guard let series = run.result.macro[per], let b = run.index(of: run.result.baseYear),
                series[b] != 0
            else { return nil }
            return (1 - target.required) * base * series[t] / series[b]
        }
    }

    private func trajectoryTable(_ shown: [Pollutant]) -> ReportTable {
        let years = shownYears
        let lastYear = allYears.last!
        var header = zh ? ["污染物", "情景", "单位"] : ["Pollutant", "Scenario", "Unit"]
        header += years.map(String.init)
        header.append(t("\(lastYear)年较\(baseYear)年", "\(lastYear) vs \(baseYear)"))
        var table = ReportTable(
            file: "trajectories", caption: t("各情景排放量", "Emissions by scenario"),
            header: header, alignments: [.left, .left, .left] + header.dropFirst(3).map { _ in .right },
            csvHeader: ["pollutant", "scenario", "series", "unit"] + allYears.map(String.init))
        for p in shown {
            let u = unit(p)
            for (k, run) in runs.enumerated() {
                let values = run.result.totals[p]
                let last = run.result.years.last.flatMap { run.total(p, $0) }
                table.add(
                    [.init(k == 0 ? label(p) : ""), .init(run.label), .init(u.perYear)]
                        + years.map { y in .init(run.index(of: y).map { u.format(values?[$0] ?? 0) } ?? "–") }
                        + [.init(change(run.baseTotal(p), last))],
                    csv: [p.id, run.scenario.id, "scenario", "t"]
                        + allYears.map { y in csv(run.index(of: y).map { values?[$0] ?? 0 }) })
            }
        }
        // The growth-only series in the CSV (not shown: the charts draw them).
        for p in shown {
            for run in runs where !run.result.measures.isEmpty {
                let values = run.result.baselineTotals[p]
                table.csvRows.append(
                    [p.id, run.scenario.id, "without_measures", "t"]
                        + allYears.map { y in csv(run.index(of: y).map { values?[$0] ?? 0 }) })
            }
        }
        return table
    }
}
