import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// CO2 per unit of a macro series (GDP) against the base year, and the target it is held to.
struct IntensityAnalysis {
    /// Aligned with the run's years: `(E_y / M_y) / (E_0 / M_0) − 1`; nil where M_y is 0.
    var changes: [Double?]
    var years: [Int]
    /// Base-year intensity, t per unit of the macro series.
    var base: Double
    /// The scenario's own target on this intensity (per GDP, on the whole inventory), as
    /// evaluated by the engine; nil when no input file states one. The report never supplies
    /// a target of its own.
    var target: TargetResult?

    var targetYear: Int? { target?.year }
    var requiredReduction: Double { target?.required ?? 0 }

    func change(at year: Int) -> Double? {
        years.firstIndex(of: year).flatMap { changes[$0] }
    }
}

/// Section 5: 碳达峰.
extension ReportBuilder {
    func co2Peak(_ run: ScenarioRun) -> PeakAnalysis? {
        guard let values = run.result.totals[.co2] else { return nil }
        return PeakAnalysis(years: run.result.years, values: values)
    }

    /// Nil without CO2 or without the macro series `gdp` (or with zero base values).
    func co2Intensity(_ run: ScenarioRun) -> IntensityAnalysis? {
        intensity(run, of: run.result.totals[.co2], metric: .pollutant(.co2))
    }

    /// Energy use per GDP against the base year (nil without energy data or GDP).
    func energyIntensity(_ run: ScenarioRun) -> IntensityAnalysis? {
        intensity(run, of: run.result.energy, metric: .energy)
    }

    private func intensity(_ run: ScenarioRun, of values: [Double]?, metric: Target.Metric) -> IntensityAnalysis? {
        let r = run.result
        guard let values, let gdp = r.macro["gdp"], let b = r.years.firstIndex(of: r.baseYear),
            values[b] > 0, gdp[b] > 0
        else { return nil }
        let base = values[b] / gdp[b]
        let changes = r.years.indices.map { k in gdp[k] > 0 ? (values[k] / gdp[k]) / base - 1 : nil }
        // The scenario's own target: per GDP, on the whole inventory (a county's target is not
        // the city's intensity).
        let own = run.scenario.targets.first { target in
            guard target.metric == metric, case .intensity(per: "gdp", _) = target.kind else { return false }
            return target.select == nil
        }
        let result = own.flatMap { target in r.targets.first { $0.id == target.id } }
        return IntensityAnalysis(changes: changes, years: r.years, base: base, target: result)
    }

    /// The peak in words: `2020年为最高值，此后下降（2030年较上年 -0.3%）`.
    func peakPhrase(_ peak: PeakAnalysis, brief: Bool = false) -> String {
        let u = unit(.co2)
        let lastRate = TableNumber.percent(peak.endRate, signed: true)
        let isBase = peak.peakYear == baseYear
        switch peak.status {
        case .noEmissions:
            return t("无二氧化碳排放", "has no CO2 emissions")
        case .flat:
            return t("各年保持不变", "is the same in every year")
        case .notPeaked:
            return t(
                "到\(peak.lastYear)年尚未达峰（\(peak.lastYear)年较上年\(lastRate)）",
                "has not peaked by \(peak.lastYear) (\(lastRate) in \(peak.lastYear) over the year before)")
        case .peaked:
            let when =
                isBase
                ? t("\(peak.peakYear)年（基准年）即为最高值", "is highest in the base year \(peak.peakYear)")
                : t(
                    "\(peak.peakYear)年达峰，峰值\(u.format(peak.peakValue)) \(u.name)",
                    "peaks in \(peak.peakYear) at \(u.format(peak.peakValue)) \(u.name)")
            if brief { return when + t("，此后下降", ", then falls") }
            return when
                + t(
                    "，此后下降，\(peak.lastYear)年较上年\(lastRate)",
                    ", then falls (\(lastRate) in \(peak.lastYear) over the year before)")
        case .rebounding:
            let when =
                isBase
                ? t("\(peak.peakYear)年（基准年）为最高值", "is highest in the base year \(peak.peakYear)")
                : t(
                    "\(peak.peakYear)年为最高值（\(u.format(peak.peakValue)) \(u.name)）",
                    "is highest in \(peak.peakYear) (\(u.format(peak.peakValue)) \(u.name))")
            return when
                + t(
                    "，\(peak.lowYear)年降至\(u.format(peak.lowValue)) \(u.name)后回升，\(peak.lastYear)年较上年\(lastRate)",
                    ", down to \(u.format(peak.lowValue)) \(u.name) in \(peak.lowYear), then rising again (\(lastRate) in \(peak.lastYear))"
                )
        }
    }

