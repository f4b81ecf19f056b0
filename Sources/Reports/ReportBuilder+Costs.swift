import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// Section 4: annualised costs, cost-effectiveness, the least-cost portfolio and the
/// marginal abatement cost curves (Docs/reference/costs.md).
extension ReportBuilder {
    func costs() -> [ReportBlock] {
        let costed = runs.filter { run in
            run.appliedMeasures.contains { run.annualCost($0.id) != nil } || run.hasCandidates
        }
        guard !costed.isEmpty else {
            return [
                .paragraph(
                    t(
                        "所比较情景的措施都没有给出成本（cost），本节从略。",
                        "No measure of the scenarios carries a cost, so there is nothing to show here."))
            ]
        }
        var blocks: [ReportBlock] = [
            .paragraph(
                t(
                    "年化成本 = 投资 × 资本回收系数 + 年运行维护费，资本回收系数 CRF = i / (1 − (1 + i)^−n)，i 为情景的折现率，n 为措施寿命。单位减排成本 = 年化成本 ÷ 该措施\(year)年对某一污染物的减排量（元/吨）；同一措施削减多种污染物时，成本分别全部计入每一种，不分摊。",
                    "Annualised cost = capital × CRF + O&M per year, with the capital recovery factor CRF = i / (1 − (1 + i)^−n), i the scenario's discount rate and n the measure's lifetime. Cost-effectiveness = annualised cost ÷ the measure's reduction of one pollutant in \(year) (元/t); a measure that cuts several pollutants is charged in full to each, not split."
                ))
        ]
        blocks.append(.table(costSummaryTable(costed)))
        blocks.append(.heading(t("各措施成本与单位减排成本", "Cost and cost-effectiveness of each measure")))
        for run in costed {
            blocks.append(.table(costTable(run)))
        }
        for run in costed where run.hasCandidates {
            blocks.append(.heading(t("最低成本措施组合：\(run.label)", "The least-cost portfolio: \(run.label)")))
            blocks.append(contentsOf: optimizationBlocks(run))
            if !run.curves.isEmpty {
                blocks.append(.heading(t("边际减排成本曲线：\(run.label)", "Marginal abatement cost curves: \(run.label)")))
                blocks.append(
                    .paragraph(
                        t(
                            "每个台阶是一项备选措施：宽度为其满负荷实施时的减排量，高度为单位减排成本，按成本从低到高排列。达到某一减排量所需的最贵措施，决定了最后一吨的成本。",
                            "Each step is a candidate measure: its width is what it cuts at full level, its height its cost per tonne, cheapest first. The most expensive step needed to reach a cut sets the cost of the last tonne."
                        )))
                for curve in run.curves { blocks.append(contentsOf: curveBlocks(run, curve)) }
            }
        }
        return blocks
    }

    private func costSummaryTable(_ costed: [ScenarioRun]) -> ReportTable {
        var table = ReportTable(
            file: "costs-summary", caption: t("各情景措施成本合计", "Total cost of each scenario's measures"),
            header: zh
                ? ["情景", "有成本的措施", "无成本数据的措施", "投资合计（亿元）", "年化成本合计（万元/年）"]
                : ["Scenario", "Measures with a cost", "Measures without", "Capital (亿元)", "Annualised (万元/a)"],
            csvHeader: [
                "scenario", "measures_with_cost", "measures_without_cost", "capital_yuan", "annualised_yuan_per_year",
            ])
        for run in costed {
            let measures = run.appliedMeasures
            let with = measures.filter { run.annualCost($0.id) != nil }
            let capital = with.reduce(0.0) { sum, m in
                let level = run.measure(m.id).map { $0.isCandidate ? (run.levels[m.id] ?? 0) : 1 } ?? 1
                return sum + (run.measure(m.id)?.cost?.capital ?? 0) * level
            }
            let annual = with.reduce(0.0) { $0 + (run.annualCost($1.id) ?? 0) }
            table.add(
                [
                    .init(run.label), .init("\(with.count)"), .init("\(measures.count - with.count)"),
                    .init(TableNumber.fixed(capital / 1e8, decimals: 2)), .init(TableNumber.format(annual / 1e4)),
                ],
                csv: [run.scenario.id, "\(with.count)", "\(measures.count - with.count)", csv(capital), csv(annual)])
        }
        return table
    }

