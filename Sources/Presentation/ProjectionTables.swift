import Analysis
import Diagnostics
import EmissionInventory
import ScenarioEngine

/// The terminal view of `emis project --format table`: a heading, the baseline and scenario
/// totals per pollutant by year, optionally the measures' reductions or the totals by group,
/// the targets and the warnings. Emissions in t/a.
public struct ProjectionTable {
    public let result: ProjectionResult
    public let language: Language
    /// How the candidate measures entered the projection (`CandidateChoice.statement`).
    public let candidates: LocalizedText?

    public init(result: ProjectionResult, language: Language, candidates: LocalizedText? = nil) {
        self.result = result
        self.language = language
        self.candidates = candidates
    }

    public init(_ analysed: AnalysedScenario, language: Language) {
        self.init(result: analysed.result, language: language, candidates: analysed.choice.statement)
    }

    /// Without a range, longer projections show selected years (see `render`).
    public static let allYearsLimit = 8

    private var zh: Bool { language == .zh }
    private var text: ProjectionText { ProjectionText(language: language) }

    /// - Parameters:
    ///   - years: the years to show. When nil, every year of a projection of at most
    ///     `allYearsLimit` years; of a longer one the base year, every fifth year, the
    ///     target years and the last year.
    ///   - byMeasure: add, per pollutant, each measure's reduction by year. Otherwise, when
    ///     the result has a breakdown, add per pollutant the scenario totals by group.
    public func render(years: ClosedRange<Int>? = nil, byMeasure: Bool = false) -> String {
        let (columns, selected) = shownYears(years)
        var sections = [heading(selected: selected), totals(columns)]
        if byMeasure {
            sections += measureTables(columns)
        } else if let breakdown = result.breakdown, breakdown.grouping != .total {
            sections += breakdownTables(breakdown, columns)
        }
        if !result.targets.isEmpty { sections.append(targets()) }
        if !result.warnings.isEmpty {
            let renderer = DiagnosticRenderer(language: language)
            sections.append((zh ? "警告\n" : "Warnings\n") + result.warnings.map { renderer.render($0) + "\n" }.joined())
        }
        return sections.joined(separator: "\n")
    }

    private func shownYears(_ range: ClosedRange<Int>?) -> (indices: [Int], selected: Bool) {
        let all = result.yearIndices(in: range)
        guard range == nil, all.count > Self.allYearsLimit else { return (all, false) }
        let targetYears = Set(result.targets.map(\.year))
        let last = result.years.last
        return (
            all.filter { t in
                let year = result.years[t]
                return year == result.baseYear || year == last || year % 5 == 0 || targetYears.contains(year)
            }, true
        )
    }

    private func heading(selected: Bool) -> String {
        let r = result
        var out =
            r.title.map { zh ? "\($0)（\(r.scenario)）" : "\($0) (\(r.scenario))" }
            ?? (zh ? "情景 \(r.scenario)" : "Scenario \(r.scenario)")
        out += "\n"
        let span = r.years.first.map { "\($0)–\(r.years.last!)" } ?? ""
        out +=
            zh
            ? "基准年：\(r.baseYear)　预测年份：\(span)　单位：吨/年 (t/a)\n"
            : "Base year: \(r.baseYear)   Years: \(span)   Unit: tonnes per year (t/a)\n"
        if let candidates {
            out += (zh ? "说明：" : "Note: ") + candidates(language) + (zh ? "。\n" : ".\n")
        }
        if selected {
            out +=
                zh
                ? "（列出基准年、逢五年份、目标年份和末年）\n"
                : "(Showing the base year, every fifth year, the target years and the last year.)\n"
        }
        return out
    }

    /// Baseline and scenario rows per pollutant; the last column is the change of the last
    /// year shown against the base-year total.
    private func totals(_ columns: [Int]) -> String {
        let r = result
        let base = r.years.firstIndex(of: r.baseYear)
        let last = columns.last.flatMap { $0 == base ? nil : $0 }
        var headers = (zh ? ["污染物", "代码", "情景"] : ["Pollutant", "ID", "Series"]) + columns.map { String(r.years[$0]) }
        if let last { headers.append(zh ? "\(r.years[last])较\(r.baseYear)" : "\(r.years[last]) vs \(r.baseYear)") }
        var table = TextTable(
            headers: headers, alignments: [.left, .left, .left] + headers.dropFirst(3).map { _ in .right })
        for p in r.pollutants {
            let series = [(zh ? "基准情景" : "baseline", r.baselineTotals[p]), (zh ? "本情景" : "scenario", r.totals[p])]
            for (k, (label, values)) in series.enumerated() {
                var row = (k == 0 ? [p.name(language), p.id] : ["", ""]) + [label]
                row += columns.map { TableNumber.format(values?[$0] ?? 0) }
                if let last {
                    row.append(text.change(from: base.flatMap { r.baselineTotals[p]?[$0] }, to: values?[last]))
                }
                table.add(row)
            }
        }
        let legend =
            zh
            ? "基准情景：仅按驱动因子增长，不实施措施；本情景：实施全部措施。\n"
            : "Baseline: growth from the drivers only, no measures. Scenario: with all its measures.\n"
        return (zh ? "排放总量\n" : "Emission totals\n") + table.rendered() + legend
    }

