import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// Loads an inventory from CSV text (kept alive with its folder).
func inventory(_ sources: String, manifest: String? = nil) throws -> Inventory {
    let folder = try TemporaryFolder()
    let path = try folder.writeInventory(sources: sources, manifest: manifest)
    let result = InventoryLoader().load(path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.items.map(\.message.en))")
    return try #require(result.inventory)
}

func select(sector: String? = nil, county: String? = nil, ids: [String]? = nil) -> Selector {
    Selector(sectors: sector.map { [$0] }, counties: county.map { [$0] }, ids: ids)
}

func engine(
    _ inventory: Inventory, years: ClosedRange<Int> = 2020...2022, drivers: [Driver] = [],
    measures: [Measure] = [], targets: [Target] = []
) throws -> ProjectionEngine {
    let scenario = Scenario(
        id: "test", file: "test.yaml", inventoryPath: "inv", years: years, drivers: drivers,
        measures: measures, targets: targets)
    var diagnostics = DiagnosticList()
    let engine = ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics)
    #expect(!diagnostics.hasErrors, "\(diagnostics.items.map(\.message.en))")
    return try #require(engine)
}

/// |a − b| ≤ tolerance · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

@Suite struct WorkedExampleTests {
    /// The worked example of Docs/reference/measures.md, to floating-point accuracy.
    @Test func reproducesTheAppendix() throws {
        let inv = try inventory(Fixtures.workedExampleSources)
        let result = try engine(
            inv,
            drivers: [Driver(subject: .sources(select(sector: "power")), growth: .rate(0.1))],
            measures: [
                Measure(
                    id: "ule", kind: .retrofit(efficiency: [.so2: 0.9], additional: [:], coverage: 1),
                    select: select(ids: ["p1"]), start: 2021, full: 2022),
                Measure(
                    id: "heat", kind: .substitute(to: .existing(id: "e1"), quantity: .share(0.5), ratio: 2),
                    select: select(sector: "residential/heating/coal"), start: 2021, full: 2021),
            ]
        ).project()
        #expect(result.years == [2020, 2021, 2022])
        // 2021: p1 A = 110, φ = 0.5, a = 0.5 − 0.5·0.4 = 0.3 → SO2 33 t; h1 7.5 t.
        #expect(close(result.totals[.so2]?[1], 40.5))
        #expect(close(result.baselineTotals[.so2]?[1], 70))
        #expect(close(result.measures[0].reduction[.so2]?[1], 22))
        #expect(close(result.measures[1].reduction[.so2]?[1], 7.5))
        #expect(close(result.totals[.co2]?[1], 100_990))
        #expect(close(result.baselineTotals[.co2]?[1], 100_980))
        #expect(close(result.measures[1].reduction[.co2]?[1], -10))
        // 2022: SO2 = 121 · 0.1 + 7.5 = 19.6.
        #expect(close(result.totals[.so2]?[2], 19.6))
        // 2020 is the base year: no measure has started.
        #expect(result.totals[.so2]?[0] == 65)
        #expect(result.measures.allSatisfy { $0.reduction.values.allSatisfy { $0[0] == 0 } })
        #expect(result.pollutants == [.so2, .nox, .co2])
        #expect(result.warnings.isEmpty)
    }
}

@Suite struct MeasureKindTests {
    static let sources = """
        id,sector,county,activity,SO2.ef,SO2.eff,NOx.ef,CO2.ef,energy_tce,fossil
        a,industry/cement,东区,100,10,0.5,4,1000,0.1,
        b,industry/cement,西区,300,10,,4,1000,0.1,
        c,power/coal,东区,1000,2,0.9,1,900,0.3,
        pv,power/renewable,,0,,,,,0.3,false

        """

