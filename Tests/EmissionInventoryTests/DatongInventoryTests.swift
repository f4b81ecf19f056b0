import EmisTestSupport
import Testing

@testable import EmissionInventory

/// The bundled Datong 2020 demonstration inventory: it loads without findings, covers every
/// pollutant the plan targets, and each sector holds at least what the plan says its
/// measures will cut (Docs/data-sources.md, "Constraint checks").
@Suite struct DatongInventoryTests {
    static let path = Fixtures.repositoryRoot.appendingPathComponent("Inventories/datong-2020").path

    func inventory() throws -> Inventory {
        let result = InventoryLoader(strict: true).load(Self.path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.items.map(\.message.en))")
        return try #require(result.inventory)
    }

    /// Base-year total of `pollutant` over sources whose sector starts with one of `prefixes`
    /// (or whose id is in `ids`).
    func total(_ inventory: Inventory, _ pollutant: Pollutant, sectors prefixes: [String] = [], ids: [String] = [])
        -> Double
    {
        let table = inventory.sources
        var sum = 0.0
        for s in 0..<table.count {
            let sector = table.sectors[s] ?? ""
            let inSector = prefixes.contains { sector == $0 || sector.hasPrefix($0 + "/") }
            if inSector || ids.contains(table.ids[s]) {
                sum += table.baseEmission(of: pollutant, source: s)
            }
        }
        return sum
    }

    @Test func loadsCleanlyWithBaseYearAndMacro() throws {
        let inventory = try inventory()
        #expect(inventory.baseYear == 2020)
        #expect(inventory.manifest.macro["gdp"] != nil)
        #expect(inventory.manifest.macro["population"] != nil)
    }

    @Test func everyTargetPollutantHasEmissions() throws {
        let totals = try inventory().baseYearTotals()
        for pollutant in [Pollutant.so2, .nox, .vocs, .pm, .cod, .nh3n, .co2] {
            #expect((totals[pollutant] ?? 0) > 0, "\(pollutant)")
        }
    }

    @Test func cleanHeatingSectorsCoverThePlannedCuts() throws {
        let inventory = try inventory()
        let heating = ["heating/coal-boiler", "residential/heating/coal"]
        #expect(total(inventory, .so2, sectors: heating) >= 6_000)
        #expect(total(inventory, .nox, sectors: heating) >= 5_200)
        #expect(total(inventory, .pm, sectors: heating) >= 13_900)
        #expect(total(inventory, .co2, sectors: heating) >= 1.823e6)
    }

    @Test func namedFacilitiesCoverTheirProjects() throws {
        let inventory = try inventory()
        let table = inventory.sources
        // Facility rows carry names; the plan's named enterprises are among them.
        let named = (0..<table.count).filter { !table.names[$0].isEmpty }
        #expect(named.count >= 10)
        #expect(total(inventory, .vocs, sectors: ["industry/solvents"]) >= 55.84)
        #expect(total(inventory, .nox, sectors: ["industry/metallurgy", "industry/building-materials"]) >= 167.3)
        #expect(total(inventory, .nox, sectors: ["industry"]) >= 2_343 + 167.3)
        #expect(total(inventory, .so2, sectors: ["industry"]) >= 415)
        #expect(total(inventory, .pm, sectors: ["industry"]) >= 149)
    }

    @Test func placeholderTargetsHaveNoBaseEmissions() throws {
        let inventory = try inventory()
        let table = inventory.sources
        for s in 0..<table.count where table.activity[s] == 0 {
            for pollutant in table.pollutants {
                #expect(table.baseEmission(of: pollutant, source: s) == 0)
            }
        }
    }
}