    /// Per pollutant, the measures that change it in the years shown, and their total.
    private func measureTables(_ columns: [Int]) -> [String] {
        let r = result
        guard !r.measures.isEmpty else { return [zh ? "本情景没有措施。\n" : "The scenario has no measures.\n"] }
        return r.pollutants.compactMap { p in
            let acting = r.measures.filter { m in columns.contains { (m.reduction[p]?[$0] ?? 0) != 0 } }
            guard !acting.isEmpty else { return nil }
            let titled = acting.contains { $0.title != nil }
            let lead = (zh ? ["措施"] : ["Measure"]) + (titled ? [zh ? "名称" : "Title"] : [])
            var table = TextTable(
                headers: lead + columns.map { String(r.years[$0]) },
                alignments: lead.map { _ in .left } + columns.map { _ in .right })
            for m in acting {
                table.add(
                    [m.id] + (titled ? [m.title ?? ""] : [])
                        + columns.map { TableNumber.format(m.reduction[p]?[$0] ?? 0) })
            }
            table.addRule()
            table.add(
                [zh ? "合计" : "Total"] + (titled ? [""] : [])
                    + columns.map {
                        TableNumber.format((r.baselineTotals[p]?[$0] ?? 0) - (r.totals[p]?[$0] ?? 0))
                    })
            let title =
                zh
                ? "\(text.label(p))：各措施减排量（吨/年，负值表示增排）\n"
                : "\(text.label(p)): reduction by measure (t/a; negative: an increase)\n"
            return title + table.rendered()
        }
    }

    /// Per pollutant, the scenario totals of the groups that emit it in the years shown.
    private func breakdownTables(_ breakdown: ProjectionBreakdown, _ columns: [Int]) -> [String] {
        let r = result
        let (group, header): (String, String) =
            switch breakdown.grouping {
            case .sector, .total: zh ? ("行业", "行业") : ("sector", "Sector")
            case .county: zh ? ("区县", "区县") : ("county", "County")
            case .source: zh ? ("排放源", "排放源") : ("source", "Source")
            }
        return r.pollutants.map { p in
            var table = TextTable(
                headers: [header] + columns.map { String(r.years[$0]) },
                alignments: [.left] + columns.map { _ in .right })
            for (g, key) in breakdown.keys.enumerated() {
                let values = breakdown.totals[p]?[g] ?? []
                guard columns.contains(where: { values[$0] != 0 }) else { continue }
                table.add(
                    [key.isEmpty ? (zh ? "（未指定）" : "(unspecified)") : key]
                        + columns.map { TableNumber.format(values[$0]) })
            }
            table.addRule()
            table.add([zh ? "合计" : "Total"] + columns.map { TableNumber.format(r.totals[p]?[$0] ?? 0) })
            let title = zh ? "\(text.label(p))：按\(group)（吨/年）\n" : "\(text.label(p)) by \(group) (t/a)\n"
            return title + table.rendered()
        }
    }

    private func targets() -> String {
        let titled = result.targets.contains { $0.title != nil }
        let lead = (zh ? ["目标"] : ["Target"]) + (titled ? [zh ? "名称" : "Title"] : [])
        var table = TextTable(
            headers: lead
                + (zh ? ["年份", "要求", "预计", "余量", "状态"] : ["Year", "Requirement", "Projected", "Margin", "Status"]),
            alignments: lead.map { _ in .left } + [.left, .left, .right, .right, .left])
        for t in result.targets {
            table.add(
                [t.id] + (titled ? [t.title ?? ""] : [])
                    + [
                        String(t.year), text.subject(t) + " " + text.requirement(t), text.value(t, t.projected),
                        text.margin(t), text.status(t.met),
                    ])
        }
        return (zh ? "目标\n" : "Targets\n") + table.rendered()
    }
}

/// The terminal view of `emis compare a b c --year Y`: one table with, per scenario, the
/// totals in Y and their change against the base year, then each target's margin and
/// status (targets matched by id; "–" where a scenario lacks the target or the year).
public struct CompareTable {
    public let results: [ProjectionResult]
    public let year: Int
    public let language: Language
    /// Per result, how its candidate measures entered (nil without candidates).
    public let candidates: [LocalizedText?]

    public init(results: [ProjectionResult], year: Int, language: Language, candidates: [LocalizedText?] = []) {
        self.results = results
        self.year = year
        self.language = language
        self.candidates = candidates
    }

    public init(_ analysed: [AnalysedScenario], year: Int, language: Language) {
        self.init(
            results: analysed.map(\.result), year: year, language: language,
            candidates: analysed.map(\.choice.statement))
    }

