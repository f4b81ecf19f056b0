import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// The uncertainty section (`emis report --draws`): how likely each target is met, the
/// 5–95 % range of the trajectories, the distribution of the carbon peak's year, the factors
/// behind the least certain target, and the factors themselves.
extension ReportBuilder {
    /// The runs that were drawn.
    var drawnRuns: [(run: ScenarioRun, result: UncertaintyResult)] {
        runs.compactMap { run in run.uncertainty.map { (run, $0) } }
    }

    /// A target's outcome in a drawn run.
    func outcome(_ id: String, in run: ScenarioRun) -> UncertaintyResult.TargetOutcome? {
        run.uncertainty?.targets.first { $0.deterministic.id == id }
    }

    func uncertaintySection() -> [ReportBlock] {
        let drawn = drawnRuns
        guard let first = drawn.first?.result else { return [] }
        var blocks: [ReportBlock] = []
        let undrawn = runs.filter { $0.uncertainty == nil }.map(\.label)
        var method = t(
            "把清单和情景中的不确定性因子（排放因子、活动水平、措施落实程度和增长速度，见表末的因子表）各抽样 \(TableNumber.grouped(Int64(first.draws))) 次（随机数种子 \(first.seed)），每次抽样都按与确定性预测完全相同的规则逐年精确计算，再统计各目标达标的抽样比例、排放量的 5%–95% 区间和峰值年份的分布。确定性结果是所有因子取 1 的结果，不是中位数。",
            "The uncertain factors of the inventory and the scenarios (emission factors, activities, how fully measures deliver, growth; listed in the last table) were drawn \(TableNumber.grouped(Int64(first.draws))) times (seed \(first.seed)); each draw was projected year by year by exactly the rules of the deterministic projection, and the share of draws meeting each target, the 5–95 % range of the emissions and the distribution of the peak year were counted. The deterministic results are those with every factor at 1, not the medians."
        )
        if !undrawn.isEmpty {
            method += t(
                "\(list(undrawn))没有不确定性因子，未作抽样。",
                " \(list(undrawn)) \(undrawn.count == 1 ? "has" : "have") no uncertain factors and \(undrawn.count == 1 ? "was" : "were") not drawn."
            )
        }
        blocks.append(.paragraph(method))
        let verdict = uncertaintyVerdict()
        blocks.append(.verdict(verdict.verdict))
        if !verdict.bullets.isEmpty { blocks.append(.bullets(verdict.bullets)) }
        if drawn.contains(where: { !$0.result.targets.isEmpty }) {
            blocks.append(.table(probabilityTable()))
            blocks.append(
                .note(
                    t(
                        "达标概率为达标（与确定性判定规则相同）的抽样比例；余量区间为各次抽样余量的5%与95%分位点（P²流式估计），正值表示达标。每次抽样的基准年排放量随因子变化，削减率按各次抽样自身的基准年计算。",
                        "P(met) is the share of draws meeting the target (by the deterministic rule); the margin's range is the 5 % and 95 % points of the draws' margins (streamed P² estimates), positive when met. Each draw's base-year emissions change with the factors, and its reductions are measured against its own base year."
                    )))
        }
        blocks += fanCharts()
        blocks += peakYearBlocks()
        blocks += tornado()
        blocks.append(.table(factorTable()))
        var note = t(
            "区间：对数正态和正态分布为乘数 X 的95%区间，均匀和三角分布为取值范围；落实程度因子 X ≤ 1，确定性预测即其上限。概率只反映所列因子的不确定性：未抽样的结构性疑点（如清单行的划分、遗漏的排放源）不在其中。",
            "Range: the 95 % interval of the multiplier X for lognormal and normal, the whole support for uniform and triangular; delivery factors have X ≤ 1, so the deterministic projection is their upper end. The probabilities reflect only the factors listed: structural doubts that are not drawn (how the inventory rows are drawn up, missing sources) are not in them."
        )
        if banner != nil {
            note += t(
                "本清单为演示数据，其因子区间多取自全国或区域研究或为估计值，并非针对本地的研究结果。",
                " This inventory is demonstration data: most of its ranges are national or regional figures or estimates, not studies of the place itself."
            )
        }
        blocks.append(.note(note))
        return blocks
    }

