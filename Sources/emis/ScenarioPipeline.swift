import ArgumentParser
import Diagnostics
import EmissionInventory
import ScenarioEngine
import Scenarios

/// A scenario ready to project: its resolved definition, its inventory and the prepared
/// engine.
struct LoadedScenario {
    let path: String
    let scenario: Scenario
    let inventory: Inventory
    let engine: ProjectionEngine
}

/// Reads scenarios, their inventories (each read once, however many scenarios share it) and
/// prepares the engine; reports every problem of every file together and exits with status
/// 1 if there is any error.
enum ScenarioPipeline {
    static func load(_ paths: [String], _ options: CommonOptions) throws -> [LoadedScenario] {
        var diagnostics = DiagnosticList()
        var inventories: [String: Inventory?] = [:]
        var loaded: [LoadedScenario] = []
        for path in paths {
            let result = ScenarioLoader().load(path)
            diagnostics.append(contentsOf: result.diagnostics)
            guard let scenario = result.scenario else { continue }
            if inventories[scenario.inventoryPath] == nil {
                let inventoryResult = options.loader.load(scenario.inventoryPath)
                diagnostics.append(contentsOf: inventoryResult.diagnostics)
                inventories[scenario.inventoryPath] = .some(inventoryResult.inventory)
            }
            guard let inventory = inventories[scenario.inventoryPath] ?? nil,
                  let engine = ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics)
            else { continue }
            loaded.append(LoadedScenario(path: path, scenario: scenario, inventory: inventory, engine: engine))
        }
        if options.strict { diagnostics.promoteWarnings() }
        try Terminal.report(diagnostics, language: options.lang)
        return loaded
    }
}

extension ScenarioPipeline {
    /// Reads and checks a levels file for a scenario; exits with status 1 on a problem.
    static func levels(_ path: String, for scenario: Scenario, _ options: CommonOptions) throws -> [String: Double] {
        var diagnostics = DiagnosticList()
        let levels = CandidateLevels.read(path, &diagnostics) ?? [:]
        if !diagnostics.hasErrors { CandidateLevels.check(levels, against: scenario, file: path, &diagnostics) }
        try Terminal.report(diagnostics, language: options.lang)
        return levels
    }
}

/// `--years 2020-2025` (or a single year).
struct YearRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first.flatMap({ Int($0) }) else { return nil }
        let last = parts.count == 2 ? Int(parts[1]) : (parts.count == 1 ? first : nil)
        guard let last, first <= last else { return nil }
        range = first...last
    }

    /// Throws exit status 1 (with a message) when the range is not within the scenario's years.
    func checked(against years: [Int], language: Language) throws -> ClosedRange<Int> {
        guard let first = years.first, let last = years.last, range.lowerBound >= first, range.upperBound <= last else {
            let available = "\(years.first ?? 0)-\(years.last ?? 0)"
            Terminal.writeError(language == .zh
                ? "emis: --years \(range.lowerBound)-\(range.upperBound) 超出情景年份范围 \(available)\n"
                : "emis: --years \(range.lowerBound)-\(range.upperBound) is outside the scenario's years \(available)\n")
            throw ExitCode(1)
        }
        return range
    }
}