    func carbonPeak() -> [ReportBlock] {
        let withCO2 = runs.filter { ($0.result.totals[.co2] ?? []).contains { $0 != 0 } }
        guard !withCO2.isEmpty else {
            return [
                .paragraph(
                    t(
                        "清单和情景中没有二氧化碳排放，无法进行碳达峰分析。",
                        "The inventory and the scenarios have no CO2 emissions: there is no carbon peak to analyse."))
            ]
        }
        var blocks: [ReportBlock] = []
        let u = unit(.co2)
        let lastYear = allYears.last!
        blocks.append(
            .paragraph(
                t(
                    "本节按《2030年前碳达峰行动方案》（国发〔2021〕23号）的口径分析二氧化碳：各情景\(baseYear)–\(lastYear)年的排放轨迹与达峰时间、单位GDP二氧化碳排放的下降、能源消费强度与非化石能源比重，以及各项措施按碳达峰十大行动的归类和减污降碳协同效果。达峰判断只依据预测年份内的数值：最高值出现在末年即为“尚未达峰”；最高值在此前但末年回升，则达峰尚不稳固。",
                    "This section reads CO2 as the national carbon-peak action plan (国发〔2021〕23号) does: the trajectory of each scenario \(baseYear)–\(lastYear) and when it peaks; CO2 per unit of GDP; energy intensity and the non-fossil share; the measures grouped by the plan's ten actions; and the co-benefits of cutting CO2 and air pollutants together (减污降碳协同). A peak is judged on the projected years only: a trajectory highest in its last year has not peaked; one highest earlier but rising in its last year has not peaked securely."
                )))

        // Trajectories and peaks.
        blocks.append(.heading(t("二氧化碳排放轨迹与达峰", "CO2 trajectories and the peak")))
        var markers: [(x: Double, y: Double, label: String)] = []
        for run in withCO2 {
            guard let peak = co2Peak(run), peak.status == .peaked || peak.status == .rebounding,
                peak.peakYear != baseYear
            else { continue }
            markers.append(
                (Double(peak.peakYear), peak.peakValue / u.divisor, t("\(run.label) 峰值", "\(run.label) peak")))
        }
        blocks.append(
            figure(
                "co2-trajectories", t("各情景二氧化碳排放量", "CO2 emissions by scenario"),
                .line(
                    .init(
                        title: t("二氧化碳排放量", "CO2 emissions"), yLabel: u.perYear,
                        series: withCO2.map { run in
                            (run.label, points(run.result.years, run.result.totals[.co2]!, u.divisor), false)
                        }, markers: markers))))
        blocks.append(.table(peakTable(withCO2)))
        if !drawnRuns.isEmpty {
            blocks.append(
                .note(
                    t(
                        "上表为确定性结果；在排放因子、增长和措施落实程度的不确定性下，峰值年份的分布见“不确定性与达标概率”一节。",
                        "These are the deterministic results; the distribution of the peak year under the uncertainty of emission factors, growth and delivery is in the section on uncertainty."
                    )))
        }
        for run in withCO2 {
            if let block = sectorCO2Figure(run) { blocks.append(block) }
        }
        blocks.append(.table(sectorCO2Table(withCO2)))

        // Intensity.
        blocks.append(.heading(t("单位GDP二氧化碳排放", "CO2 per unit of GDP")))
        let intensities = withCO2.compactMap { run in co2Intensity(run).map { (run, $0) } }
        if intensities.isEmpty {
            blocks.append(
                .paragraph(
                    t(
                        "清单没有地区生产总值（macro: gdp），无法计算单位GDP二氧化碳排放。",
                        "The inventory has no GDP series (macro: gdp), so CO2 per unit of GDP cannot be computed.")))
        } else {
            blocks.append(contentsOf: intensityBlocks(intensities))
        }

        // Energy.
        blocks.append(.heading(t("能源消费强度与非化石能源比重", "Energy intensity and the non-fossil share")))
        let energy = runs.filter { $0.result.energy != nil }
        if energy.isEmpty {
            blocks.append(
                .paragraph(
                    t(
                        "清单没有能源消费数据（energy_tce），不计算能耗强度和非化石能源比重。",
                        "The inventory has no energy data (energy_tce): no energy intensity or non-fossil share.")))
        } else {
            blocks.append(contentsOf: energyBlocks(energy))
        }

        blocks.append(.heading(t("按碳达峰十大行动归类的措施", "Measures by the ten actions of the carbon-peak plan")))
        blocks.append(contentsOf: actionBlocks())
        blocks.append(.heading(t("减污降碳协同", "Cutting pollution and carbon together (减污降碳协同)")))
        blocks.append(contentsOf: coBenefitBlocks())
        return blocks
    }