    // MARK: - Verdict

    /// How many verdicts are not sure (P(met) between 5 % and 95 %) and how many of them most
    /// draws contradict, then one line per drawn scenario naming them.
    private func uncertaintyVerdict() -> (verdict: String, bullets: [String]) {
        var unsureCount = 0
        var contradictedCount = 0
        var bullets: [String] = []
        for (run, result) in drawnRuns {
            var items: [String] = []
            for outcome in result.targets {
                let d = outcome.deterministic
                let p = outcome.probabilityMet
                guard p > 0.05 && p < 0.95 else { continue }
                unsureCount += 1
                var item = t(
                    "\(shortTarget(d))（\(TableNumber.percent(p))", "\(shortTarget(d)) (\(TableNumber.percent(p))")
                if d.met != (p >= 0.5) {
                    contradictedCount += 1
                    item +=
                        d.met
                        ? t("，确定性结果为达标", "; met deterministically") : t("，确定性结果为未达标", "; missed deterministically")
                }
                items.append(item + t("）", ")"))
            }
            if !items.isEmpty { bullets.append("\(run.label)\(t("：", ": "))\(items.joined(separator: t("；", "; ")))") }
        }
        if unsureCount == 0 {
            return (
                t(
                    "在所给的不确定性范围内，各目标的判定都是稳健的：达标概率均不在5%–95%之间。",
                    "Within the uncertainty ranges given, every verdict is robust: no target's P(met) lies between 5 % and 95 %."
                ),
                []
            )
        }
        var verdict = t(
            "在所给的不确定性范围内，有\(unsureCount)项判定不稳健（达标概率在5%–95%之间，括号内为达标概率）",
            "Within the uncertainty ranges given, \(unsureCount) verdict\(unsureCount == 1 ? " is" : "s are") not robust (P(met) between 5 % and 95 %, in brackets)"
        )
        if contradictedCount > 0 {
            verdict += t(
                "，其中\(contradictedCount)项的确定性判定与多数抽样相反，单一数值的结论不可靠",
                "; for \(contradictedCount) of them most draws contradict the deterministic verdict, which is not to be relied on"
            )
        }
        verdict += t("。", ".")
        if drawnRuns.contains(where: { $0.run.optimization != nil }) {
            verdict += t(
                "最低成本组合按确定性数值恰好满足的约束，在不确定性下只有约一半的把握；要有更大把握，需在约束中留出余量。",
                " A least-cost portfolio meets its binding constraints only just, so under uncertainty they hold in about half of the draws; more confidence needs a safety margin in the constraints."
            )
        }
        return (verdict, bullets)
    }

    // MARK: - Tables