    /// One row per measure with a cost and pollutant it cuts in the year.
    private func costTable(_ run: ScenarioRun) -> ReportTable {
        let hasLevels = run.hasCandidates
        var header = [t("措施", "Measure")]
        if hasLevels { header.append(t("实施力度", "Level")) }
        header +=
            zh
            ? ["投资（万元）", "运维（万元/年）", "寿命（年）", "年化成本（万元/年）", "污染物", "\(year)年减排量", "单位减排成本（元/吨）"]
            : [
                "Capital (万元)", "O&M (万元/a)", "Life (a)", "Annualised (万元/a)", "Pollutant", "Cut in \(year)",
                "Cost (元/t)",
            ]
        var alignments: [ReportTable.Alignment] = [.left] + (hasLevels ? [.right] : [])
        alignments += [.right, .right, .right, .right, .left, .right, .right]
        var table = ReportTable(
            file: "costs-\(run.fileStem)",
            caption: t(
                "\(run.label)：各措施成本与\(year)年单位减排成本", "\(run.label): cost of each measure and cost per tonne in \(year)"),
            header: header, alignments: alignments,
            csvHeader: [
                "measure", "title", "level", "capital_yuan", "om_yuan_per_year", "lifetime_years",
                "annualised_yuan_per_year",
                "pollutant", "reduction_t", "yuan_per_t",
            ])
        for m in run.appliedMeasures {
            guard let measure = run.measure(m.id), let cost = measure.cost, let annual = run.annualCost(m.id) else {
                continue
            }
            let level = measure.isCandidate ? (run.levels[m.id] ?? 0) : 1
            let cuts = pollutants.compactMap { p -> (Pollutant, Double)? in
                guard let r = reduction(m, p, in: run), r > 0 else { return nil }
                return (p, r)
            }
            let lead: [ReportTable.Cell] =
                [.init(measureName(m))] + (hasLevels ? [.init(TableNumber.percent(level))] : [])
                + [
                    .init(TableNumber.format(cost.capital * level / 1e4)),
                    .init(TableNumber.format(cost.operation * level / 1e4)),
                    .init(TableNumber.format(cost.lifetime)), .init(TableNumber.format(annual / 1e4)),
                ]
            let csvLead = [
                m.id, m.title ?? "", csv(level), csv(cost.capital * level), csv(cost.operation * level),
                csv(cost.lifetime), csv(annual),
            ]
            if cuts.isEmpty {
                table.add(
                    lead + [.init("–", tone: .muted), .init("–", tone: .muted), .init("–", tone: .muted)],
                    csv: csvLead + ["", "", ""])
            }
            for (k, (p, r)) in cuts.enumerated() {
                let blank = lead.map { _ in ReportTable.Cell("") }
                table.add(
                    (k == 0 ? lead : blank) + [
                        .init(p.id), .init("\(unit(p).format(r)) \(unit(p).name)"),
                        .init(annual > 0 ? TableNumber.format(annual / r) : "0"),
                    ],
                    csv: csvLead + [p.id, csv(r), csv(annual / r)], continues: k > 0)
            }
        }
        if table.rows.isEmpty {
            table.add(
                [.init(t("本情景的措施没有成本数据", "No measure of the scenario has a cost"), tone: .muted)]
                    + header.dropFirst().map { _ in .init("") }, csv: [])
        }
        return table
    }