    func points(_ years: [Int], _ values: [Double], _ divisor: Double = 1) -> [(x: Double, y: Double)] {
        zip(years, values).map { (Double($0), $1 / divisor) }
    }

    private func peakTable(_ withCO2: [ScenarioRun]) -> ReportTable {
        let u = unit(.co2)
        let lastYear = allYears.last!
        var table = ReportTable(
            file: "co2-peak", caption: t("二氧化碳达峰判断", "When CO2 peaks"),
            header: zh
                ? ["情景", "最高值年份", "最高值（\(u.perYear)）", "\(year)年", "\(lastYear)年", "末年较上年", "判断"]
                : [
                    "Scenario", "Highest in", "Highest (\(u.perYear))", "\(year)", "\(lastYear)", "Last year's change",
                    "Reading",
                ],
            alignments: [.left, .center, .right, .right, .right, .right, .left],
            csvHeader: [
                "scenario", "status", "peak_year", "peak_t", "\(year)_t", "last_year", "last_t", "end_slope_t_per_year",
                "end_rate",
            ])
        for run in withCO2 {
            guard let peak = co2Peak(run) else { continue }
            let tone: ReportTable.Cell.Tone =
                switch peak.status {
                case .peaked: .good
                case .notPeaked, .rebounding: .bad
                case .flat, .noEmissions: .plain
                }
            let status =
                switch peak.status {
                case .peaked: "peaked"
                case .notPeaked: "not_peaked"
                case .rebounding: "rebounding"
                case .flat: "flat"
                case .noEmissions: "no_emissions"
                }
            let atYear = run.total(.co2, year)
            table.add(
                [
                    .init(run.label), .init("\(peak.peakYear)"), .init(u.format(peak.peakValue)),
                    .init(atYear.map(u.format) ?? "–"),
                    .init(u.format(peak.lastValue) + (peak.lastYear == lastYear ? "" : " (\(peak.lastYear))")),
                    .init(TableNumber.percent(peak.endRate, signed: true)), .init(peakPhrase(peak), tone: tone),
                ],
                csv: [
                    run.scenario.id, status, "\(peak.peakYear)", csv(peak.peakValue), csv(atYear), "\(peak.lastYear)",
                    csv(peak.lastValue), csv(peak.endSlope), csv(peak.endRate),
                ])
        }
        return table
    }

