import EmisTestSupport
import Foundation
import Testing

/// Numbers that would overflow are errors naming their input (file:line:column), in
/// `validate` as in every command, and no command exits on a signal.
@Suite struct ExtremeNumberTests {
    static let manifest = "name: h\nbase_year: 2020\nsources: sources.csv\nmacro:\n  gdp: {value: 100}\n"
    static let sources = "id,sector,activity,SO2.ef,CO2.ef\na,x,10,1000,1\nb,y/z,0,,1\n"

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var sources: String = ExtremeNumberTests.sources
        var scenario: String?
        var location: String
        var message: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "activity 1e308 with ef 1e308", sources: "id,sector,activity,SO2.ef\na,x,1e308,1e308\n",
            location: "inv/sources.csv:2:11", message: "SO2 of this source would be ∞ t/a"),
        Case(
            name: "activity 1e20 with ef 1000", sources: "id,sector,activity,SO2.ef\na,x,1e20,1000\n",
            location: "inv/sources.csv:2:10", message: "SO2 of this source would be 1e+20 t/a"),
        Case(
            name: "energy beyond bounds", sources: "id,sector,activity,energy_tce,SO2.ef\na,x,1e10,1e10,1\n",
            location: "inv/sources.csv:2:10", message: "energy use of this source"),
        Case(
            name: "a driver rate of 1e10 to 2100",
            scenario: "inventory: inv\nyears: [2020, 2100]\ndrivers:\n  - select: {sector: x}\n    rate: 1e10\n",
            location: "s.yaml:4:5", message: "this driver makes activity 10000000001 times"),
        Case(
            name: "an index from 1e-300 to 1e300",
            scenario:
                "inventory: inv\nyears: [2020, 2030]\ndrivers:\n  - select: {sector: x}\n    index: {2020: 1e-300, 2030: 1e300}\n",
            location: "s.yaml:4:5", message: "this driver makes activity ∞ times"),
        Case(
            name: "a GDP driver that explodes",
            scenario: "inventory: inv\nyears: [2020, 2100]\ndrivers:\n  - macro: gdp\n    rate: 1e8\n",
            location: "s.yaml:4:5", message: "this driver makes activity"),
        Case(
            name: "substitute ratio 1e308",
            scenario:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: sub, kind: substitute, select: {sector: x}, to: b, share: 1, ratio: 1e308}\n",
            location: "s.yaml:4:5", message: "measure 'sub' changes"),
        Case(
            name: "scale factor 1e300",
            scenario:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: up, kind: scale, select: {sector: x}, factor: 1e300}\n",
            location: "s.yaml:4:5", message: "measure 'up' changes"),
        Case(
            name: "an added source beyond bounds",
            scenario:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - id: big\n    kind: add\n    source: {id: n, sector: x, activity: 1e200, SO2.ef: 1e200}\n",
            location: "s.yaml:6:57", message: "SO2 of this source would be ∞ t/a"),
        Case(
            name: "a cost nobody can pay",
            scenario:
                "inventory: inv\nyears: [2020, 2030]\nmeasures:\n  - {id: m, kind: retrofit, select: {sector: x}, efficiency: {SO2: 0.9}, cost: {capital: 1e300, lifetime: 10}}\n",
            location: "s.yaml:4:5", message: "the annualised cost of measure 'm'"),
    ]

    @Test(arguments: cases)
    func isAnErrorAtItsInputInEveryCommand(_ test: Case) throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: test.sources, manifest: Self.manifest)
        var commands = [["validate", "inv"], ["inventory", "inv"]]
        if let scenario = test.scenario {
            _ = try folder.write("s.yaml", scenario)
            commands = [["validate", "s.yaml"], ["project", "s.yaml"], ["check", "s.yaml"], ["compare", "s.yaml"]]
        }
        for command in commands {
            let run = try Emis.run(command + ["--lang", "en"], in: folder.url)
            #expect(run.status == 1, "\(test) \(command): \(run.status) \(run.stdout)")
            #expect(
                run.stderr.contains("\(test.location): error: \(test.message)"), "\(test) \(command): \(run.stderr)")
        }
    }

    /// 1 + i rounds to 1 for i = 1e-17: the capital recovery factor must still be 1/n.
    @Test func aTinyDiscountRateGivesOneOverTheLifetime() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Self.sources, manifest: Self.manifest)
        _ = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2030]
            economics: {discount_rate: 1e-17}
            measures:
              - {id: m, kind: retrofit, select: {sector: x}, efficiency: {SO2: 0.9}, candidate: true, cost: {capital: 1000, lifetime: 10}}
            targets:
              - {id: t, pollutant: SO2, year: 2025, reduction: 0.5}
            """)
        let macc = try Emis.run(
            ["macc", "s.yaml", "--pollutant", "SO2", "--lang", "en", "--format", "json"], in: folder.url)
        #expect(macc.status == 0, "\(macc.stderr)")
        // Annual cost 1000 / 10 = 100 元/a for a cut of 9 t: 11.11 元/t.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(macc.stdout.utf8)) as? [String: Any])
        let step = try #require((json["steps"] as? [[String: Any]])?.first)
        let annual = try #require(step["annual_cost"] as? Double)
        #expect(abs(annual - 100) < 1e-9, "\(annual)")
        let optimize = try Emis.run(["optimize", "s.yaml", "--lang", "en"], in: folder.url)
        #expect(optimize.status == 0, "\(optimize.stderr)")
    }
}
