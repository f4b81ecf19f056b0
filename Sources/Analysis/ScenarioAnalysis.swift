import Diagnostics
import EmissionInventory
import ScenarioEngine
import Scenarios

/// How the candidate measures (`candidate: true`) of a scenario entered its projection.
///
/// The rule, the same in every command: levels given with `--levels` are used as they are;
/// without them, a scenario with candidates is projected at the least-cost levels that
/// `emis optimize` finds for its targets of its earliest target year; if no such levels can
/// be found, its candidates are left out and every output says why.
public enum CandidateChoice: Sendable {
    /// The scenario has no candidate measures.
    case none
    /// Levels read from a file (`--levels`).
    case file(String)
    /// The levels the least-cost optimisation found (its status may be other than optimal:
    /// then the levels are the best it found, and some targets are missed).
    case leastCost(OptimizationResult)
    /// No levels could be found (no targets, a candidate without a cost, …): candidates are
    /// left out.
    case leftOut(LocalizedText)

    /// One sentence for every output that shows the projection; nil without candidates.
    public var statement: LocalizedText? {
        switch self {
        case .none:
            return nil
        case let .file(path):
            return LocalizedText(
                en: "candidate measures at the levels in \(path)",
                zh: "备选措施按 \(path) 给定的力度计入")
        case let .leastCost(optimization):
            let year = optimization.year
            switch optimization.status {
            case .optimal:
                return LocalizedText(
                    en:
                        "candidate measures at their least-cost levels (as emis optimize finds them for the \(year) targets)",
                    zh: "备选措施按最低成本组合计入（即 emis optimize 对 \(year) 年目标的解）")
            case .infeasible:
                return LocalizedText(
                    en:
                        "candidate measures at the levels emis optimize reaches for the \(year) targets, which cannot all be met",
                    zh: "备选措施按 emis optimize 对 \(year) 年目标的结果计入：即使全部满负荷，仍有目标无法达到")
            case .notConverged:
                return LocalizedText(
                    en:
                        "candidate measures at the last levels of emis optimize for the \(year) targets (it did not converge)",
                    zh: "备选措施按 emis optimize 对 \(year) 年目标的最后一次迭代结果计入（未收敛）")
            }
        case let .leftOut(reason):
            return LocalizedText(
                en: "candidate measures left out: no least-cost levels (\(reason.en))",
                zh: "备选措施未计入：无法求得最低成本组合（\(reason.zh)）")
        }
    }

    /// `file`, `least-cost` or `left-out` for machine-readable outputs; nil without candidates.
    public var code: String? {
        switch self {
        case .none: nil
        case .file: "file"
        case .leastCost: "least-cost"
        case .leftOut: "left-out"
        }
    }
}

/// A scenario analysed: the levels its candidates were projected at, why those, the
/// projection, and (when asked) the cost curves of its candidates.
public struct AnalysedScenario: Sendable {
    public let prepared: PreparedScenario
    /// Levels of candidate measures used by `result` (empty when they are left out).
    public let levels: [String: Double]
    public let choice: CandidateChoice
    public let result: ProjectionResult
    /// Marginal abatement cost curves, one per pollutant the candidates cut (pollutants with
    /// a target in the optimisation year first, then CO2); empty unless asked for.
    public let curves: [AbatementCostCurve]

    public var path: String { prepared.path }
    public var scenario: Scenario { prepared.scenario }
    public var inventory: Inventory { prepared.inventory }

    /// The optimisation behind the levels, when they were found here.
    public var optimization: OptimizationResult? {
        if case let .leastCost(result) = choice { return result }
        return nil
    }
}

/// Runs the projections of one command: assigns levels files to scenarios, optimises the
/// candidates of the others (the rule of `CandidateChoice`), and projects each scenario.
public struct ScenarioAnalysis: Sendable {
    public var grouping: Grouping?
    public var threads: Int
    /// Also compute the candidates' cost curves (the report shows them).
    public var costCurves: Bool

    public init(grouping: Grouping? = nil, threads: Int = 1, costCurves: Bool = false) {
        self.grouping = grouping
        self.threads = threads
        self.costCurves = costCurves
    }

