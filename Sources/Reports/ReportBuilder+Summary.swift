import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// Section 1: each scenario against each target, and the verdict.
extension ReportBuilder {
    func summary() -> [ReportBlock] {
        var blocks: [ReportBlock] = [.verdict(verdict())]
        blocks.append(.table(scenarioTable()))
        if targetIDs.isEmpty {
            blocks.append(
                .paragraph(
                    t(
                        "所比较的情景都没有设定目标，因此本节只列出情景；排放趋势见第2节。",
                        "None of the scenarios sets a target, so this section only lists them; see section 2 for the trajectories."
                    )))
        } else {
            blocks.append(.table(targetTable()))
            var note = t(
                "✓ 达标、✗ 未达标；余量为预计值与要求之差（削减率和强度下降率以百分点计，总量以吨计），正值表示达标。“–”表示该情景没有这一目标。削减率相对清单基准年排放总量；重点工程减排量为同年基准情景与本情景之差。",
                "✓ met, ✗ missed. The margin is the projected value minus the requirement (percentage points for reductions and intensities, t for amounts), positive when met. “–”: the scenario has no such target. Reductions are against the inventory's base-year total; project reductions are the scenario's baseline minus its total in the same year."
            )
            if !drawnRuns.isEmpty {
                note += t(
                    "达标概率为蒙特卡罗抽样中达标的比例（见“不确定性与达标概率”一节）。",
                    " P(met) is the share of Monte Carlo draws meeting the target (see the section on uncertainty).")
            }
            blocks.append(.note(note))
        }
        return blocks
    }

    /// Target ids of every scenario, in the order they first appear.
    var targetIDs: [String] {
        var ids: [String] = []
        for run in runs { for target in run.result.targets where !ids.contains(target.id) { ids.append(target.id) } }
        return ids
    }

    func target(_ id: String, in run: ScenarioRun) -> TargetResult? {
        run.result.targets.first { $0.id == id }
    }

    private func scenarioTable() -> ReportTable {
        var table = ReportTable(
            file: "scenarios", caption: t("所比较的情景", "The scenarios compared"),
            header: zh
                ? ["情景", "代码", "标题", "年份", "措施", "目标", "文件"]
                : ["Scenario", "ID", "Title", "Years", "Measures", "Targets", "File"],
            alignments: [.left, .left, .left, .center, .right, .right, .left],
            csvHeader: ["label", "scenario", "title", "first_year", "last_year", "measures", "targets", "file"])
        for run in runs {
            let s = run.scenario
            var measures = "\(run.appliedMeasures.count)"
            if run.hasCandidates {
                let candidates = s.measures.filter(\.isCandidate)
                let chosen = candidates.count(where: { (run.levels[$0.id] ?? 0) > 0 })
                measures += t("（\(candidates.count)项备选中选用\(chosen)项）", " (\(chosen) of \(candidates.count) candidates)")
            }
            table.add(
                [
                    ReportTable.Cell(run.label), .init(s.id), .init(s.title ?? ""),
                    .init("\(s.years.lowerBound)–\(s.years.upperBound)"), .init(measures),
                    .init("\(run.result.targets.count)"), .init(display(run.path)),
                ],
                csv: [
                    run.label, s.id, s.title ?? "", "\(s.years.lowerBound)", "\(s.years.upperBound)",
                    "\(run.appliedMeasures.count)", "\(run.result.targets.count)", display(run.path),
                ])
        }
        return table
    }