    private func optimizationBlocks(_ run: ScenarioRun) -> [ReportBlock] {
        guard let optimization = run.optimization else {
            if case let .file(path) = run.choice {
                let candidates = run.scenario.measures.filter(\.isCandidate)
                let chosen = candidates.filter { (run.levels[$0.id] ?? 0) > 0 }
                let cost = candidates.compactMap { run.annualCost($0.id) }.reduce(0, +)
                return [
                    .paragraph(
                        t(
                            "\(run.label)的\(candidates.count)项备选措施按 \(path) 给定的力度计入（\(chosen.count)项入选），年化成本每年\(money(cost))；本报告中该情景按这一组合计算。",
                            "The \(candidates.count) candidate measures of \(run.label) are at the levels given in \(path) (\(chosen.count) chosen), at \(money(cost)) a year; the report projects the scenario with this portfolio."
                        ))
                ]
            }
            let why = run.optimizationProblem?(language) ?? ""
            return [
                .paragraph(
                    t(
                        "\(run.label)有备选措施，但无法求解最低成本组合（\(why)）；本报告按不实施备选措施计算该情景。",
                        "\(run.label) has candidate measures but no least-cost portfolio could be found (\(why)); the report projects it without the candidates."
                    ))
            ]
        }
        let candidates = optimization.candidates
        let fullCost = candidates.reduce(0.0) { $0 + $1.annualCost }
        let chosen = candidates.filter { (optimization.levels[$0.id] ?? 0) > 0 }
        var blocks: [ReportBlock] = []
        let fixed = run.appliedMeasures.filter { run.measure($0.id)?.isCandidate == false }.compactMap {
            run.annualCost($0.id)
        }
        let fixedCost = fixed.reduce(0, +)
        switch optimization.status {
        case .optimal:
            blocks.append(
                .paragraph(
                    t(
                        "\(run.label)的\(candidates.count)项备选措施中，\(chosen.count)项入选（其中\(chosen.count(where: { (optimization.levels[$0.id] ?? 0) < 1 - Tolerance.level }))项部分实施），以每年\(money(optimization.annualCost))的年化成本达到\(optimization.year)年全部\(optimization.rows.count)项目标；全部备选措施满负荷实施则每年需\(money(fullCost))。\(fixed.isEmpty ? "" : "此外，\(fixed.count)项非备选措施始终实施，年化成本\(money(fixedCost))。")本报告中该情景按这一组合计算。",
                        "Of the \(candidates.count) candidate measures of \(run.label), \(chosen.count) are chosen (\(chosen.count(where: { (optimization.levels[$0.id] ?? 0) < 1 - Tolerance.level })) in part): they meet all \(optimization.rows.count) targets of \(optimization.year) at \(money(optimization.annualCost)) a year, against \(money(fullCost)) with every candidate at full level.\(fixed.isEmpty ? "" : " Besides, \(fixed.count) measures that are not candidates are always applied, at \(money(fixedCost)) a year.") The report projects the scenario with this portfolio."
                    )))
        case .infeasible:
            blocks.append(
                .paragraph(
                    t(
                        "即使全部\(candidates.count)项备选措施满负荷实施，\(run.label)也不能达到\(optimization.year)年全部目标；本报告按全部备选措施满负荷计算该情景（年化成本每年\(money(fullCost))）。",
                        "Even with all \(candidates.count) candidates at full level, \(run.label) cannot meet every \(optimization.year) target; the report projects it with every candidate at full level (\(money(fullCost)) a year)."
                    )))
        case .notConverged:
            blocks.append(
                .paragraph(
                    t(
                        "\(run.label)的最低成本求解未收敛，以下为最后一次迭代的组合（年化成本每年\(money(optimization.annualCost))），结果仅供参考。",
                        "The least-cost search for \(run.label) did not converge; below is its last portfolio (\(money(optimization.annualCost)) a year), indicative only."
                    )))
        }
        var levels = ReportTable(
            file: "optimization-\(run.fileStem)",
            caption: t("\(run.label)：备选措施的实施力度", "\(run.label): levels of the candidate measures"),
            header: zh
                ? ["备选措施", "实施力度", "满负荷年化成本（万元/年）", "所选年化成本（万元/年）"]
                : ["Candidate", "Level", "At full level (万元/a)", "Chosen (万元/a)"],
            csvHeader: [
                "measure", "title", "level", "annualised_full_yuan_per_year", "annualised_chosen_yuan_per_year",
            ])
        for candidate in candidates.sorted(by: { (optimization.levels[$0.id] ?? 0) > (optimization.levels[$1.id] ?? 0) }
        ) {
            let level = optimization.levels[candidate.id] ?? 0
            levels.add(
                [
                    .init(candidate.title ?? candidate.id),
                    .init(TableNumber.percent(level), tone: level > 0 ? .plain : .muted),
                    .init(TableNumber.format(candidate.annualCost / 1e4)),
                    .init(TableNumber.format(candidate.annualCost * level / 1e4)),
                ],
                csv: [
                    candidate.id, candidate.title ?? "", csv(level), csv(candidate.annualCost),
                    csv(candidate.annualCost * level),
                ])
        }
        levels.add(
            [
                .init(t("合计", "Total")), "", .init(TableNumber.format(fullCost / 1e4)),
                .init(TableNumber.format(optimization.annualCost / 1e4)),
            ],
            csv: ["total", "", "", csv(fullCost), csv(optimization.annualCost)], total: true)
        blocks.append(.table(levels))
        if optimization.status == .optimal {
            var prices = ReportTable(
                file: "shadow-prices-\(run.fileStem)",
                caption: t("\(run.label)：目标的影子价格", "\(run.label): shadow prices of the targets"),
                header: zh ? ["目标", "要求", "余量", "影子价格"] : ["Target", "Requirement", "Margin", "Shadow price"],
                alignments: [.left, .left, .right, .right],
                csvHeader: ["target", "requirement", "margin", "shadow_price_yuan_per_unit", "unit"])
            for row in optimization.rows {
                let target = optimization.projection.targets[row]
                let price = optimization.shadowPrices[target.id] ?? 0
                let fraction = target.isFraction
                let shown =
                    abs(price) < Tolerance.negligiblePrice
                    ? "0"
                    : TableNumber.format((fraction ? price / 100 : price) / 1e4)
                        + (fraction ? t(" 万元/年每百分点", " 万元/a per pp") : t(" 万元/年每吨", " 万元/a per t"))
                prices.add(
                    [
                        .init(target.title ?? target.id), .init("\(text.subject(target)) \(text.requirement(target))"),
                        .init(text.margin(target)),
                        .init(shown, tone: abs(price) < Tolerance.negligiblePrice ? .muted : .plain),
                    ],
                    csv: [
                        target.id, "\(text.subject(target)) \(text.requirement(target))", csv(target.margin),
                        csv(price),
                        fraction ? "yuan/a per unit fraction" : "yuan/a per t",
                    ])
            }
            blocks.append(.table(prices))
            blocks.append(
                .note(
                    t(
                        "影子价格：目标收紧一个单位（1吨，或削减率、强度下降率1个百分点）时最低年化成本的增加。有余量的目标影子价格为零；不为零的目标决定了措施组合。",
                        "Shadow price: how much the least annualised cost rises if the target is tightened by one unit (1 t, or 1 percentage point of a reduction or an intensity). Targets met with room to spare have none; the others decide the portfolio."
                    )))
        }
        return blocks
    }

