import Analysis
import Diagnostics
import EmissionInventory
import Presentation
import ScenarioEngine
import Scenarios

/// One scenario as the report shows it: analysed (`ScenarioAnalysis`) with totals by
/// top-level sector, its candidate measures at the levels of `CandidateChoice`, with the cost
/// curves of its candidates.
struct ScenarioRun: Sendable {
    let path: String
    let scenario: Scenario
    let inventory: Inventory
    let result: ProjectionResult
    /// The name shown in tables and legends (unique in the report).
    let label: String
    /// The scenario's part of file names (unique in the report, `[A-Za-z0-9._-]`).
    let fileStem: String
    /// Levels of candidate measures the projection used (empty without candidates).
    let levels: [String: Double]
    /// How the candidates entered the projection.
    let choice: CandidateChoice
    var optimization: OptimizationResult? {
        if case let .leastCost(result) = choice { return result }
        return nil
    }
    /// Why a scenario with candidates could not be optimised (then projected without them).
    var optimizationProblem: LocalizedText? {
        if case let .leftOut(reason) = choice { return reason }
        return nil
    }
    /// Cost curves of the candidates, one per pollutant they cut (pollutants with a target
    /// in the optimisation year first, then CO2).
    let curves: [AbatementCostCurve]
    /// The Monte Carlo run over its uncertain factors (`emis report --draws`); nil without
    /// factors or draws.
    var uncertainty: UncertaintyResult?

    var hasCandidates: Bool { scenario.measures.contains(where: \.isCandidate) }

    /// Position of `year` in the projection, nil when the scenario does not reach it.
    func index(of year: Int) -> Int? { result.years.firstIndex(of: year) }

    /// Total of `p` in `year` (nil when the scenario does not reach the year).
    func total(_ p: Pollutant, _ year: Int) -> Double? {
        index(of: year).map { result.totals[p]?[$0] ?? 0 }
    }

    /// Base-year total of `p` (the same in every scenario on the same inventory).
    func baseTotal(_ p: Pollutant) -> Double {
        index(of: result.baseYear).map { result.baselineTotals[p]?[$0] ?? 0 } ?? 0
    }

    /// The measures that are in effect: all non-candidates, and candidates at a level > 0.
    var appliedMeasures: [MeasureAttribution] {
        let candidates = Set(scenario.measures.filter(\.isCandidate).map(\.id))
        return result.measures.filter { !candidates.contains($0.id) || (levels[$0.id] ?? 0) > 0 }
    }

    func measure(_ id: String) -> Measure? { scenario.measures.first { $0.id == id } }

    /// Annualised cost of a measure as applied (元/a): its cost times its level for a
    /// candidate; nil without a cost.
    func annualCost(_ id: String) -> Double? {
        guard let measure = measure(id), let cost = measure.cost else { return nil }
        let full = cost.annualized(discountRate: scenario.economics.discountRate)
        return measure.isCandidate ? full * (levels[id] ?? 0) : full
    }

    /// Analyses the scenarios and, when `uncertainty` is given, draws the factors of each
    /// scenario that has some, at the candidate levels its projection used.
    static func make(
        _ inputs: [ReportRequest.Input], language: Language, threads: Int,
        uncertainty: ReportRequest.Uncertainty?, progress: (LocalizedText) -> Void
    ) throws(ReportFailure) -> [ScenarioRun] {
        let labels = Self.labels(inputs.map(\.engine.scenario), language: language)
        let stems = Self.stems(inputs.map(\.engine.scenario.id))
        let prepared = inputs.map {
            PreparedScenario(
                path: $0.path, engine: $0.engine, fullProjection: $0.fullProjection,
                fullGrouping: $0.fullProjection == nil ? nil : ReportRequest.grouping, factors: $0.factors)
        }
        var levels: [String: CandidateLevels.File] = [:]
        for input in inputs { if let file = input.levels { levels[input.engine.scenario.id] = file } }
        let analysis = ScenarioAnalysis(grouping: ReportRequest.grouping, threads: threads, costCurves: true)
        var runs: [ScenarioRun] = []
        for (k, analysed) in analysis.run(prepared, levels: levels, progress: progress).enumerated() {
            var run = ScenarioRun(
                path: analysed.path, scenario: analysed.scenario, inventory: analysed.inventory,
                result: analysed.result, label: labels[k], fileStem: stems[k], levels: analysed.levels,
                choice: analysed.choice, curves: analysed.curves)
            if let uncertainty, let model = analysed.prepared.factors {
                progress(
                    LocalizedText(
                        en: "uncertainty: \(uncertainty.draws) draws of \(analysed.scenario.id)",
                        zh: "不确定性分析：\(analysed.scenario.id) 抽样 \(uncertainty.draws) 次"))
                do {
                    run.uncertainty = try UncertaintyAnalysis.run(
                        engine: analysed.prepared.engine, model: model, levels: analysed.levels,
                        deterministic: analysed.result, draws: uncertainty.draws, seed: uncertainty.seed,
                        threads: threads)
                } catch {
                    throw .uncertainty(scenario: analysed.scenario.id, error.message)
                }
            }
            runs.append(run)
        }
        return runs
    }

    /// The short title (before `：` or `:`, when short) if the short titles are unique,
    /// else the scenario id (in an English report also when the title is not in English);
    /// the id again when two scenarios share it.
    static func labels(_ scenarios: [Scenario], language: Language) -> [String] {
        func short(_ s: Scenario) -> String? {
            guard let title = s.title, !title.isEmpty else { return nil }
            let head = title.split(whereSeparator: { $0 == "：" || $0 == ":" }).first.map(String.init) ?? title
            if language == .en && !head.allSatisfy(\.isASCII) { return nil }
            return head.count <= (language == .en ? 24 : 16) ? head : nil
        }
        let shorts = scenarios.map(short)
        let unique = shorts.allSatisfy { $0 != nil } && Set(shorts.compactMap { $0 }).count == scenarios.count
        var labels = unique ? shorts.map { $0! } : scenarios.map(\.id)
        // The same scenario given twice: number the repeats.
        var seen: [String: Int] = [:]
        for k in labels.indices {
            seen[labels[k], default: 0] += 1
            if seen[labels[k]]! > 1 { labels[k] += " (\(seen[labels[k]]!))" }
        }
        return labels
    }

    /// Scenario ids made safe for file names and unique.
    static func stems(_ ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            var stem = String(
                id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-" })
            if stem.isEmpty || stem.allSatisfy({ $0 == "-" || $0 == "." }) { stem = "scenario" }
            var candidate = stem
            var n = 2
            while !used.insert(candidate).inserted {
                candidate = "\(stem)-\(n)"
                n += 1
            }
            return candidate
        }
    }
}