    private func targetTable() -> ReportTable {
        var csvHeader = ["target", "title", "subject", "year", "kind", "required"]
        for run in runs {
            csvHeader += ["\(run.scenario.id) projected", "\(run.scenario.id) margin", "\(run.scenario.id) met"]
            if run.uncertainty != nil { csvHeader.append("\(run.scenario.id) p_met") }
        }
        var table = ReportTable(
            file: "summary-targets", caption: t("各情景目标达成情况", "Each scenario against each target"),
            header: (zh ? ["目标", "要求"] : ["Target", "Requirement"]) + runs.map(\.label),
            alignments: [.left, .left] + runs.map { _ in .right }, csvHeader: csvHeader)
        for id in targetIDs {
            let found = runs.map { target(id, in: $0) }
            let first = found.lazy.compactMap { $0 }.first!
            var cells: [ReportTable.Cell] = [
                .init(first.title ?? first.id),
                .init("\(text.subject(first)) \(first.year) \(text.requirement(first))"),
            ]
            var csvRow = [
                first.id, first.title ?? "", text.subject(first), "\(first.year)", first.kind.name, csv(first.required),
            ]
            for (run, result) in zip(runs, found) {
                let drawn = run.uncertainty != nil
                if let r = result {
                    var cell = "\(r.met ? "✓" : "✗") \(text.value(r, r.projected))\n\(text.margin(r))"
                    let p = outcome(id, in: run)?.probabilityMet
                    if let p { cell += t("\n达标概率 \(TableNumber.percent(p))", "\nP(met) \(TableNumber.percent(p))") }
                    cells.append(.init(cell, tone: r.met ? .good : .bad))
                    csvRow += [csv(r.projected), csv(r.margin), r.met ? "true" : "false"]
                    if drawn { csvRow.append(csv(p)) }
                } else {
                    cells.append(.init("–", tone: .muted))
                    csvRow += ["", "", ""]
                    if drawn { csvRow.append("") }
                }
            }
            table.add(cells, csv: csvRow)
        }
        var total: [ReportTable.Cell] = [.init(t("达标项数", "Targets met")), ""]
        var csvTotal = ["met", "", "", "", "", ""]
        for run in runs {
            let met = run.result.targets.count(where: \.met)
            let n = run.result.targets.count
            total.append(.init(n == 0 ? "–" : "\(met) / \(n)", tone: n == 0 ? .muted : (met == n ? .good : .bad)))
            csvTotal += ["", "", "\(met)/\(n)"]
            if run.uncertainty != nil { csvTotal.append("") }
        }
        table.add(total, csv: csvTotal, total: true)
        return table
    }

    // MARK: - The verdict