    public func render() -> String {
        let zh = language == .zh
        let text = ProjectionText(language: language)
        var out =
            zh
            ? "情景对比：\(year)年　单位：吨/年 (t/a)　变化：相对基准年排放总量\n"
            : "Scenario comparison, \(year)   Unit: tonnes per year (t/a)   Change: against the base-year total\n"
        for (k, r) in results.enumerated() {
            if let title = r.title { out += "  \(r.scenario)\(zh ? "：" : ": ")\(title)\n" }
            if k < candidates.count, let statement = candidates[k] {
                out += "  \(r.scenario)\(zh ? "：" : ": ")\(statement(language))\n"
            }
        }
        out += "\n"

        let pollutants = Pollutant.allCases.filter { p in results.contains { $0.pollutants.contains(p) } }
        var headers = zh ? ["污染物", "代码"] : ["Pollutant", "ID"]
        for r in results {
            headers += [
                "\(r.scenario) \(year) (t)", zh ? "\(r.scenario) 较\(r.baseYear)" : "\(r.scenario) vs \(r.baseYear)",
            ]
        }
        var table = TextTable(
            headers: headers, alignments: [.left, .left] + results.flatMap { _ in [.right, .right] })
        for p in pollutants {
            var row = [p.name(language), p.id]
            for r in results {
                let value = r.years.firstIndex(of: year).map { r.totals[p]?[$0] ?? 0 }
                let base = r.years.firstIndex(of: r.baseYear).flatMap { r.baselineTotals[p]?[$0] }
                row += [value.map(TableNumber.format) ?? "–", text.change(from: base, to: value)]
            }
            table.add(row)
        }

        var ids: [String] = []
        for r in results { for t in r.targets where !ids.contains(t.id) { ids.append(t.id) } }
        if !ids.isEmpty {
            table.addRule()
            table.add(
                (zh ? ["目标", "要求"] : ["Target", "Requirement"])
                    + results.flatMap { _ in zh ? ["余量", "达标"] : ["margin", "met"] })
            table.addRule()
            for id in ids {
                let found = results.map { $0.targets.first { $0.id == id } }
                let first = found.lazy.compactMap { $0 }.first!
                var row = [id, "\(text.subject(first)) \(first.year) \(text.requirement(first))"]
                for t in found {
                    row += t.map { [text.margin($0), $0.met ? "✓" : "✗"] } ?? ["–", "–"]
                }
                table.add(row)
            }
        }
        return out + table.rendered()
    }
}

/// The report of `emis check`: one line per target and scenario, then a summary.
/// `allMet` chooses the exit status (0 when every target is met, else 3).
public struct CheckReport {
    public let results: [ProjectionResult]
    public let language: Language
    /// Per result, how its candidate measures entered (nil without candidates).
    public let candidates: [LocalizedText?]

    public init(results: [ProjectionResult], language: Language, candidates: [LocalizedText?] = []) {
        self.results = results
        self.language = language
        self.candidates = candidates
    }

    public init(_ analysed: [AnalysedScenario], language: Language) {
        self.init(results: analysed.map(\.result), language: language, candidates: analysed.map(\.choice.statement))
    }

    /// True when every target of every scenario is met (also when there is none).
    public var allMet: Bool { results.allSatisfy { $0.targets.allSatisfy(\.met) } }

    public func render() -> String {
        let zh = language == .zh
        let text = ProjectionText(language: language)
        let checks = results.flatMap { r in r.targets.map { (scenario: r.scenario, target: $0) } }
        guard !checks.isEmpty else { return zh ? "没有需要检查的目标。\n" : "No targets to check.\n" }
        let scenarioWidth = checks.map { DisplayWidth.of($0.scenario) }.max()!
        let idWidth = checks.map { DisplayWidth.of($0.target.id) }.max()!
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: width - DisplayWidth.of(s)) }
        var out = ""
        for (k, r) in results.enumerated() where k < candidates.count {
            if let statement = candidates[k] { out += "· \(r.scenario)\(zh ? "：" : ": ")\(statement(language))\n" }
        }
        for (scenario, t) in checks {
            let statement = "\(text.subject(t)) \(t.year) \(text.requirement(t))"
            let projected = text.value(t, t.projected)
            let detail =
                zh
                ? "\(statement)：预计 \(projected)，余量 \(text.margin(t))"
                : "\(statement): projected \(projected), margin \(text.margin(t))"
            out += "\(t.met ? "✓" : "✗") \(pad(scenario, scenarioWidth))  \(pad(t.id, idWidth))  \(detail)\n"
        }
        let missed = checks.count(where: { !$0.target.met })
        let n = checks.count
        out +=
            zh
            ? "共 \(n) 项目标：\(n - missed) 项达标，\(missed) 项未达标" + (results.count > 1 ? "（\(results.count) 个情景）" : "")
            : "\(n) target\(n == 1 ? "" : "s"): \(n - missed) met, \(missed) missed"
                + (results.count > 1 ? " (\(results.count) scenarios)" : "")
        return out + "\n"
    }
}