    /// Reads the levels files and assigns each to its scenario: the one its `scenario` member
    /// names (the output of `emis optimize --format json`), or, in a command with a single
    /// scenario, that scenario. Problems (an unreadable file, a file for no scenario given, two
    /// files for one scenario, a level that is no candidate's) are errors.
    public static func levels(_ files: [String], for scenarios: [PreparedScenario])
        -> (levels: [String: CandidateLevels.File], diagnostics: DiagnosticList)
    {
        var diagnostics = DiagnosticList()
        var assigned: [String: CandidateLevels.File] = [:]
        for path in files {
            guard let file = CandidateLevels.readFile(path, &diagnostics) else { continue }
            let location = SourceLocation(file: path)
            let ids = scenarios.map(\.scenario.id)
            let id: String
            if let named = file.scenario {
                guard ids.contains(named) else {
                    diagnostics.append(
                        .error(
                            at: location,
                            en:
                                "the levels are for scenario '\(named)', which is not among the scenarios given (\(ids.joined(separator: ", ")))",
                            zh: "该措施力度文件属于情景 '\(named)'，但给出的情景中没有它（\(ids.joined(separator: "、"))）",
                            suggestion: Suggestion.nearest(to: named, among: ids)))
                    continue
                }
                id = named
            } else if ids.count == 1 {
                id = ids[0]
            } else {
                diagnostics.append(
                    .error(
                        at: location,
                        en:
                            "the levels file names no scenario; with several scenarios, give the output of emis optimize --format json, which names its scenario",
                        zh: "该措施力度文件未注明所属情景；给出多个情景时，请使用 emis optimize --format json 的输出（其中注明了情景）"))
                continue
            }
            if let other = assigned[id] {
                diagnostics.append(
                    .error(
                        at: location,
                        en: "scenario '\(id)' already has levels from \(other.path)",
                        zh: "情景 '\(id)' 已由 \(other.path) 给出措施力度"))
                continue
            }
            let scenario = scenarios.first { $0.scenario.id == id }!.scenario
            let before = diagnostics.errorCount
            CandidateLevels.check(file.levels, against: scenario, file: path, locations: file.locations, &diagnostics)
            if diagnostics.errorCount == before { assigned[id] = file }
        }
        return (assigned, diagnostics)
    }

    /// Analyses each scenario; `levels` are those of `levels(_:for:)`. `progress` is told
    /// each long step.
    public func run(
        _ scenarios: [PreparedScenario], levels: [String: CandidateLevels.File] = [:],
        progress: (LocalizedText) -> Void = { _ in }
    ) -> [AnalysedScenario] {
        scenarios.map { prepared in
            let scenario = prepared.scenario
            var choice = CandidateChoice.none
            var chosen: [String: Double] = [:]
            var curves: [AbatementCostCurve] = []
            if let file = levels[scenario.id] {
                choice = .file(file.path)
                chosen = file.levels
            } else if prepared.hasCandidates {
                progress(
                    LocalizedText(
                        en: "optimising \(scenario.id) (least-cost candidate levels)",
                        zh: "求解 \(scenario.id) 的最低成本措施组合"))
                let optimizer = LeastCostOptimizer(engine: prepared.engine)
                do throws(LeastCostOptimizer.Failure) {
                    let optimization = try optimizer.minimizeCost(year: AnalysisYear.of([scenario]), threads: threads)
                    choice = .leastCost(optimization)
                    chosen = optimization.levels
                } catch {
                    choice = .leftOut(error.message)
                }
            }
            if costCurves, prepared.hasCandidates {
                curves = Self.curves(prepared, year: choice.year ?? AnalysisYear.of([scenario]), threads: threads)
            }
            progress(LocalizedText(en: "projecting \(scenario.id)", zh: "预测情景 \(scenario.id)"))
            let reusable =
                grouping == prepared.fullGrouping && chosen == prepared.fullLevels ? prepared.fullProjection : nil
            let result = reusable ?? prepared.engine.project(levels: chosen, grouping: grouping, threads: threads)
            return AnalysedScenario(prepared: prepared, levels: chosen, choice: choice, result: result, curves: curves)
        }
    }

    /// The candidates' cost curves in `year`: pollutants with a target that year first, then
    /// CO2; curves without a step are left out.
    static func curves(_ prepared: PreparedScenario, year: Int?, threads: Int) -> [AbatementCostCurve] {
        guard let year else { return [] }
        let optimizer = LeastCostOptimizer(engine: prepared.engine)
        var pollutants = prepared.scenario.targets.filter { $0.year == year }.compactMap { target -> Pollutant? in
            if case let .pollutant(p) = target.metric { p } else { nil }
        }
        pollutants.append(.co2)
        var seen = Set<Pollutant>()
        var curves: [AbatementCostCurve] = []
        for p in pollutants where seen.insert(p).inserted {
            if let curve = try? AbatementCostCurve(optimizer: optimizer, pollutant: p, year: year, threads: threads),
                !curve.steps.isEmpty
            {
                curves.append(curve)
            }
        }
        return curves
    }
}

extension CandidateChoice {
    /// The year the levels were optimised for.
    var year: Int? {
        if case let .leastCost(result) = self { return result.year }
        return nil
    }
}
