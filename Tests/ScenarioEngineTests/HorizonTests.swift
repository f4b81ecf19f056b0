import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// The horizon rule (Docs/reference/scenario.md, "Phase-in"): `start` and `full` may lie after
/// the scenario's last year; such a measure is partly phased in at the horizon. Random scenario
/// files, inherited and not, are loaded with the real reader, projected, and compared with an
/// independent computation of the model written out here.
@Suite struct HorizonTests {
    /// Sources with SO2 and NOx, in two sectors (all emissions in t).
    static let sources = """
        id,sector,activity,SO2.ef,SO2.eff,NOx.ef,NOx.eff
        a,power/coal,100,2000,0.5,1500,0.2
        b,power/coal,250,1200,0.1,900,0
        c,industry/cement,80,3000,0.7,2500,0.4
        d,industry/steel,40,5000,0.3,,
        """

    /// One source's state for the independent computation.
    struct State {
        var activity: Double
        var k: [String: Double]
        var abatement: [String: Double]
        var sector: String
    }

    /// A random measure: its YAML and what it does to a `State` at phase φ.
    struct RandomMeasure {
        var id: String
        var sector: String
        var start: Int
        var full: Int
        var kind: Int
        var value: Double

        var yaml: String {
            let head = "  - {id: \(id), select: {sector: \(sector)}, start: \(start), full: \(full), "
            switch kind {
            case 0: return head + "kind: scale, factor: \(value)}\n"
            case 1: return head + "kind: retrofit, efficiency: {SO2: \(value)}}\n"
            default: return head + "kind: retrofit, additional: {NOx: \(value)}, coverage: 0.5}\n"
            }
        }

        /// φ(y) written out from the rule: 0 before start, (y − start + 1)/(full − start + 1)
        /// up to full, 1 after.
        func phase(_ year: Int) -> Double {
            if year < start { return 0 }
            if year > full { return 1 }
            return Double(year - start + 1) / Double(full - start + 1)
        }

        func apply(_ state: inout State, year: Int) {
            guard state.sector == sector || state.sector.hasPrefix(sector + "/") else { return }
            let phi = phase(year)
            switch kind {
            case 0:
                state.activity *= 1 - phi * (1 - value)
            case 1:
                let a = state.abatement["SO2"]!
                state.abatement["SO2"] = a - phi * max(0, value - (1 - a))
            default:
                state.abatement["NOx"]! *= 1 - phi * 0.5 * value
            }
        }
    }

    static func randomMeasures(seed: UInt64, count: Int) -> [RandomMeasure] {
        var random = SplitMix64(seed: seed)
        let sectors = ["power", "power/coal", "industry", "industry/cement"]
        return (0..<count).map { j in
            // Starts anywhere from the first projected year to well past every horizon used.
            let start = 2021 + Int(random.next() % 12)
            let full = start + Int(random.next() % 5)
            let kind = Int(random.next() % 3)
            let value = (random.uniform() * 0.95 * 1000).rounded() / 1000
            return RandomMeasure(
                id: "m\(j)", sector: sectors[Int(random.next() % 4)], start: start, full: full,
                kind: kind, value: value)
        }
    }

    /// Totals per pollutant and year by the independent computation.
    static func expectedTotals(_ measures: [RandomMeasure], years: ClosedRange<Int>) -> [String: [Double]] {
        let base: [State] = [
            State(
                activity: 100, k: ["SO2": 2, "NOx": 1.5], abatement: ["SO2": 0.5, "NOx": 0.8], sector: "power/coal"),
            State(
                activity: 250, k: ["SO2": 1.2, "NOx": 0.9], abatement: ["SO2": 0.9, "NOx": 1], sector: "power/coal"),
            State(
                activity: 80, k: ["SO2": 3, "NOx": 2.5], abatement: ["SO2": 0.3, "NOx": 0.6], sector: "industry/cement"),
            State(activity: 40, k: ["SO2": 5, "NOx": 0], abatement: ["SO2": 0.7, "NOx": 1], sector: "industry/steel"),
        ]
        var totals: [String: [Double]] = ["SO2": [], "NOx": []]
        for year in years {
            var states = base
            for measure in measures {
                for s in states.indices { measure.apply(&states[s], year: year) }
            }
            for p in ["SO2", "NOx"] {
                totals[p]!.append(states.reduce(0) { $0 + $1.activity * $1.k[p]! * $1.abatement[p]! })
            }
        }
        return totals
    }

