import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// The sweep (`BlockSweep`: all years in a few walks over blocks of sources) gives the
/// per-year path's results bit for bit, on random scenarios built to reach every branch of
/// it: probes of every kind (reductions, caps, substitutions with an amount, into an
/// inventory source, into a scenario-defined one), probes the look-ahead can and cannot take
/// together, a pollutant only scenario-defined sources emit, selections and targets that
/// include scenario-defined sources, candidates at partial levels, inventories smaller than
/// a block and spanning many.
@Suite struct SweepTests {
    func randomCase(seed: UInt64, sources: Int) throws -> (ProjectionEngine, [String: Double], TemporaryFolder) {
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: sources, seed: seed).write(to: folder.url)
        let inventory = try #require(InventoryLoader().load(folder.path).inventory)
        var random = SplitMix64(seed: seed &* 104_729)
        let sectors = inventory.sources.sectors.values.sorted()
        func anySector() -> String { sectors[Int(random.next() % UInt64(sectors.count))] }
        func anyYear() -> Int { 2021 + Int(random.next() % 6) }
        func anySource() -> String { inventory.sources.ids[Int(random.next() % UInt64(inventory.sources.count))] }
        let all = SyntheticInventory.pollutants
        func somePollutants(_ count: Int) -> [Pollutant] {
            (0..<count).map { _ in all[Int(random.next() % UInt64(all.count))] }
        }
        var measures: [Measure] = []
        var levels: [String: Double] = [:]
        for j in 0..<18 {
            let start = anyYear()
            let full = start + Int(random.next() % 4)
            var selector: Selector? = Selector(sectors: [anySector()])
            let kind: Measure.Kind
            // The first two define sources for the later ones to select.
            switch j == 0 ? 4 : j == 1 ? 8 : Int(random.next() % 9) {
            case 0: kind = .scale(factor: random.uniform() * 1.5)
            case 1:
                kind = .retrofit(
                    efficiency: Dictionary(somePollutants(2).map { ($0, random.uniform()) }) { a, _ in a },
                    additional: Dictionary(somePollutants(1).map { ($0, random.uniform()) }) { a, _ in a },
                    coverage: 0.2 + 0.8 * random.uniform())
            case 2:
                kind = .reduction(
                    amount: Dictionary(somePollutants(2).map { ($0, random.uniform() * 3_000) }) { a, _ in a })
            case 3:
                kind = .cap(limit: Dictionary(somePollutants(1).map { ($0, random.uniform() * 2_000) }) { a, _ in a })
            case 4, 5:
                let target: Measure.SubstitutionTarget =
                    j > 0 && random.next() % 2 == 0
                    ? .existing(id: anySource())
                    : .inline(
                        SourceRow(
                            id: "target\(j)", sector: "substitute/new", energyPerActivity: 0.1 * random.uniform(),
                            isFossil: random.next() % 2 == 0,
                            pollutants: [
                                .co2: (intensity: random.uniform(), efficiency: 0),
                                .co: (intensity: random.uniform() * 1e-2, efficiency: 0.2),
                            ]))
                kind = .substitute(
                    to: target,
                    quantity: random.next() % 2 == 0 ? .share(random.uniform()) : .amount(random.uniform() * 1e4),
                    ratio: 0.1 + 3 * random.uniform())
            case 6:
                // Selects the scenario-defined sources too (and the pollutant only they emit).
                selector = Selector(sectors: ["substitute"])
                kind = .retrofit(efficiency: [.co: 0.5], additional: [.co2: 0.1], coverage: 1)
            case 7:
                selector = Selector(sectors: ["substitute", anySector()])
                kind = .cap(limit: [.co: random.uniform() * 10, .co2: random.uniform() * 1e4])
            default:
                selector = nil
                kind = .add(
                    source: SourceRow(
                        id: "new\(j)", sector: "substitute/added", activity: random.uniform() * 1e4,
                        energyPerActivity: 0.2, pollutants: [.so2: (1e-3, 0.5), .co2: (2, 0), .co: (1e-3, 0)]))
            }
            let candidate = random.next() % 4 == 0
            if candidate { levels["m\(j)"] = random.uniform() }
            measures.append(
                Measure(id: "m\(j)", kind: kind, select: selector, start: start, full: full, isCandidate: candidate))
        }
        let drivers = [
            Driver(subject: .sources(Selector(sectors: [anySector()])), growth: .rate(0.03)),
            Driver(subject: .sources(Selector(sectors: ["substitute"])), growth: .rate(0.1)),
            Driver(subject: .macro("gdp"), growth: .rate(0.05)),
        ]
        let targets = [
            Target(id: "nox", metric: .pollutant(.nox), year: 2025, kind: .reduction(0.1)),
            Target(
                id: "co2-selected", metric: .pollutant(.co2), year: 2026, kind: .cap(100),
                select: Selector(sectors: ["substitute", anySector()])),
            Target(
                id: "so2-projects", metric: .pollutant(.so2), year: 2030, kind: .projectReduction(1e3),
                select: Selector(sectors: [anySector(), anySector()])),
            Target(id: "energy", metric: .energy, year: 2025, kind: .intensity(per: "gdp", reduction: 0.1)),
            Target(
                id: "energy-selected", metric: .energy, year: 2027, kind: .cap(1e6),
                select: Selector(sectors: ["substitute", anySector()])),
            Target(id: "co", metric: .pollutant(.co), year: 2028, kind: .cap(1)),
        ]
        let scenario = Scenario(
            id: "random", file: "random.yaml", inventoryPath: folder.path, years: 2020...2030, drivers: drivers,
            measures: measures, targets: targets)
        var diagnostics = DiagnosticList()
        guard let engine = ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics) else {
            Issue.record("the random case does not prepare: \(diagnostics.items.map(\.message.en))")
            throw CancellationError()
        }
        return (engine, levels, folder)
    }

    func expectIdentical(_ a: ProjectionResult, _ b: ProjectionResult, _ context: String) {
        #expect(a.pollutants == b.pollutants, "\(context)")
        #expect(a.totals == b.totals, "\(context): totals")
        #expect(a.baselineTotals == b.baselineTotals, "\(context): baseline")
        #expect(a.measures.map(\.reduction) == b.measures.map(\.reduction), "\(context): reductions")
        #expect(a.energy == b.energy, "\(context): energy")
        #expect(a.nonFossilShare == b.nonFossilShare, "\(context): non-fossil share")
        #expect(a.targets == b.targets, "\(context): targets")
        #expect(a.targetEffects == b.targetEffects, "\(context): target effects")
        #expect(a.warnings.map(\.message.en) == b.warnings.map(\.message.en), "\(context): warnings")
        #expect(a.breakdown?.keys == b.breakdown?.keys, "\(context): breakdown keys")
        #expect(a.breakdown?.totals == b.breakdown?.totals, "\(context): breakdown")
    }

    @Test(arguments: [
        (UInt64(1), 100), (2, 256), (3, 257), (4, 1_500), (5, 1_500), (6, 3_000), (7, 700), (8, 2_000),
    ])
    func theSweepIsThePerYearPathBitForBit(seed: UInt64, sources: Int) throws {
        let (engine, levels, _) = try randomCase(seed: seed, sources: sources)
        for grouping in [nil, Grouping.sector(depth: 1), .county, .total] as [Grouping?] {
            let perYear = engine.project(levels: levels, grouping: grouping, threads: 1, path: .perYear)
            for threads in [1, 2, 3] {
                let sweep = engine.project(levels: levels, grouping: grouping, threads: threads, path: .sweep)
                expectIdentical(sweep, perYear, "seed \(seed), \(String(describing: grouping)), \(threads) threads")
            }
        }
    }

    /// The Datong scenarios, and the census scenarios `emis synth` writes.
    @Test func theShippedScenariosAreProjectedAlike() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var files = ["baseline", "plan", "enhanced", "optimize-2025"].map {
            root.appendingPathComponent("Scenarios/\($0).yaml").path
        }
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 5_000, seed: 2).write(to: folder.url)
        files += ["scenario", "scenario-sectors"].map { folder.url.appendingPathComponent("\($0).yaml").path }
        for file in files {
            let loaded = ScenarioLoader().load(file)
            let scenario = try #require(loaded.scenario, "\(file): \(loaded.diagnostics.items.map(\.message.en))")
            let inventory = try #require(InventoryLoader().load(scenario.inventoryPath).inventory)
            var diagnostics = DiagnosticList()
            let engine = try #require(
                ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
            let levels = Dictionary(
                uniqueKeysWithValues: scenario.measures.filter(\.isCandidate).map { ($0.id, 1.0) })
            let grouping = Grouping.sector(depth: 1)
            expectIdentical(
                engine.project(levels: levels, grouping: grouping, threads: 2, path: .sweep),
                engine.project(levels: levels, grouping: grouping, threads: 1, path: .perYear), file)
        }
    }
}