    private func probabilityTable() -> ReportTable {
        let drawn = drawnRuns
        var csvHeader = ["target", "title", "subject", "year", "kind", "required"]
        for (run, _) in drawn {
            let id = run.scenario.id
            csvHeader += [
                "\(id) deterministic_margin", "\(id) p_met", "\(id) margin_p5", "\(id) margin_p50", "\(id) margin_p95",
            ]
        }
        var table = ReportTable(
            file: "uncertainty-targets", caption: t("各目标的达标概率", "How likely each target is met"),
            header: (zh ? ["目标", "要求"] : ["Target", "Requirement"])
                + drawn.map { t("\($0.run.label) 达标概率", "\($0.run.label) P(met)") },
            alignments: [.left, .left] + drawn.map { _ in .right }, csvHeader: csvHeader)
        var ids: [String] = []
        for (_, result) in drawn {
            for o in result.targets where !ids.contains(o.deterministic.id) { ids.append(o.deterministic.id) }
        }
        for id in ids {
            let found = drawn.map { outcome(id, in: $0.run) }
            let first = found.lazy.compactMap { $0 }.first!.deterministic
            var cells: [ReportTable.Cell] = [
                .init(first.title ?? first.id),
                .init("\(text.subject(first)) \(first.year) \(text.requirement(first))"),
            ]
            var csvRow = [
                first.id, first.title ?? "", text.subject(first), "\(first.year)", first.kind.name, csv(first.required),
            ]
            for o in found {
                guard let o else {
                    cells.append(.init("–", tone: .muted))
                    csvRow += ["", "", "", "", ""]
                    continue
                }
                let d = o.deterministic
                let p = o.probabilityMet
                let tone: ReportTable.Cell.Tone = p >= 0.95 ? .good : (p <= 0.05 ? .bad : .plain)
                cells.append(.init("\(TableNumber.percent(p))\n\(marginRange(d, o.margin))", tone: tone))
                csvRow += [csv(d.margin), csv(p), csv(o.margin.p5), csv(o.margin.p50), csv(o.margin.p95)]
            }
            table.add(cells, csv: csvRow)
        }
        return table
    }

    /// `-11.9 ～ -3.8 个百分点`: the 5 % and 95 % margins with the unit written once.
    func marginRange(_ d: TargetResult, _ m: UncertaintyResult.Spread) -> String {
        let low = text.margin(d, m.p5)
        let high = text.margin(d, m.p95)
        guard let space = low.firstIndex(of: " "), let other = high.firstIndex(of: " "),
            low[space...] == high[other...]
        else { return "\(low) ～ \(high)" }
        return "\(low[..<space]) ～ \(high)"
    }

    /// Every factor of the drawn scenarios, once (by id; the first scenario that has it).
    private func factorTable() -> ReportTable {
        var table = ReportTable(
            file: "uncertainty-factors", caption: t("不确定性因子", "The uncertain factors"),
            header: zh
                ? ["因子", "作用于", "对象", "区间", "分布", "情景"]
                : ["Factor", "Of", "What", "Range", "Distribution", "Scenarios"],
            alignments: [.left, .left, .left, .right, .left, .left],
            csvHeader: [
                "factor", "title", "of", "subject", "lower", "upper", "distribution", "per_source", "scenarios",
            ])
        // One row per distinct factor: a scenario that redefines an inherited id with another
        // range or subject gets a row of its own.
        func key(_ f: UncertainFactor) -> String {
            "\(f.id)|\(f.lower)|\(f.upper)|\(f.distribution.rawValue)|\(f.isCorrelated)|\(subjectText(f))"
        }
        var order: [String] = []
        var factors: [String: UncertainFactor] = [:]
        var users: [String: [String]] = [:]
        for (run, result) in drawnRuns {
            for factor in result.factors {
                let id = key(factor)
                if factors[id] == nil {
                    order.append(id)
                    factors[id] = factor
                }
                users[id, default: []].append(run.label)
            }
        }
        for id in order {
            let f = factors[id]!
            let name = f.title.map { "\($0)\n\(f.id)" } ?? f.id
            let scenarios =
                users[id]!.count == drawnRuns.count ? t("全部", "all") : users[id]!.joined(separator: t("、", ", "))
            let range = "\(TableNumber.percent(f.lower, signed: true)) ～ \(TableNumber.percent(f.upper, signed: true))"
            var distribution = distributionName(f.distribution)
            if !f.isCorrelated { distribution += t("（逐源抽样）", " (per source)") }
            table.add(
                [
                    .init(name), .init(kindName(f)), .init(subjectText(f)), .init(range), .init(distribution),
                    .init(scenarios),
                ],
                csv: [
                    f.id, f.title ?? "", f.kindName, subjectText(f), csv(f.lower), csv(f.upper),
                    f.distribution.rawValue,
                    f.isCorrelated ? "false" : "true", users[id]!.joined(separator: ";"),
                ])
        }
        return table
    }