    private func sectorCO2Figure(_ run: ScenarioRun) -> ReportBlock? {
        guard let breakdown = run.result.breakdown, let groups = breakdown.totals[.co2] else { return nil }
        let u = unit(.co2)
        let series = breakdown.keys.indices.compactMap { g -> (name: String, values: [Double])? in
            guard groups[g].contains(where: { $0 != 0 }) else { return nil }
            return (sectorName(breakdown.keys[g]), groups[g].map { $0 / u.divisor })
        }
        guard !series.isEmpty else { return nil }
        return figure(
            "co2-sectors-\(run.fileStem)",
            t("\(run.label)：二氧化碳排放量（按行业）", "\(run.label), CO2 emissions by sector"),
            .stacked(
                .init(
                    title: t("\(run.label)：二氧化碳排放量（按行业）", "\(run.label): CO2 emissions by sector"),
                    yLabel: u.perYear, categories: run.result.years.map(String.init), series: series,
                    showNet: false)))
    }

    private func sectorCO2Table(_ withCO2: [ScenarioRun]) -> ReportTable {
        let u = unit(.co2)
        let years = shownYears
        var table = ReportTable(
            file: "co2-sectors",
            caption: t(
                "各情景二氧化碳排放量（按行业，\(u.perYear)）",
                "CO2 emissions by sector (\(u.perYear))"),
            header: (zh ? ["情景", "行业"] : ["Scenario", "Sector"]) + years.map(String.init),
            alignments: [.left, .left] + years.map { _ in .right },
            csvHeader: ["scenario", "sector", "unit"] + allYears.map(String.init))
        for run in withCO2 {
            guard let breakdown = run.result.breakdown, let groups = breakdown.totals[.co2] else { continue }
            var first = true
            for (g, key) in breakdown.keys.enumerated() where groups[g].contains(where: { $0 != 0 }) {
                table.add(
                    [.init(first ? run.label : ""), .init(sectorName(key))]
                        + years.map { y in .init(run.index(of: y).map { u.format(groups[g][$0]) } ?? "–") },
                    csv: [run.scenario.id, key, "t"] + allYears.map { y in csv(run.index(of: y).map { groups[g][$0] }) }
                )
                first = false
            }
            table.add(
                [.init(""), .init(t("合计", "Total"))]
                    + years.map { y in .init(run.total(.co2, y).map(u.format) ?? "–") },
                csv: [run.scenario.id, "total", "t"] + allYears.map { csv(run.total(.co2, $0)) }, total: true)
        }
        return table
    }