    @Test func scaleRemovesActivityAndItsEmissions() throws {
        // factor 0.25 at φ = 1: A ← A · 0.25. SO2 of cement: a 0.5 t + b 3 t = 3.5 t → 0.875 t.
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "s", kind: .scale(factor: 0.25), select: select(sector: "industry/cement"), start: 2021,
                    full: 2021)
            ]
        ).project()
        #expect(close(result.measures[0].reduction[.so2]?[1], 3.5 * 0.75))
        #expect(close(result.totals[.so2]?[1], 0.875 + 0.2))
        #expect(close(result.measures[0].reduction[.co2]?[1], 400 * 0.75))
    }

    @Test func phaseInScalesEveryKind() throws {
        // start 2021, full 2022: φ(2021) = 0.5 → keep = 1 − 0.5 · (1 − 0) = 0.5.
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(id: "s", kind: .scale(factor: 0), select: select(ids: ["b"]), start: 2021, full: 2022)
            ]
        ).project()
        #expect(close(result.measures[0].reduction[.so2]?[1], 1.5))
        #expect(close(result.measures[0].reduction[.so2]?[2], 3))
    }

    @Test func substituteAmountIsTakenProRataAndCapped() throws {
        // 200 of the cement's 400 t taken pro rata: a gives 50, b 150; into pv at ratio 3.
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "sub", kind: .substitute(to: .existing(id: "pv"), quantity: .amount(200), ratio: 3),
                    select: select(sector: "industry"), start: 2021, full: 2021),
                Measure(
                    id: "all", kind: .substitute(to: .existing(id: "pv"), quantity: .amount(10_000), ratio: 1),
                    select: select(ids: ["c"]), start: 2022, full: 2022),
            ]
        ).project()
        // SO2 removed: 50 · 0.005 + 150 · 0.01 = 1.75 t; CO2 200 · 1 t.
        #expect(close(result.measures[0].reduction[.so2]?[1], 1.75))
        #expect(close(result.measures[0].reduction[.co2]?[1], 200))
        // Energy: pv gets 600 units of 0.3 tce; cement loses 200 · 0.1.
        let energy = try #require(result.energy)
        let expectedEnergy: Double = 40 + 300 - 20 + 180
        #expect(close(energy[1], expectedEnergy))
        #expect(close(result.nonFossilShare?[1], 180 / energy[1]))
        // Asking for more than there is moves everything and warns once.
        #expect(close(result.totals[.co2]?[2], 200))  // cement 200 t left; c moved entirely
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].message.en.contains("'all'"))
    }

    @Test func retrofitReplacementNeverLowersEfficiencyAndAddOnMultiplies() throws {
        // Replacement to 0.8 with coverage 0.5: a(a) = 0.5 − 0.5·(0.8 − 0.5) = 0.35;
        // a(b) = 1 − 0.5·0.8 = 0.6. c already at 0.9 > 0.8: unchanged.
        // Add-on δ = 0.5 on NOx, coverage 0.5: a ← 1 · (1 − 0.25) = 0.75.
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "r", kind: .retrofit(efficiency: [.so2: 0.8], additional: [.nox: 0.5], coverage: 0.5),
                    select: select(sector: "industry/cement"), start: 2021, full: 2021),
                Measure(
                    id: "c", kind: .retrofit(efficiency: [.so2: 0.8], additional: [:], coverage: 1),
                    select: select(ids: ["c"]), start: 2021, full: 2021),
            ]
        ).project()
        let so2After: Double = 100 * 0.01 * 0.35 + 300 * 0.01 * 0.6
        #expect(close(result.measures[0].reduction[.so2]?[1], 3.5 - so2After))
        #expect(close(result.measures[0].reduction[.nox]?[1], 1.6 * 0.25))
        #expect(result.measures[1].reduction[.so2]?[1] == 0)
    }

    @Test func reductionCutsTheSelectionAndWarnsOnShortfall() throws {
        // SO2 of cement 3.5 t; cut 1 t at φ = 1; then 10 t at φ = 1 (shortfall, cut to zero).
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "cut", kind: .reduction(amount: [.so2: 1]), select: select(sector: "industry"), start: 2021,
                    full: 2021),
                Measure(
                    id: "big", kind: .reduction(amount: [.so2: 10]), select: select(sector: "industry"), start: 2022,
                    full: 2022),
            ]
        ).project()
        #expect(close(result.measures[0].reduction[.so2]?[1], 1))
        #expect(close(result.measures[1].reduction[.so2]?[2], 2.5))
        #expect(close(result.totals[.so2]?[2], 0.2))
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].message.en.contains("'big'"))
    }

    @Test func capScalesDownProRataWithPhaseIn() throws {
        // Cement NOx 1.6 t, cap 1 t, φ(2021) = 0.5 → (0.5)(1.6) + (0.5)(1) = 1.3 t.
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "cap", kind: .cap(limit: [.nox: 1]), select: select(sector: "industry"), start: 2021, full: 2022
                )
            ]
        ).project()
        #expect(close(result.measures[0].reduction[.nox]?[1], 0.3))
        #expect(close(result.measures[0].reduction[.nox]?[2], 0.6))
    }

    @Test func addCreatesASourceThatGrowsWithItsDriver() throws {
        let row = SourceRow(
            id: "new", sector: "power/coal/new", activity: 100, pollutants: [.co2: (intensity: 0.8, efficiency: 0)])
        let result = try engine(
            try inventory(Self.sources),
            drivers: [Driver(subject: .sources(select(sector: "power")), growth: .rate(0.1))],
            measures: [Measure(id: "add", kind: .add(source: row), select: nil, start: 2021, full: 2022)]
        ).project()
        // 2021: φ = 0.5, g = 1.1 → A = 55, CO2 44 t; 2022: A = 121, CO2 96.8 t.
        #expect(close(result.measures[0].reduction[.co2]?[1], -44))
        #expect(close(result.measures[0].reduction[.co2]?[2], -96.8))
        let baselineCO2 = try #require(result.baselineTotals[.co2]?.last)
        #expect(close(result.totals[.co2]?.last, baselineCO2 + 96.8))
    }

    @Test func inlineTargetIsCreatedWithZeroActivity() throws {
        let target = SourceRow(
            id: "gas", sector: "residential/heating/gas", pollutants: [.nox: (intensity: 0.001, efficiency: 0)])
        let result = try engine(
            try inventory(Self.sources),
            measures: [
                Measure(
                    id: "sub", kind: .substitute(to: .inline(target), quantity: .share(1), ratio: 10),
                    select: select(ids: ["a"]), start: 2021, full: 2021)
            ]
        ).project()
        // a's NOx 0.4 t leaves; gas gets 1000 units at 1 kg → 1 t.
        #expect(close(result.measures[0].reduction[.nox]?[1], 0.4 - 1))
    }
}