    private func kindName(_ f: UncertainFactor) -> String {
        switch f.subject {
        case .emissionFactor: t("排放因子", "emission factor")
        case .activity: t("活动水平", "activity")
        case .level: t("措施落实程度", "measure delivery")
        case .growth: t("增长", "growth")
        }
    }

    private func distributionName(_ d: UncertainFactor.Distribution) -> String {
        switch d {
        case .lognormal: t("对数正态", "lognormal")
        case .normal: t("正态", "normal")
        case .uniform: t("均匀", "uniform")
        case .triangular: t("三角", "triangular")
        }
    }

    /// What the factor multiplies, in words: the selection and pollutants, the measure, the driver.
    private func subjectText(_ f: UncertainFactor) -> String {
        func selection(_ s: Selector) -> String {
            var parts: [String] = []
            if let sectors = s.sectors { parts.append(sectors.map(sectorName).joined(separator: t("、", ", "))) }
            if let counties = s.counties { parts.append(counties.joined(separator: t("、", ", "))) }
            if let ids = s.ids { parts.append(t("排放源 ", "sources ") + ids.joined(separator: t("、", ", "))) }
            return parts.isEmpty ? t("全部排放源", "every source") : parts.joined(separator: t("；", "; "))
        }
        switch f.subject {
        case let .emissionFactor(selector, pollutants):
            let which = pollutants.map { $0.map(\.id).joined(separator: ", ") } ?? t("全部污染物", "every pollutant")
            return "\(selection(selector))：\(which)"
        case let .activity(selector):
            return selection(selector)
        case let .level(measure):
            let title = runs.lazy.compactMap { $0.measure(measure)?.title }.first
            return title.map { "\($0)（\(measure)）" } ?? measure
        case let .growth(.sources(selector)):
            return t("驱动因子：", "driver: ") + selection(selector)
        case let .growth(.macro(series)):
            return t("宏观序列 ", "macro series ") + series
        }
    }

    // MARK: - Charts

    /// One fan chart per pollutant with a target in a drawn run: each drawn scenario's change
    /// from the base year (each draw against its own base year, the quantity a reduction
    /// target bounds), median and 5–95 % band, with the reduction targets' requirements.
    private func fanCharts() -> [ReportBlock] {
        var shown: [Pollutant] = []
        for (run, _) in drawnRuns {
            for target in run.result.targets {
                if case let .pollutant(p) = target.metric, !shown.contains(p) { shown.append(p) }
            }
        }
        if shown.isEmpty { shown = [.co2] }
        let ordered = pollutants.filter { p in
            shown.contains(p) && drawnRuns.contains { $0.result.changeFromBaseYear[p] != nil }
        }
        guard !ordered.isEmpty else { return [] }
        var blocks: [ReportBlock] = [
            .paragraph(
                t(
                    "下列各图为各情景排放量较\(baseYear)年的变化：每次抽样都与它自己的\(baseYear)年排放量相比（同一排放因子在两年中取同一抽样值，因此变化率的区间比排放量本身的区间窄得多）。实线为中位数，阴影为5%–95%区间，菱形为削减率目标的要求。",
                    "The charts give each scenario's change from \(baseYear): each draw against its own \(baseYear) emissions (an emission factor takes the same drawn value in both years, so the range of the change is much narrower than that of the emissions themselves). Lines are medians, shading the 5–95 % range, diamonds the requirements of reduction targets."
                ))
        ]
        for p in ordered {
            var series: [(name: String, points: [(x: Double, y: Double)], dashed: Bool)] = []
            var bands: [[(x: Double, low: Double, high: Double)]] = []
            for (run, result) in drawnRuns {
                guard let band = result.changeFromBaseYear[p] else { continue }
                let years = result.years
                series.append((run.label, points(years, band.p50.map { $0 * 100 }), false))
                bands.append(years.indices.map { (Double(years[$0]), band.p5[$0] * 100, band.p95[$0] * 100) })
            }
            var markers: [(x: Double, y: Double, label: String)] = []
            for (run, result) in drawnRuns {
                for outcome in result.targets {
                    let target = outcome.deterministic
                    guard case .pollutant(p) = target.metric, case .reduction = target.kind,
                        run.scenario.targets.first(where: { $0.id == target.id })?.select == nil
                    else { continue }
                    let y = -target.required * 100
                    if markers.contains(where: { $0.x == Double(target.year) && abs($0.y - y) <= 1e-9 }) { continue }
                    markers.append((Double(target.year), y, t("目标：", "target: ") + text.requirement(target)))
                }
            }
            let title = t(
                "\(name(p))较\(baseYear)年的变化：中位数与5%–95%区间",
                "\(name(p)), change from \(baseYear): median and 5–95 % range")
            blocks.append(
                figure(
                    "uncertainty-\(fileID(p))",
                    t("\(name(p))较\(baseYear)年变化的5%–95%区间", "\(name(p)), change from \(baseYear), 5–95 % range"),
                    .line(
                        .init(
                            title: title, yLabel: t("较\(baseYear)年变化（%）", "change from \(baseYear) (%)"),
                            series: series, markers: markers, bands: bands))))
        }
        return blocks
    }

