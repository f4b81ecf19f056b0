import EmisTestSupport
import Foundation
import Testing

@testable import EmissionInventory

@Suite struct BreakdownTests {
    static let sources = """
        id,sector,county,activity,SO2,NOx.ef
        a,industry/cement,云州区,1,10,1000
        b,industry/cement/kiln,云州区,2,5,
        c,industry/coking,平城区,1,1,
        d,power/coal,,1,100,2000
        e,power,平城区,1,0.5,

        """

    @Test func groupsBySectorPathDepthAndCounty() throws {
        let (result, _) = try load(sources: Self.sources)
        let inventory = try #require(result.inventory)
        let level1 = inventory.breakdown(by: .sector(depth: 1))
        #expect(level1.keys == ["industry", "power"])
        #expect(level1.totals[.so2] == [16, 100.5])
        #expect(level1.totals[.nox] == [1, 2])
        let level2 = inventory.breakdown(by: .sector(depth: 2))
        #expect(level2.keys == ["industry/cement", "industry/coking", "power", "power/coal"])
        #expect(level2.totals[.so2] == [15, 1, 0.5, 100])
        let full = inventory.breakdown(by: .sector(depth: nil))
        #expect(full.keys.count == 5)
        let counties = inventory.breakdown(by: .county)
        #expect(counties.keys == ["", "平城区", "云州区"].sorted())
        #expect(counties.totals[.so2]?[counties.keys.firstIndex(of: "")!] == 100)
        let bySource = inventory.breakdown(by: .source)
        #expect(bySource.keys == ["a", "b", "c", "d", "e"])
    }

    @Test func parsesGroupingArguments() {
        #expect(Grouping(argument: "sector") == .sector(depth: nil))
        #expect(Grouping(argument: "sector:2") == .sector(depth: 2))
        #expect(Grouping(argument: "county") == .county)
        #expect(Grouping(argument: "source") == .source)
        #expect(Grouping(argument: "sector:0") == nil)
        #expect(Grouping(argument: "sectors") == nil)
    }

    /// Property: however the sources are grouped, the groups add up to the total
    /// (conservation), on a synthetic census-like inventory.
    @Test(arguments: [UInt64(1), 7, 2024])
    func everyGroupingConservesTheTotal(seed: UInt64) throws {
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 3_000, seed: seed).write(to: folder.url)
        let inventory = try #require(InventoryLoader().load(folder.path).inventory)
        let totals = inventory.baseYearTotals()
        #expect(Set(inventory.emittedPollutants()) == Set(SyntheticInventory.pollutants))
        for grouping in [Grouping.sector(depth: nil), .sector(depth: 1), .sector(depth: 2), .county, .source] {
            let breakdown = inventory.breakdown(by: grouping)
            for (pollutant, column) in breakdown.totals {
                var sum = CompensatedSum()
                for value in column { sum.add(value) }
                let total = try #require(totals[pollutant])
                #expect(abs(sum.value - total) <= 1e-12 * total, "\(grouping) \(pollutant)")
            }
        }
    }

    @Test func compensatedSumKeepsSmallTerms() {
        var sum = CompensatedSum()
        sum.add(1e16)
        for _ in 0..<1_000 { sum.add(1) }
        sum.add(-1e16)
        #expect(sum.value == 1_000)
    }
}

@Suite struct SyntheticInventoryTests {
    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try TemporaryFolder()
        let b = try TemporaryFolder()
        let c = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 500, seed: 42).write(to: a.url)
        try SyntheticInventory(sourceCount: 500, seed: 42).write(to: b.url)
        try SyntheticInventory(sourceCount: 500, seed: 43).write(to: c.url)
        let read = { (folder: TemporaryFolder) in try Data(contentsOf: folder.url.appendingPathComponent("sources.csv"))
        }
        #expect(try read(a) == read(b))
        #expect(try read(a) != read(c))
    }

    @Test func generatedInventoryIsValidWithCensusLikeMix() throws {
        let folder = try TemporaryFolder()
        let synthetic = SyntheticInventory(sourceCount: 20_000, seed: 3)
        try synthetic.write(to: folder.url)
        let result = InventoryLoader(strict: true).load(folder.path)
        #expect(result.diagnostics.isEmpty)
        let inventory = try #require(result.inventory)
        #expect(inventory.sources.count == 20_000)
        #expect(inventory.sources.counties.values.count == synthetic.countyCount)
        // Many small firms and farms, few power units.
        let perSector = Dictionary(grouping: 0..<inventory.sources.count) { inventory.sources.sectors[$0]! }
        #expect(perSector["agriculture/livestock"]!.count > perSector["power/coal"]!.count * 50)
        // Power dominates CO2 and SO2 comes from coal, as in a real inventory.
        let sectors = inventory.breakdown(by: .sector(depth: 1))
        let co2 = sectors.totals[.co2]!
        #expect(co2[sectors.keys.firstIndex(of: "power")!] > 0.3 * co2.reduce(0, +))
    }
}
