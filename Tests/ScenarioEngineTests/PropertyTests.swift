import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// Properties on random inventories and scenarios: attributions add up to baseline minus
/// scenario (Docs/reference/measures.md), the result does not depend on the thread count, and a scenario
/// without measures is its baseline.
@Suite struct ProjectionPropertyTests {
    /// A random scenario with every measure kind on a synthetic inventory.
    func randomCase(seed: UInt64) throws -> (ProjectionEngine, TemporaryFolder) {
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 1_500, seed: seed).write(to: folder.url)
        let inventory = try #require(InventoryLoader().load(folder.path).inventory)
        var random = SplitMix64(seed: seed &* 7919)
        let sectors = inventory.sources.sectors.values
        func anySector() -> Selector { Selector(sectors: [sectors[Int(random.next() % UInt64(sectors.count))]]) }
        func anyYear() -> Int { 2021 + Int(random.next() % 5) }
        var measures: [Measure] = []
        for j in 0..<12 {
            let start = anyYear()
            let full = start + Int(random.next() % 3)
            let kind: Measure.Kind
            switch j % 6 {
            case 0: kind = .scale(factor: random.uniform() * 1.5)
            case 1:
                kind = .retrofit(
                    efficiency: [.so2: random.uniform() * 0.99, .nox: random.uniform() * 0.9],
                    additional: [.vocs: random.uniform()], coverage: 0.2 + 0.8 * random.uniform())
            case 2: kind = .reduction(amount: [.cod: random.uniform() * 5_000, .co2: random.uniform() * 1e6])
            case 3: kind = .cap(limit: [.nox: random.uniform() * 2_000])
            case 4:
                kind = .substitute(
                    to: .inline(
                        SourceRow(
                            id: "target\(j)", sector: "substitute/\(j)",
                            pollutants: [
                                .co2: (intensity: random.uniform(), efficiency: 0),
                                .nox: (intensity: random.uniform() * 1e-3, efficiency: 0.3),
                            ])),
                    quantity: j % 12 == 4 ? .share(random.uniform()) : .amount(random.uniform() * 1e5),
                    ratio: 0.1 + 3 * random.uniform())
            default:
                kind = .add(
                    source: SourceRow(
                        id: "new\(j)", sector: "industry/new", activity: random.uniform() * 1e4,
                        pollutants: [.so2: (intensity: 1e-3, efficiency: 0.5), .co2: (intensity: 2, efficiency: 0)]))
            }
            let selector: Selector? = if case .add = kind { nil } else { anySector() }
            measures.append(Measure(id: "m\(j)", kind: kind, select: selector, start: start, full: full))
        }
        let drivers = [
            Driver(subject: .sources(Selector(sectors: ["industry"])), growth: .rate(0.03)),
            Driver(
                subject: .sources(Selector(sectors: ["transport"])),
                growth: .index([
                    .init(year: 2020, value: 1), .init(year: 2025, value: 1.2), .init(year: 2030, value: 1.1),
                ])),
        ]
        let targets = [
            Target(id: "nox", metric: .pollutant(.nox), year: 2025, kind: .reduction(0.1)),
            Target(
                id: "so2-industry", metric: .pollutant(.so2), year: 2026, kind: .cap(100),
                select: Selector(sectors: ["industry"])),
            Target(
                id: "co2-projects", metric: .pollutant(.co2), year: 2030, kind: .projectReduction(1e5),
                select: Selector(sectors: ["power", "industry"])),
            Target(id: "energy", metric: .energy, year: 2025, kind: .intensity(per: "gdp", reduction: 0.1)),
        ]
        let scenario = Scenario(
            id: "random", file: "random.yaml", inventoryPath: folder.path, years: 2020...2030,
            drivers: drivers + [Driver(subject: .macro("gdp"), growth: .rate(0.05))],
            measures: measures, targets: targets)
        var diagnostics = DiagnosticList()
        let engine = try #require(ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
        return (engine, folder)
    }

    /// On the straightforward path (every source added up before and after the measures),
    /// the attributions, computed over the sources each measure changes, add up to
    /// baseline minus scenario.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func attributionsAddUpToBaselineMinusScenario(seed: UInt64) throws {
        let (engine, _) = try randomCase(seed: seed)
        let result = engine.project(levels: [:], grouping: nil, threads: 1, reference: true)
        for pollutant in result.pollutants {
            let baseline = try #require(result.baselineTotals[pollutant])
            let totals = try #require(result.totals[pollutant])
            for t in result.years.indices {
                let attributed = result.measures.reduce(0.0) { $0 + ($1.reduction[pollutant]?[t] ?? 0) }
                let scale = max(1, baseline[t], totals[t])
                #expect(
                    abs((baseline[t] - totals[t]) - attributed) <= 1e-9 * scale,
                    "\(pollutant) \(result.years[t]): \(baseline[t] - totals[t]) vs \(attributed)")
            }
        }
    }

    /// The fast path (baseline as one matrix product G·B, scenario = baseline − Σ
    /// attributions) agrees with the straightforward one.
    @Test(arguments: [UInt64(11), 12, 13])
    func fastPathAgreesWithTheReference(seed: UInt64) throws {
        let (engine, _) = try randomCase(seed: seed)
        let fast = engine.project()
        let reference = engine.project(levels: [:], grouping: nil, threads: 1, reference: true)
        #expect(fast.measures.map(\.reduction) == reference.measures.map(\.reduction))
        for pollutant in reference.pollutants {
            for t in reference.years.indices {
                let scale = max(1, reference.baselineTotals[pollutant]![t])
                #expect(
                    abs(fast.baselineTotals[pollutant]![t] - reference.baselineTotals[pollutant]![t]) <= 1e-12 * scale)
                #expect(abs(fast.totals[pollutant]![t] - reference.totals[pollutant]![t]) <= 1e-9 * scale)
            }
        }
        for t in reference.years.indices {
            #expect(close(fast.energy![t], reference.energy![t], 1e-12))
            #expect(close(fast.nonFossilShare![t], reference.nonFossilShare![t], 1e-9))
        }
        for (a, b) in zip(fast.targets, reference.targets) {
            #expect(close(a.projected, b.projected, 1e-9))
        }
    }

    /// Each measure's effect on a selected target adds up, over the measures, to the
    /// target's baseline minus scenario (what a 重点工程减排量 target measures).
    @Test(arguments: [UInt64(21), 22, 23])
    func targetEffectsAddUpOnSelections(seed: UInt64) throws {
        let (engine, _) = try randomCase(seed: seed)
        let result = engine.project()
        let t = try #require(result.targets.firstIndex { $0.id == "co2-projects" })
        let summed = result.targetEffects.reduce(0.0) { $0 + $1[t] }
        #expect(close(summed, result.targets[t].projected, 1e-9))
    }

    @Test(arguments: [UInt64(5), 6])
    func resultsAreIdenticalOnAnyThreadCount(seed: UInt64) throws {
        let (engine, _) = try randomCase(seed: seed)
        let one = engine.project(grouping: .sector(depth: 1), threads: 1)
        for threads in [2, 3, 8] {
            let many = engine.project(grouping: .sector(depth: 1), threads: threads)
            #expect(many.totals == one.totals)
            #expect(many.baselineTotals == one.baselineTotals)
            #expect(many.measures.map(\.reduction) == one.measures.map(\.reduction))
            #expect(many.breakdown?.totals == one.breakdown?.totals)
            #expect(many.energy == one.energy)
        }
    }

    @Test func emissionsNeverGoNegativeAndMonotoneScaling() throws {
        let (engine, _) = try randomCase(seed: 9)
        let result = engine.project()
        for pollutant in result.pollutants {
            #expect(result.totals[pollutant]!.allSatisfy { $0 >= -1e-9 })
        }
    }

    @Test func breakdownAddsUpToTheTotals() throws {
        let (engine, _) = try randomCase(seed: 10)
        for grouping in [Grouping.sector(depth: nil), .county, .source] {
            let result = engine.project(grouping: grouping)
            let breakdown = try #require(result.breakdown)
            for pollutant in result.pollutants {
                for t in result.years.indices {
                    let sum = breakdown.totals[pollutant]!.reduce(0.0) { $0 + $1[t] }
                    #expect(close(sum, result.totals[pollutant]![t], 1e-10))
                }
            }
        }
    }

    /// The streamed CSV by source (blocks of sources, years kept in temporary files) is the
    /// in-memory one, byte for byte, for any block size, thread count and range of years.
    @Test(arguments: [(UInt64(14), 1, 1), (15, 7, 2), (16, 4096, 3), (17, 1_000_000, 1)])
    func theStreamedTableBySourceIsTheTableBySource(seed: UInt64, blockSize: Int, threads: Int) throws {
        let (engine, _) = try randomCase(seed: seed)
        let levels: [String: Double] = [:]
        let whole = engine.project(levels: levels, grouping: .source)
        let plain = engine.project(levels: levels)
        for years in [nil, 2022...2024] as [ClosedRange<Int>?] {
            for excel in [false, true] {
                var streamed = ""
                try ProjectionExport.csvBySource(
                    plain, engine: engine, levels: levels, years: years, excelCompatible: excel, threads: threads,
                    blockSize: blockSize
                ) { streamed += $0 }
                let expected = ProjectionExport.csv(whole, years: years, excelCompatible: excel)
                #expect(streamed == expected, "block \(blockSize), years \(String(describing: years)), excel \(excel)")
            }
        }
    }

    @Test func aScenarioWithoutMeasuresIsItsBaseline() throws {
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 500, seed: 3).write(to: folder.url)
        let inventory = try #require(InventoryLoader().load(folder.path).inventory)
        let result = try engine(
            inventory, years: 2020...2025,
            drivers: [Driver(subject: .sources(Selector(sectors: ["power"])), growth: .rate(0.05))]
        ).project()
        #expect(result.totals == result.baselineTotals)
        let base = inventory.baseYearTotals()
        for pollutant in result.pollutants { #expect(close(result.totals[pollutant]![0], base[pollutant]!, 1e-12)) }
    }

    /// A larger level of a measure never cuts less (monotonicity in φ): scale, retrofit.
    @Test func moreOfAMeasureNeverCutsLess() throws {
        let inv = try inventory(MeasureKindTests.sources)
        var previous = -Double.infinity
        for level in stride(from: 0.0, through: 1.0, by: 0.125) {
            let scenario = Scenario(
                id: "x", file: "x.yaml", inventoryPath: "i", years: 2020...2021,
                measures: [
                    Measure(
                        id: "r", kind: .retrofit(efficiency: [.so2: 0.95], additional: [:], coverage: 1),
                        select: Selector(sectors: ["industry"]), start: 2021, full: 2021, isCandidate: true)
                ])
            var diagnostics = DiagnosticList()
            let engine = try #require(ProjectionEngine(scenario: scenario, inventory: inv, diagnostics: &diagnostics))
            let cut = engine.project(levels: ["r": level]).measures[0].reduction[.so2]![1]
            #expect(cut >= previous)
            previous = cut
        }
    }
}