@Suite struct DriverTests {
    @Test func indexInterpolatesAndIsFlatOutside() {
        let growth = Growth.index([
            .init(year: 2020, value: 2), .init(year: 2025, value: 3), .init(year: 2030, value: 4),
        ])
        #expect(growth.factor(year: 2020, baseYear: 2020) == 1)
        #expect(close(growth.factor(year: 2022, baseYear: 2020), 2.4 / 2))
        #expect(growth.factor(year: 2035, baseYear: 2020) == 2)
        // Without the base year listed, values are used as given.
        let partial = Growth.index([.init(year: 2025, value: 1.5)])
        #expect(partial.factor(year: 2021, baseYear: 2020) == 1.5)
    }

    @Test func theLastMatchingDriverApplies() throws {
        let inv = try inventory(MeasureKindTests.sources)
        let result = try engine(
            inv,
            drivers: [
                Driver(subject: .sources(select(sector: "industry")), growth: .rate(1)),
                Driver(subject: .sources(select(ids: ["a"])), growth: .rate(0)),
            ]
        ).project()
        // b doubles, a stays: SO2 2021 = 0.5 + 6 + 0.2.
        #expect(close(result.baselineTotals[.so2]?[1], 6.7))
    }

    @Test func macroDriversProjectGDP() throws {
        let inv = try inventory(MeasureKindTests.sources)
        let result = try engine(inv, drivers: [Driver(subject: .macro("gdp"), growth: .rate(0.05))]).project()
        #expect(close(result.macro["gdp"]?[2], 100 * 1.05 * 1.05))
    }
}

@Suite struct TargetTests {
    @Test func everyTargetKind() throws {
        let inv = try inventory(MeasureKindTests.sources)
        let result = try engine(
            inv,
            drivers: [Driver(subject: .macro("gdp"), growth: .rate(0.25))],
            measures: [
                Measure(id: "s", kind: .scale(factor: 0.5), select: select(sector: "industry"), start: 2021, full: 2021)
            ],
            targets: [
                Target(id: "red", metric: .pollutant(.so2), year: 2021, kind: .reduction(0.4)),
                Target(id: "cap", metric: .pollutant(.nox), year: 2021, kind: .cap(2)),
                Target(id: "proj", metric: .pollutant(.co2), year: 2021, kind: .projectReduction(250)),
                Target(id: "int", metric: .pollutant(.co2), year: 2021, kind: .intensity(per: "gdp", reduction: 0.3)),
                Target(
                    id: "east", metric: .pollutant(.so2), year: 2021, kind: .reduction(0.5),
                    select: select(county: "东区")),
                Target(id: "energy", metric: .energy, year: 2021, kind: .intensity(per: "gdp", reduction: 0.2)),
            ]
        ).project()
        let byID = Dictionary(uniqueKeysWithValues: result.targets.map { ($0.id, $0) })
        // SO2: base 3.7, 2021 = 1.75 + 0.2 = 1.95 → reduction 1 − 1.95/3.7.
        let red = try #require(byID["red"])
        #expect(close(red.projected, 1 - 1.95 / 3.7))
        #expect(close(red.margin, red.projected - 0.4))
        #expect(red.met)
        // NOx 2021 = 0.8 + 1 = 1.8 ≤ 2: margin 0.2.
        let cap = try #require(byID["cap"])
        #expect(close(cap.projected, 1.8))
        #expect(close(cap.margin, 0.2))
        #expect(cap.met)
        // CO2 baseline − scenario = 200 t < 250: missed by 50.
        let proj = try #require(byID["proj"])
        #expect(close(proj.projected, 200))
        #expect(close(proj.margin, -50))
        #expect(!proj.met)
        // Intensity: (1100/1.25 … ) CO2 2021 = 200 + 900 = 1100 t over GDP 125 vs 1300/100.
        let int = try #require(byID["int"])
        let intensityReduction: Double = 1 - (1100.0 / 125) / (1300.0 / 100)
        #expect(close(int.projected, intensityReduction))
        // East county SO2: base a 0.5 + c 0.2 = 0.7; 2021 = 0.25 + 0.2.
        let east = try #require(byID["east"])
        #expect(close(east.projected, 1 - 0.45 / 0.7))
        #expect(!east.met)
        // Energy: base 40 + 300 = 340 tce; 2021: 20 + 300 = 320 over GDP 125.
        let energy = try #require(byID["energy"])
        let energyReduction: Double = 1 - (320.0 / 125) / (340.0 / 100)
        #expect(close(energy.projected, energyReduction))
    }