    private func curveBlocks(_ run: ScenarioRun, _ curve: AbatementCostCurve) -> [ReportBlock] {
        let p = curve.pollutant
        let u = unit(p)
        var table = ReportTable(
            file: "macc-\(run.fileStem)-\(fileID(p))",
            caption: t(
                "\(name(p))边际减排成本（\(curve.year)年，满负荷）", "\(name(p)) marginal abatement cost (\(curve.year), full level)"
            ),
            header: zh
                ? ["序号", "措施", "年化成本（万元/年）", "减排量（\(u.perYear)）", "单位减排成本（元/吨）", "累计减排量（\(u.perYear)）"]
                : [
                    "#", "Measure", "Annualised (万元/a)", "Cut (\(u.perYear))", "Cost (元/t)",
                    "Cumulative (\(u.perYear))",
                ],
            alignments: [.right, .left, .right, .right, .right, .right],
            csvHeader: [
                "rank", "measure", "title", "annualised_yuan_per_year", "reduction_t", "yuan_per_t", "cumulative_t",
            ])
        for (k, step) in curve.steps.enumerated() {
            table.add(
                [
                    .init("\(k + 1)"), .init(step.title ?? step.id), .init(TableNumber.format(step.annualCost / 1e4)),
                    .init(u.format(step.reduction)), .init(TableNumber.format(step.costPerTonne)),
                    .init(u.format(step.cumulativeReduction)),
                ],
                csv: [
                    "\(k + 1)", step.id, step.title ?? "", csv(step.annualCost), csv(step.reduction),
                    csv(step.costPerTonne),
                    csv(step.cumulativeReduction),
                ])
        }
        // A measure that cuts this pollutant only on the side (PV's VOCs) can cost a
        // thousand times more per tonne than the rest and flatten the curve: such steps (less
        // than 2 % of the total cut and over 10 times the median cost) are listed in the
        // table but not drawn.
        let total = curve.steps.reduce(0.0) { $0 + $1.reduction }
        let costs = curve.steps.map(\.costPerTonne).sorted()
        let median = costs.isEmpty ? 0 : costs[costs.count / 2]
        let drawn = curve.steps.filter { $0.reduction >= 0.02 * total || $0.costPerTonne <= 10 * median }
        let chart = figure(
            "macc-\(run.fileStem)-\(fileID(p))",
            t("\(name(p))边际减排成本曲线（\(curve.year)年）", "\(name(p)) marginal abatement cost curve (\(curve.year))"),
            .steps(
                .init(
                    title: t(
                        "\(name(p))边际减排成本曲线，\(curve.year)年", "\(name(p)) marginal abatement cost curve, \(curve.year)"),
                    xLabel: t("累计减排量（\(u.perYear)）", "Cumulative cut (\(u.perYear))"),
                    yLabel: t("单位减排成本（元/吨）", "Cost per tonne (元/t)"),
                    steps: drawn.map { (short($0.title ?? $0.id, 16), $0.reduction / u.divisor, $0.costPerTonne) })))
        var blocks = [chart, .table(table)]
        let left = curve.steps.count - drawn.count
        if left > 0 {
            blocks.append(
                .note(
                    t(
                        "图中未画出\(left)项措施：\(left == 1 ? "它" : "每项")对\(name(p))的减排量不足总量的2%，单位减排成本却超过中位数的10倍，画出会使其余台阶无法辨认；数值见上表。",
                        "\(left) measure\(left == 1 ? " is" : "s are") not drawn: each cuts less than 2 % of the total of \(name(p)) at more than 10 times the median cost per tonne, which would flatten the other steps; see the table."
                    )))
        }
        return blocks
    }
}