    /// The share of draws peaking in each year, per drawn scenario: a table and a stacked bar
    /// chart (each bar adds up to 100 %).
    private func peakYearBlocks() -> [ReportBlock] {
        var blocks: [ReportBlock] = []
        for (series, title, titleEn) in [
            ("CO2", "CO2排放量", "When CO2 emissions peak"), ("energy", "能源消费量", "When energy use peaks"),
        ] {
            let drawn = drawnRuns.filter { $0.result.peakYear[series] != nil }
            guard !drawn.isEmpty else { continue }
            var keys: [String] = []
            for (_, result) in drawn {
                for key in result.peakYear[series]!.keys where !keys.contains(key) { keys.append(key) }
            }
            keys.sort { ($0 == "none" ? 1 : 0, $0) < ($1 == "none" ? 1 : 0, $1) }
            let last = allYears.last!
            func keyName(_ key: String) -> String {
                key == "none" ? t("\(last)年仍为最高（期内未达峰）", "highest in \(last) (no peak yet)") : t("\(key)年", key)
            }
            var table = ReportTable(
                file: "uncertainty-peak-\(series == "CO2" ? "co2" : "energy")",
                caption: t("\(title)峰值年份的分布", titleEn),
                header: [t("情景", "Scenario")] + keys.map(keyName),
                csvHeader: ["scenario"] + keys)
            for (run, result) in drawn {
                let shares = result.peakYear[series]!
                table.add(
                    [.init(run.label)] + keys.map { .init(shares[$0].map { TableNumber.percent($0) } ?? "–") },
                    csv: [run.scenario.id] + keys.map { csv(shares[$0] ?? 0) })
            }
            if series == "CO2", allYears.count > 1 {
                let early = drawn.map { run, result -> String in
                    let shares = result.peakYear[series]!
                    let byBound = shares.filter { $0.key != "none" && Int($0.key)! <= min(2029, last - 1) }.values
                        .reduce(0, +)
                    return "\(run.label) \(TableNumber.percent(byBound))"
                }
                let bound = min(2029, last - 1)
                blocks.append(
                    .paragraph(
                        t(
                            "CO2在\(bound)年及以前达峰（此后至\(last)年不再超过峰值）的抽样比例：\(early.joined(separator: "，"))。峰值落在\(last)年的抽样计为期内未达峰。",
                            "Share of draws in which CO2 peaks in \(bound) or earlier (and stays below that peak to \(last)): \(early.joined(separator: ", ")). A maximum in \(last) counts as no peak within the horizon."
                        )))
            }
            blocks.append(.table(table))
            // A chart only says more than the table when the draws spread over several years
            // or the scenarios differ.
            let dominant = drawn.map { run, result in result.peakYear[series]!.max { $0.value < $1.value }!.key }
            let spread = drawn.contains { $0.result.peakYear[series]!.values.max()! < 0.99 }
            guard spread || Set(dominant).count > 1 else { continue }
            let chartSeries: [(name: String, values: [Double])] = keys.map { key in
                (keyName(key), drawn.map { ($0.result.peakYear[series]![key] ?? 0) * 100 })
            }
            blocks.append(
                figure(
                    "uncertainty-peak-\(series == "CO2" ? "co2" : "energy")",
                    t("\(title)峰值年份的分布", titleEn),
                    .stacked(
                        .init(
                            title: t("\(title)峰值年份的分布", titleEn),
                            yLabel: t("抽样比例（%）", "share of draws (%)"), categories: drawn.map(\.run.label),
                            series: chartSeries, showNet: false))))
        }
        return blocks
    }