    @Test func metUsesTheModelTolerance() throws {
        let inv = try inventory(MeasureKindTests.sources)
        // NOx total 2.6 t; a cap of exactly 2.6 − 1e-12 is still met (within 1e-9 · max(1, |C|)).
        let result = try engine(
            inv, targets: [Target(id: "c", metric: .pollutant(.nox), year: 2020, kind: .cap(2.6 - 1e-12))]
        ).project()
        #expect(result.targets[0].met)
    }
}

@Suite struct PreparationErrorTests {
    func diagnostics(measures: [Measure] = [], drivers: [Driver] = [], targets: [Target] = []) throws -> [String] {
        let inv = try inventory(MeasureKindTests.sources)
        let scenario = Scenario(
            id: "t", file: "t.yaml", inventoryPath: "i", years: 2020...2022, drivers: drivers,
            measures: measures, targets: targets)
        var list = DiagnosticList()
        let engine = ProjectionEngine(scenario: scenario, inventory: inv, diagnostics: &list)
        #expect(engine == nil)
        return list.items.map(\.message.en)
    }

    @Test func selectorsMustMatchAndIdsMustExist() throws {
        let messages = try diagnostics(measures: [
            Measure(id: "x", kind: .scale(factor: 0), select: select(sector: "industri"), start: 2021, full: 2021),
            Measure(id: "y", kind: .scale(factor: 0), select: select(ids: ["zz"]), start: 2021, full: 2021),
            Measure(
                id: "z", kind: .substitute(to: .existing(id: "nope"), quantity: .share(1), ratio: 1),
                select: select(ids: ["a"]), start: 2021, full: 2021),
        ])
        #expect(
            messages == [
                "no source has the sector 'industri' (in the selector of measure 'x')",
                "unknown source id 'zz' in the selector of measure 'y'",
                "measure 'z' substitutes into unknown source 'nope'",
            ])
    }

    @Test func unknownMacroAndZeroBaseTargets() throws {
        let messages = try diagnostics(
            drivers: [Driver(subject: .macro("gpd"), growth: .rate(0.1))],
            targets: [Target(id: "t", metric: .pollutant(.cod), year: 2021, kind: .reduction(0.1))])
        #expect(messages.count == 2)
        #expect(messages[0].hasPrefix("the inventory has no macro series 'gpd'"))
        #expect(messages[1] == "target 't' is a reduction against a base-year total of zero")
    }
}

/// An `add` row is a source row: a bare `<P>` number is in the inventory's emission_unit,
/// as in sources.csv; a number with a unit is in that unit.
@Suite struct AddedRowUnitTests {
    @Test(arguments: [("2", 2000.0), ("\"2 t\"", 2.0), ("\"2 kt\"", 2000.0)])
    func bareNumbersAreInTheInventorysUnit(written: String, tonnes: Double) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(
            sources: "id,sector,activity,SO2\na,x,1,1\n",
            manifest: "name: kt\nbase_year: 2020\nsources: sources.csv\nemission_unit: kt\n")
        let path = try folder.write(
            "s.yaml",
            "inventory: inv\nyears: [2020, 2021]\nmeasures:\n"
                + "  - {id: new, kind: add, source: {id: n, sector: y, activity: 1, SO2: \(written)}, start: 2021}\n")
        let loaded = ScenarioLoader().load(path)
        let scenario = try #require(loaded.scenario, "\(loaded.diagnostics.items.map(\.message.en))")
        let inventory = try #require(InventoryLoader().load(scenario.inventoryPath).inventory)
        var diagnostics = DiagnosticList()
        let result = try #require(ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
            .project()
        // The inventory's source emits 1 kt = 1000 t; the new one `tonnes` more in 2021.
        let totals = try #require(result.totals[.so2])
        #expect(abs(totals[0] - 1000) < 1e-9 && abs(totals[1] - (1000 + tonnes)) < 1e-9, "\(totals)")
    }
}
