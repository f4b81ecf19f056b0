import Diagnostics
import EmissionInventory
import Foundation
import ScenarioEngine
import Scenarios

/// A scenario ready to project: its file as the user named it, its resolved definition, its
/// inventory and the prepared engine.
public struct PreparedScenario: Sendable {
    public let path: String
    public let scenario: Scenario
    public let inventory: Inventory
    public let engine: ProjectionEngine
    /// The projection with every candidate in full (and the breakdown `fullGrouping`), made
    /// when the scenario was read (to check its magnitudes); a command that needs this very
    /// projection — every scenario without candidates — uses it instead of projecting again.
    /// Nil when not made.
    public let fullProjection: ProjectionResult?
    public let fullGrouping: Grouping?
    /// The uncertain factors (the inventory's, then the scenario's) resolved against the
    /// engine; nil when there are none.
    public let factors: FactorModel?

    public init(
        path: String, engine: ProjectionEngine, fullProjection: ProjectionResult? = nil, fullGrouping: Grouping? = nil,
        factors: FactorModel? = nil
    ) {
        self.factors = factors
        self.path = path
        self.scenario = engine.scenario
        self.inventory = engine.inventory
        self.engine = engine
        self.fullProjection = fullProjection
        self.fullGrouping = fullGrouping
    }

    /// The levels of `fullProjection`: 1 for every candidate.
    public var fullLevels: [String: Double] { Self.fullLevels(of: scenario) }

    static func fullLevels(of scenario: Scenario) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: scenario.measures.filter(\.isCandidate).map { ($0.id, 1.0) })
    }

    /// Whether the scenario has measures marked `candidate: true`.
    public var hasCandidates: Bool { scenario.measures.contains(where: \.isCandidate) }
}

/// The scenarios of one command, read together.
public struct ScenarioSet: Sendable {
    public var scenarios: [PreparedScenario]
    /// Every finding of every file (scenarios, the files they read, inventories), in the
    /// order the files were given.
    public var diagnostics: DiagnosticList
    /// Where the time of reading went (for `--timings`).
    public var timings = StageTimings()

    /// Reads the scenario files, each inventory once however many scenarios share it, and
    /// prepares the engines. Two scenarios with the same id (the same file given twice, or
    /// two files with one `scenario:` id) are an error naming both files: every table and
    /// file name of the outputs tells scenarios apart by their ids. With `strict`, warnings
    /// count as errors.
    ///
    /// Each scenario is projected once, with every candidate in full and the breakdown
    /// `grouping` the command will need (its warnings count under `strict`), to check that its
    /// numbers stay within `Bounds` (`ProjectionEngine.magnitudeProblems`): a number out of
    /// bounds is an error naming its cause before any command computes or formats with it.
    public static func load(
        _ paths: [String], loader: InventoryLoader, strict: Bool = false, threads: Int = 1, grouping: Grouping? = nil
    ) -> ScenarioSet {
        var diagnostics = DiagnosticList()
        var inventories: [String: Inventory?] = [:]
        var inventoryFactors: [String: UncertaintySpec] = [:]
        var prepared: [PreparedScenario] = []
        var firstFile: [String: String] = [:]
        var timings = StageTimings()
        let clock = ContinuousClock()
        for path in paths {
            let result = ScenarioLoader().load(path)
            diagnostics.append(contentsOf: result.diagnostics)
            guard var scenario = result.scenario else { continue }
            if let other = firstFile[scenario.id] {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: path),
                        en: other == path
                            ? "the scenario '\(scenario.id)' is given twice"
                            : "the scenario id '\(scenario.id)' is also the id of \(other): give one of them another 'scenario:' id",
                        zh: other == path
                            ? "情景 '\(scenario.id)' 被重复给出"
                            : "情景 id '\(scenario.id)' 与 \(other) 的 id 相同：请为其中一个另设 'scenario:' id"))
                continue
            }
            firstFile[scenario.id] = path
            // One load per inventory, however its path is written (`../inv`, `/abs/inv`, a link).
            let key = Self.identity(of: scenario.inventoryPath)
            if inventories[key] == nil {
                let started = clock.now
                let inventoryResult = loader.load(scenario.inventoryPath)
                timings.inventory += (clock.now - started).seconds
                diagnostics.append(contentsOf: inventoryResult.diagnostics)
                inventories[key] = .some(inventoryResult.inventory)
            }
            guard let inventory = inventories[key] ?? nil else { continue }
            // The inventory's uncertain factors hold for every scenario on it; the scenario's
            // come on top (the same id replaces). Read once per inventory.
            if let nodes = inventory.manifest.uncertaintyNodes {
                if inventoryFactors[key] == nil {
                    inventoryFactors[key] = UncertaintyReader.read(
                        factors: nodes.factors, correlations: nodes.correlations, nodes.document, &diagnostics)
                }
                scenario.uncertainty = inventoryFactors[key]!.merging(scenario.uncertainty)
            }
            var started = clock.now
            let engine = ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics)
            timings.prepare += (clock.now - started).seconds
            guard let engine else { continue }
            var factors: FactorModel?
            if !scenario.uncertainty.isEmpty {
                guard let model = FactorModel(scenario.uncertainty, engine: engine, diagnostics: &diagnostics) else {
                    continue
                }
                factors = model
            }
            started = clock.now
            let check = engine.project(
                levels: PreparedScenario.fullLevels(of: scenario), grouping: grouping, threads: threads)
            timings.projection += (clock.now - started).seconds
            let problems = engine.magnitudeProblems(in: check)
            // With --strict the projection's warnings (a shortfall, a measure starting after
            // the horizon) fail the command like the readers' warnings.
            if strict { for warning in check.warnings { diagnostics.append(warning) } }
            guard problems.isEmpty else {
                for problem in problems { diagnostics.append(problem) }
                continue
            }
            prepared.append(
                PreparedScenario(
                    path: path, engine: engine, fullProjection: check, fullGrouping: grouping, factors: factors))
        }
        if strict { diagnostics.promoteWarnings() }
        return ScenarioSet(scenarios: prepared, diagnostics: diagnostics, timings: timings)
    }
}

extension ScenarioSet {
    /// The canonical path of `path` (links and `..` resolved), or `path` itself when it does
    /// not exist (its load then fails with the path as written).
    static func identity(of path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Seconds spent in each stage of reading scenarios (wall time, for benchmarks).
public struct StageTimings: Sendable {
    /// Reading and checking the inventories.
    public var inventory = 0.0
    /// Preparing the engines: resolving every selector, the baseline sums.
    public var prepare = 0.0
    /// The projections with every candidate in full.
    public var projection = 0.0

    public init() {}
}

extension Duration {
    /// This duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// The year a command looks at when none is asked for: the earliest target year of any of
/// its scenarios, or, without targets, the first scenario's last year. One rule for the
/// comparison tables, the report, `optimize` and `macc`.
public enum AnalysisYear {
    public static func of(_ scenarios: [Scenario]) -> Int? {
        scenarios.flatMap { $0.targets.map(\.year) }.min() ?? scenarios.first?.years.upperBound
    }
}