    func project(_ folder: TemporaryFolder, _ file: String) throws -> (ProjectionResult, DiagnosticList) {
        let loaded = ScenarioLoader().load(folder.url.appendingPathComponent(file).path)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.items.map(\.message.en))")
        let scenario = try #require(loaded.scenario)
        let inventory = try #require(InventoryLoader().load(scenario.inventoryPath).inventory)
        var diagnostics = DiagnosticList()
        let engine = try #require(ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
        return (engine.project(), loaded.diagnostics)
    }

    func expectTotals(_ result: ProjectionResult, _ expected: [String: [Double]], _ context: String) {
        for (id, values) in expected {
            let pollutant = Pollutant(id: id)!
            let totals = result.totals[pollutant] ?? []
            #expect(totals.count == values.count, "\(context) \(id)")
            for (t, (got, want)) in zip(totals, values).enumerated() {
                #expect(
                    abs(got - want) <= 1e-9 * max(1, want), "\(context) \(id) \(result.years[t]): \(got) vs \(want)")
            }
        }
    }

    /// A scenario of its own, 2020–2025, whose measures start and reach full effect in any year
    /// up to 2036: projected as the rule says, and each start after 2025 is warned about.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func measuresPastTheHorizonProjectAsTheRuleSays(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        let measures = Self.randomMeasures(seed: seed, count: 8)
        try folder.write("s.yaml", "inventory: inv\nyears: [2020, 2025]\nmeasures:\n" + measures.map(\.yaml).joined())
        let (result, diagnostics) = try project(folder, "s.yaml")
        expectTotals(result, Self.expectedTotals(measures, years: 2020...2025), "seed \(seed)")
        let late = measures.filter { $0.start > 2025 }.map(\.id)
        let warned = diagnostics.items.filter { $0.severity == .warning }.map(\.message.en)
        #expect(warned.count == late.count, "\(warned)")
        for id in late { #expect(warned.contains { $0.contains("'\(id)' starts in") }) }
    }

    /// A child that shortens its parent's years keeps the parent's measures, and projects each
    /// of its years exactly as the parent does.
    @Test(arguments: [UInt64(11), 12, 13, 14])
    func aChildThatShortensTheYearsProjectsAsItsParent(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources)
        let measures = Self.randomMeasures(seed: seed, count: 8)
        try folder.write(
            "parent.yaml", "inventory: inv\nyears: [2020, 2035]\nmeasures:\n" + measures.map(\.yaml).joined())
        try folder.write("child.yaml", "extends: parent.yaml\nyears: [2020, 2024]\n")
        let (parent, _) = try project(folder, "parent.yaml")
        let (child, _) = try project(folder, "child.yaml")
        #expect(child.years == Array(2020...2024))
        expectTotals(child, Self.expectedTotals(measures, years: 2020...2024), "child, seed \(seed)")
        for pollutant in child.pollutants {
            #expect(child.totals[pollutant]! == Array(parent.totals[pollutant]!.prefix(5)))
            for (m, n) in zip(child.measures, parent.measures) {
                #expect(m.reduction[pollutant].map(Array.init) == n.reduction[pollutant].map { Array($0.prefix(5)) })
            }
        }
    }

    /// The half-done programme of the rule's own example: 2024–2027 in a 2020–2025 scenario.
    @Test func aProgrammeHalfDoneAtTheHorizon() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: "id,sector,activity,SO2\np,power,10,100\n")
        try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2025]
            measures:
              - {id: close, kind: scale, select: {sector: power}, factor: 0, start: 2024, full: 2027}
            """)
        let (result, diagnostics) = try project(folder, "s.yaml")
        #expect(diagnostics.isEmpty)
        // φ(2024) = 1/4, φ(2025) = 2/4: SO2 = 100 · (1 − φ).
        #expect(result.totals[.so2] == [100, 100, 100, 100, 75, 50])
    }

    @Test func aStartBeforeTheBaseYearIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: "id,sector,activity,SO2\np,power,10,100\n")
        let path = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2025]
            measures:
              - {id: early, kind: scale, select: {sector: power}, factor: 0, start: 2018, full: 2021}
            """)
        let loaded = ScenarioLoader().load(path)
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.items.map(\.message.en) == ["start 2018 is before the base year 2020"])
        #expect(loaded.diagnostics.items.first?.location == SourceLocation(file: path, line: 4, column: 73))
    }
}