    /// The factors behind the least certain target (P(met) nearest 50 %; ties: the first):
    /// their rank correlation with its margin.
    private func tornado() -> [ReportBlock] {
        var best: (run: ScenarioRun, outcome: UncertaintyResult.TargetOutcome, result: UncertaintyResult)?
        for (run, result) in drawnRuns {
            for outcome in result.targets where !outcome.sensitivity.isEmpty {
                if best == nil || abs(outcome.probabilityMet - 0.5) < abs(best!.outcome.probabilityMet - 0.5) {
                    best = (run, outcome, result)
                }
            }
        }
        guard let best else { return [] }
        let d = best.outcome.deterministic
        let titles = Dictionary(best.result.factors.map { ($0.id, $0.title ?? $0.id) }, uniquingKeysWith: { a, _ in a })
        let rows = best.outcome.sensitivity.prefix(10).map { s in
            (
                label: titles[s.factor].map { $0 == s.factor ? $0 : t("\($0)（\(s.factor)）", "\($0) (\(s.factor))") }
                    ?? s.factor,
                value: s.rankCorrelation
            )
        }
        let what = "\(best.run.label) \(shortTarget(d))"
        // Squared standardised regression coefficients are shares of the variance only when
        // the factors are independent; correlated factors can give a sum above 1, and then
        // no share is quoted.
        let allShares = best.outcome.sensitivity.compactMap(\.varianceShare)
        let additive = !allShares.isEmpty && allShares.reduce(0, +) <= 1 + 1e-9
        let shares =
            additive
            ? best.outcome.sensitivity.prefix(3).compactMap { s -> String? in
                s.varianceShare.map { "\(titles[s.factor] ?? s.factor) \(TableNumber.percent($0))" }
            } : []
        var blocks: [ReportBlock] = [
            .paragraph(
                t(
                    "达标概率最接近50%、因而最取决于不确定性的目标是\(what)（达标概率\(TableNumber.percent(best.outcome.probabilityMet))）。下图为各因子与其余量的秩相关系数：正值表示该因子越大余量越大。"
                        + (shares.isEmpty ? "" : "标准化秩回归给出的方差份额：\(shares.joined(separator: "，"))。"),
                    "The target whose verdict depends most on the uncertainty (P(met) nearest 50 %) is \(what) (P(met) \(TableNumber.percent(best.outcome.probabilityMet))). The chart gives each factor's rank correlation with its margin: positive when a larger factor means a larger margin."
                        + (shares.isEmpty
                            ? ""
                            : " Shares of variance from the standardised rank regression: \(shares.joined(separator: ", ")).")
                ))
        ]
        blocks.append(
            figure(
                "uncertainty-tornado", t("影响\(what)的因子", "The factors behind \(what)"),
                .tornado(
                    .init(
                        title: t("影响\(what)余量的因子", "What drives the margin of \(what)"),
                        xLabel: t("与余量的秩相关系数（Spearman）", "rank correlation with the margin (Spearman)"),
                        rows: Array(rows), positiveLabel: t("因子越大，余量越大", "larger factor, larger margin"),
                        negativeLabel: t("因子越大，余量越小", "larger factor, smaller margin")))))
        return blocks
    }
}