    /// One paragraph, from the numbers: who meets what, the largest gaps, what the least
    /// cost is, when CO2 peaks and how CO2 per GDP compares with its target.
    func verdict() -> String {
        var sentences: [String] = []
        let withTargets = runs.filter { !$0.result.targets.isEmpty }
        if !withTargets.isEmpty {
            let complete = withTargets.filter { $0.result.targets.allSatisfy(\.met) }
            let years = Set(withTargets.flatMap { $0.result.targets.map(\.year) }).sorted()
            let yearText = years.map(String.init).joined(separator: t("、", ", "))
            if complete.count == withTargets.count {
                sentences.append(
                    t(
                        "所比较的\(withTargets.count)个情景均达到其全部\(yearText)年目标。",
                        withTargets.count == 1
                            ? "The scenario meets all its \(yearText) targets."
                            : "All \(withTargets.count) scenarios meet all their \(yearText) targets."))
            } else if !complete.isEmpty {
                let names = list(complete.map(\.label))
                let counts = Set(complete.map(\.result.targets.count))
                let each =
                    counts.count == 1 ? t("\(complete.count > 1 ? "各" : "")\(counts.first!)项", "\(counts.first!)") : ""
                sentences.append(
                    t(
                        "按\(yearText)年目标衡量，只有\(names)全部达标\(each.isEmpty ? "" : "（\(each)）")。",
                        "Against the \(yearText) targets, only \(names) \(complete.count == 1 ? "meets" : "meet") all of them\(each.isEmpty ? "" : " (\(each))")."
                    ))
            } else {
                sentences.append(
                    t(
                        "按\(yearText)年目标衡量，没有一个情景全部达标。",
                        "Against the \(yearText) targets, no scenario meets all of them."))
            }
            for run in withTargets where !complete.contains(where: { $0.scenario.id == run.scenario.id }) {
                let targets = run.result.targets
                let missed = targets.filter { !$0.met }
                let gaps = missed.sorted { relativeGap($0) > relativeGap($1) }.prefix(3).map { target in
                    zh
                        ? "\(shortTarget(target))（差\(text.margin(target).dropFirst())）"
                        : "\(shortTarget(target)) (short by \(text.margin(target).dropFirst()))"
                }
                let more = missed.count > 3 ? t("等", " among others") : ""
                let gapText = gaps.joined(separator: t("、", ", "))
                if missed.count == targets.count {
                    sentences.append(
                        t(
                            "\(run.label)\(targets.count)项目标全部未达到，缺口较大的是\(gapText)\(more)。",
                            "\(run.label) misses all \(targets.count) targets, most widely \(gapText)\(more)."))
                } else {
                    sentences.append(
                        t(
                            "\(run.label)达标\(targets.count - missed.count)项、未达标\(missed.count)项，缺口在\(gapText)\(more)。",
                            "\(run.label) meets \(targets.count - missed.count) and misses \(missed.count): \(gapText)\(more)."
                        ))
                }
            }
        } else {
            sentences.append(t("所比较的情景没有设定目标。", "The scenarios set no targets."))
        }
        for run in runs {
            if case let .file(path) = run.choice {
                sentences.append(
                    t(
                        "\(run.label)的备选措施按 \(path) 给定的力度计入。",
                        "The candidate measures of \(run.label) are at the levels given in \(path)."))
            }
            if let optimization = run.optimization {
                let cost = money(optimization.annualCost)
                switch optimization.status {
                case .optimal:
                    sentences.append(
                        t(
                            "\((run.label))给出以最低成本达到\(optimization.year)年全部目标的措施组合，年化成本\(cost)。",
                            "\((run.label)) is the least-cost portfolio for every \(optimization.year) target, at \(cost) a year."
                        ))
                case .infeasible:
                    sentences.append(
                        t(
                            "\((run.label))的备选措施即使全部满负荷实施也不能达到\(optimization.year)年全部目标。",
                            "Even with every candidate at full level, \((run.label)) cannot meet every \(optimization.year) target."
                        ))
                case .notConverged:
                    sentences.append(
                        t(
                            "\((run.label))的最低成本求解未收敛，结果仅供参考。",
                            "The least-cost search for \((run.label)) did not converge; its numbers are indicative."))
                }
            }
        }
        let peaks = runs.compactMap { run in co2Peak(run).map { (run, $0) } }
        if !peaks.isEmpty {
            let lastYear = peaks.map(\.1.lastYear).max()!
            let parts = peaks.map { run, peak in "\((run.label))\(t("", " "))\(peakPhrase(peak, brief: true))" }
            sentences.append(t("二氧化碳：", "CO2: ") + parts.joined(separator: t("；", "; ")) + t("。", "."))
            // Scenarios with measures whose CO2 is still rising at the end (a scenario without
            // measures is the reference, not a plan).
            let notPeaked = peaks.filter {
                ($0.1.status == .notPeaked || $0.1.status == .rebounding) && !$0.0.appliedMeasures.isEmpty
            }
            if !notPeaked.isEmpty {
                sentences.append(
                    t(
                        "要在\(lastYear)年前稳定达峰，\(list(notPeaked.map(\.0.label)))还需要\(lastYear > year ? "\(year)年以后" : "")进一步的结构性措施。",
                        "For a secure peak before \(lastYear), \(list(notPeaked.map(\.0.label))) need\(notPeaked.count == 1 ? "s" : "") further structural measures\(lastYear > year ? " after \(year)" : "")."
                    ))
            }
        }
        let intensities = runs.compactMap { run in co2Intensity(run).map { (run, $0) } }
        if let reference = intensities.first?.1, reference.targetYear != nil {
            let year = reference.targetYear!
            let parts = intensities.compactMap { run, i -> String? in
                guard let change = i.change(at: year) else { return nil }
                return "\((run.label)) \(TableNumber.percent(change, signed: true))"
            }
            let required = TableNumber.percent(-reference.requiredReduction)
            sentences.append(
                t(
                    "单位GDP二氧化碳排放\(year)年较\(baseYear)年：\(parts.joined(separator: "、"))（要求\(required)）。",
                    "CO2 per unit of GDP in \(year) against \(baseYear): \(parts.joined(separator: ", ")) (required: \(required))."
                ))
        }
        return sentences.joined(separator: zh ? "" : " ")
    }

    /// How far a missed target is from its requirement, relative to it (to pick the largest gaps).
    private func relativeGap(_ t: TargetResult) -> Double {
        t.required != 0 ? -t.margin / abs(t.required) : -t.margin
    }

    /// `VOCs削减16%` / `VOCs reduction 16%`: a target in a few words.
    func shortTarget(_ t: TargetResult) -> String {
        let requirement =
            zh
            ? text.requirement(t).replacingOccurrences(of: " ≥ ", with: "").replacingOccurrences(of: " ≤ ", with: "≤")
            : text.requirement(t).replacingOccurrences(of: " ≥ ", with: " ")
        return zh ? "\(text.subject(t))\(requirement)" : "\(text.subject(t)) \(requirement)"
    }

    /// An amount of money: in 万元 below 1 亿元, else in 亿元 (the units of Chinese budgets).
    func money(_ yuan: Double) -> String {
        if abs(yuan) >= 1e8 {
            return zh
                ? "\(TableNumber.fixed(yuan / 1e8, decimals: 2))亿元"
                : "\(TableNumber.fixed(yuan / 1e8, decimals: 2)) 亿元 (10^8 yuan)"
        }
        return zh ? "\(TableNumber.format(yuan / 1e4))万元" : "\(TableNumber.format(yuan / 1e4)) 万元 (10^4 yuan)"
    }
}