    private func intensityBlocks(_ intensities: [(ScenarioRun, IntensityAnalysis)]) -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        let lastYear = allYears.last!
        let gdpUnit = runs[0].inventory.manifest.macro["gdp"]?.unit ?? t("GDP单位", "unit of GDP")
        let targetYears = Set(intensities.compactMap(\.1.targetYear)).sorted()
        let reference: TargetResult? = intensities.compactMap { $0.1.target }.first
        var header = zh ? ["情景", "\(baseYear)年（吨/\(gdpUnit)）"] : ["Scenario", "\(baseYear) (t per \(gdpUnit))"]
        for y in targetYears { header.append(t("\(y)年较\(baseYear)年", "\(y) vs \(baseYear)")) }
        header += zh ? ["要求", "达标", "\(lastYear)年较\(baseYear)年"] : ["Required", "Met", "\(lastYear) vs \(baseYear)"]
        var table = ReportTable(
            file: "co2-intensity", caption: t("单位GDP二氧化碳排放变化", "Change of CO2 per unit of GDP"),
            header: header, alignments: [.left] + header.dropFirst().map { _ in .right },
            csvHeader: [
                "scenario", "base_t_per_gdp_unit", "target_year", "required_reduction", "change_at_target_year", "met",
                "change_\(lastYear)",
            ])
        for (run, i) in intensities {
            let row = intensityRow(run, i, targetYears: targetYears, lastYear: lastYear)
            table.add(row.cells, csv: row.csv)
        }
        var lines: [(y: Double, label: String)] = []
        if let reference {
            let required = TableNumber.percent(-reference.required)
            let label = t("\(reference.year)年要求 \(required)", "\(reference.year) requirement \(required)")
            lines.append((-reference.required * 100, label))
        }
        // Built step by step: one nested closure here crashed the optimiser of Swift 6.3.1
        // (CopyPropagation) in release builds.
        var series: [(String, [(Double, Double)], Bool)] = []
        for (run, i) in intensities {
            var points: [(Double, Double)] = []
            for (y, change) in zip(i.years, i.changes) {
                if let change { points.append((Double(y), change * 100)) }
            }
            series.append((run.label, points, false))
        }
        let gdpBase = runs[0].inventory.manifest.macro["gdp"].map { TableNumber.format($0.value) } ?? ""
        blocks.append(
            figure(
                "co2-intensity", t("单位GDP二氧化碳排放较\(baseYear)年变化", "CO2 per unit of GDP against \(baseYear)"),
                .line(
                    .init(
                        title: t("单位GDP二氧化碳排放较\(baseYear)年变化", "CO2 per unit of GDP against \(baseYear)"),
                        yLabel: "%",
                        series: series, horizontalLines: lines))))
        blocks.append(.table(table))
        blocks.append(
            .note(
                t(
                    "单位GDP二氧化碳排放 = 二氧化碳排放量 ÷ 地区生产总值（情景中的GDP序列，基准年\(gdpBase) \(gdpUnit)）。只有情景（或其目标文件）设定了该项目标时才判断是否达标。",
                    "CO2 per unit of GDP = CO2 emissions ÷ GDP (the scenario's GDP series; base year \(gdpBase) \(gdpUnit)). A scenario is judged against a target only when it (or its targets file) states one."
                )))
        return blocks
    }

    /// One scenario's row of the CO2-intensity table: the cells and the CSV fields.
    private func intensityRow(_ run: ScenarioRun, _ i: IntensityAnalysis, targetYears: [Int], lastYear: Int)
        -> (cells: [ReportTable.Cell], csv: [String])
    {
        var cells: [ReportTable.Cell] = [.init(run.label), .init(TableNumber.format(i.base))]
        for y in targetYears {
            cells.append(.init(i.change(at: y).map { TableNumber.percent($0, signed: true) } ?? "–"))
        }
        var metText = "–"
        var tone = ReportTable.Cell.Tone.muted
        var met = ""
        if let target = i.target {
            let ok = target.met
            metText = ok ? t("✓ 达标", "✓ met") : t("✗ 未达标", "✗ missed")
            tone = ok ? .good : .bad
            met = ok ? "true" : "false"
        }
        let required =
            i.targetYear.map { y in
                t(
                    "\(y)年 ≤ \(TableNumber.percent(-i.requiredReduction))",
                    "\(y): ≤ \(TableNumber.percent(-i.requiredReduction))")
            } ?? "–"
        cells += [
            .init(required), .init(metText, tone: tone),
            .init(i.change(at: lastYear).map { TableNumber.percent($0, signed: true) } ?? "–"),
        ]
        return (
            cells,
            [
                run.scenario.id, csv(i.base), i.targetYear.map(String.init) ?? "",
                csv(i.targetYear == nil ? nil : i.requiredReduction),
                csv(i.targetYear.flatMap { i.change(at: $0) }), met, csv(i.change(at: lastYear)),
            ]
        )
    }

    private func energyBlocks(_ energyRuns: [ScenarioRun]) -> [ReportBlock] {
        let lastYear = allYears.last!
        let years = [baseYear, year, lastYear].reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        var header = [t("情景", "Scenario")]
        header += years.map { t("能耗 \($0)年（万吨标煤）", "Energy \($0) (10^4 tce)") }
        header += [t("单位GDP能耗 \(year)年较\(baseYear)年", "Energy per GDP \(year) vs \(baseYear)"), t("要求", "Required")]
        header += years.map { t("非化石能源比重 \($0)年", "Non-fossil share \($0)") }
        var table = ReportTable(
            file: "energy", caption: t("能源消费、能耗强度与非化石能源比重", "Energy use, energy intensity and the non-fossil share"),
            header: header, alignments: [.left] + header.dropFirst().map { _ in .right },
            csvHeader: ["scenario"] + years.map { "energy_tce_\($0)" } + [
                "energy_intensity_change_\(year)", "required_reduction",
            ]
                + years.map { "non_fossil_share_\($0)" })
        for run in energyRuns {
            let energy = run.result.energy ?? []
            let share = run.result.nonFossilShare ?? []
            let intensity = energyIntensity(run)
            var cells: [ReportTable.Cell] = [.init(run.label)]
            var row = [run.scenario.id]
            for y in years {
                let value = run.index(of: y).map { energy[$0] }
                cells.append(.init(value.map { TableNumber.format($0 / 1e4) } ?? "–"))
                row.append(csv(value))
            }
            let change = intensity?.change(at: year)
            var required = "–"
            var tone = ReportTable.Cell.Tone.plain
            if let target = intensity?.target {
                required = "\(target.year) ≤ \(TableNumber.percent(-target.required))"
                tone = target.met ? .good : .bad
            }
            cells.append(.init(change.map { TableNumber.percent($0, signed: true) } ?? "–", tone: tone))
            cells.append(.init(required))
            row += [csv(change), intensity?.target.map { csv($0.required) } ?? ""]
            for y in years {
                let value = run.index(of: y).map { share[$0] }
                cells.append(.init(value.map { TableNumber.percent($0) } ?? "–"))
                row.append(csv(value))
            }
            table.add(cells, csv: row)
        }
        var blocks: [ReportBlock] = [.table(table)]
        blocks.append(
            figure(
                "non-fossil-share", t("非化石能源占能源消费比重", "Non-fossil share of energy use"),
                .line(
                    .init(
                        title: t("非化石能源占能源消费比重", "Non-fossil share of energy use"), yLabel: "%",
                        series: energyRuns.map { run in
                            (
                                run.label, points(run.result.years, (run.result.nonFossilShare ?? []).map { $0 * 100 }),
                                false
                            )
                        }))))
        blocks.append(
            .note(
                t(
                    "能耗为清单各排放源 energy_tce × 活动水平之和（生产口径，含外送电力的发电用能），与统计部门的能源消费量口径不同；非化石能源比重为 fossil: false 的排放源所占份额。",
                    "Energy use is the sum over the inventory's sources of energy_tce × activity (a production basis, including the fuel of power sent out of the region), not the statistical energy balance; the non-fossil share is that of sources with fossil: false."
                )))
        return blocks
    }

    private func actionBlocks() -> [ReportBlock] {
        let u = unit(.co2)
        let measures = distinctMeasures
        // The carbon-peak horizon: the last year, when the measures after the comparison
        // year (renewables after 2025) count too.
        let horizon = allYears.last!
        let planned = runs.filter { !$0.appliedMeasures.isEmpty }
        guard !planned.isEmpty else {
            return [.paragraph(t("所比较的情景都没有措施。", "None of the scenarios has measures."))]
        }
        var table = ReportTable(
            file: "carbon-peak-actions",
            caption: t(
                "措施按碳达峰十大行动归类（\(horizon)年二氧化碳减排量，\(u.perYear)）",
                "Measures by the ten carbon-peak actions (CO2 cut in \(horizon), \(u.perYear))"),
            header: (zh ? ["行动", "措施"] : ["Action", "Measure"]) + planned.map(\.label),
            alignments: [.left, .left] + planned.map { _ in .right },
            csvHeader: ["action", "category", "measure", "title"] + planned.map { "\($0.scenario.id) CO2 t" })
        func rows(_ name: String, _ category: String, _ members: [(measure: MeasureAttribution, run: ScenarioRun)]) {
            if members.isEmpty {
                table.add(
                    [.init(name), .init(t("（无量化措施）", "(no quantified measure)"), tone: .muted)]
                        + planned.map { _ in .init("–", tone: .muted) },
                    csv: [name, category, "", ""] + planned.map { _ in "" })
                return
            }
            for (k, member) in members.enumerated() {
                let values = planned.map { run -> Double? in
                    guard let m = run.appliedMeasures.first(where: { $0.id == member.measure.id }) else { return nil }
                    return reduction(m, .co2, in: run, at: horizon)
                }
                table.add(
                    [.init(k == 0 ? name : ""), .init(measureName(member.measure))]
                        + values.map { .init($0.map(u.format) ?? "–", tone: $0 == nil ? .muted : .plain) },
                    csv: [name, member.measure.category ?? "", member.measure.id, member.measure.title ?? ""]
                        + values.map(csv))
            }
        }
        var used = Set<String>()
        for (k, action) in Vocabulary.carbonPeakActions.enumerated() {
            let members = measures.filter { $0.measure.category.flatMap(Vocabulary.action) == k }
            for member in members { used.insert(member.measure.id) }
            rows("\(k + 1). " + action(language), action.zh, members)
        }
        var others: [String] = []
        for m in measures where !used.contains(m.measure.id) {
            let category = m.measure.category ?? ""
            if !others.contains(category) { others.append(category) }
        }
        // Other categories (end-of-pipe control): only the measures that change CO2.
        var silent = 0
        for category in others {
            let all = measures.filter { !used.contains($0.measure.id) && ($0.measure.category ?? "") == category }
            let members = all.filter { entry in
                planned.contains { run in
                    run.appliedMeasures.first { $0.id == entry.measure.id }.map {
                        abs(reduction($0, .co2, in: run, at: horizon) ?? 0) > 0
                    } ?? false
                }
            }
            silent += all.count - members.count
            guard !members.isEmpty else { continue }
            let name = category.isEmpty ? t("（未分类）", "(no category)") : t("其他：", "Other: ") + category
            rows(name, category, members)
        }
        return [
            .paragraph(
                t(
                    "措施的 category 字段标明其所属的碳达峰行动。没有量化措施的行动也列出，以便看出规划的空白；不属于十大行动的类别（如污染治理）列在最后。",
                    "A measure's category names its carbon-peak action. Actions without a quantified measure are listed too, to show where the plan is silent; other categories (such as end-of-pipe control, 污染治理) come last."
                )),
            .table(table),
            .note(
                t(
                    "“–”：该情景没有这项措施。负值表示增加二氧化碳排放（如以电代煤在电网侧增加的排放）。"
                        + (silent > 0 ? "另有\(silent)项其他类别的措施（如污染治理）不影响二氧化碳，未列出。" : ""),
                    "“–”: the scenario does not have the measure. A negative value adds CO2 (such as the grid emissions of electric heating)."
                        + (silent > 0
                            ? " \(silent) measures of other categories (such as end-of-pipe control) do not change CO2 and are not listed."
                            : ""))),
        ]
    }

    private func coBenefitBlocks() -> [ReportBlock] {
        let air = pollutants.filter { $0.medium == .air }
        let measures = distinctMeasures.filter { entry in
            ([.co2] + air).contains {
                abs(reduction(entry.measure, $0, in: entry.run) ?? 0) > Tolerance.negligibleTonnes
            }
        }
        guard !measures.isEmpty else {
            return [.paragraph(t("没有同时影响二氧化碳或大气污染物的措施。", "No measure changes CO2 or an air pollutant."))]
        }
        let shown = air.filter { p in
            measures.contains { abs(reduction($0.measure, p, in: $0.run) ?? 0) > Tolerance.negligibleTonnes }
        }
        let co2Unit = unit(.co2)
        var header = [t("措施", "Measure"), t("数值取自", "From"), "CO2"]
        header += shown.map(\.id)
        header.append(t("类型", "Kind"))
        var table = ReportTable(
            file: "co-benefits",
            caption: t(
                "各措施\(year)年同时削减的二氧化碳与大气污染物（二氧化碳为\(co2Unit.perYear)，其余为吨/年）",
                "CO2 and air pollutants cut by each measure in \(year) (CO2 in \(co2Unit.perYear), the others in t/a)"),
            header: header, alignments: [.left, .left] + header.dropFirst(2).dropLast().map { _ in .right } + [.left],
            csvHeader: ["measure", "title", "scenario", "CO2 t"] + shown.map { "\($0.id) t" } + ["kind"])
        var counts: [String: Int] = [:]
        for (m, run) in measures {
            let co2 = reduction(m, .co2, in: run) ?? 0
            let cuts = shown.map { reduction(m, $0, in: run) ?? 0 }
            let (kind, tone) = coBenefitKind(co2: co2, air: cuts)
            counts[kind, default: 0] += 1
            table.add(
                [
                    .init(measureName(m)), .init(run.label),
                    .init(co2 == 0 ? "" : co2Unit.format(co2), tone: co2 < 0 ? .bad : .plain),
                ]
                    + zip(shown, cuts).map { p, v in .init(v == 0 ? "" : unit(p).format(v), tone: v < 0 ? .bad : .plain)
                    }
                    + [.init(kind, tone: tone)],
                csv: [m.id, m.title ?? "", run.scenario.id, csv(co2)] + cuts.map(csv) + [kind])
        }
        let synergy = counts[t("协同减排", "co-benefit")] ?? 0
        let tradeOff = counts[t("减污增碳", "cuts pollution, adds CO2")] ?? 0
        return [
            .paragraph(
                t(
                    "\(measures.count)项措施影响二氧化碳或大气污染物，其中\(synergy)项同时削减二氧化碳和大气污染物（协同减排）"
                        + (tradeOff > 0 ? "，\(tradeOff)项削减大气污染物但增加二氧化碳（减污增碳）。" : "；没有措施在削减大气污染物的同时增加二氧化碳。"),
                    "\(measures.count) measures change CO2 or an air pollutant: \(synergy) cut both (co-benefit)"
                        + (tradeOff > 0
                            ? " and \(tradeOff) cut air pollutants but add CO2."
                            : "; none cuts air pollutants at the price of more CO2."))),
            .table(table),
            .note(
                t(
                    "每项措施的数值取自第一个包含它的情景（按命令行顺序），为其在\(year)年的归因减排量；负值为增排。",
                    "Each measure's numbers come from the first scenario (in command-line order) that has it: its attribution in \(year); negative values are increases."
                )),
        ]
    }

    /// 协同减排 (both cut), 减污增碳, 降碳增污, 仅降碳, 仅减污.
    private func coBenefitKind(co2: Double, air: [Double]) -> (String, ReportTable.Cell.Tone) {
        let eps = Tolerance.negligibleTonnes
        let airCut = air.contains { $0 > eps }
        let airUp = air.contains { $0 < -eps }
        switch (co2 > eps, co2 < -eps, airCut, airUp) {
        case (true, _, true, _): return (t("协同减排", "co-benefit"), .good)
        case (_, true, true, _): return (t("减污增碳", "cuts pollution, adds CO2"), .bad)
        case (true, _, false, true): return (t("降碳增污", "cuts CO2, adds pollution"), .bad)
        case (true, _, false, false): return (t("仅降碳", "CO2 only"), .plain)
        case (false, false, true, _): return (t("仅减污", "air pollutants only"), .plain)
        default: return (t("增排", "adds emissions"), .bad)
        }
    }
}
