import Diagnostics
import EmisTestSupport
import EmissionInventory
import FileFormats
import Foundation
import Scenarios
import Testing

@testable import ScenarioEngine

/// The worked example of Docs/reference/measures.md, with three targets:
/// SO2 −50% by 2022 (met: 19.6 t against 65 t), NOx ≤ 90 t in 2022 (missed: 96.8 t) and a
/// CO2 cap of 100 000 t in 2022 (missed: 110 890 t).
func workedExample() throws -> ProjectionEngine {
    try engine(
        try inventory(Fixtures.workedExampleSources),
        drivers: [Driver(subject: .sources(select(sector: "power")), growth: .rate(0.1))],
        measures: [
            Measure(
                id: "ule", title: "电厂超低排放改造", kind: .retrofit(efficiency: [.so2: 0.9], additional: [:], coverage: 1),
                select: select(ids: ["p1"]), start: 2021, full: 2022),
            Measure(
                id: "heat", title: "燃煤取暖电代煤",
                kind: .substitute(to: .existing(id: "e1"), quantity: .share(0.5), ratio: 2),
                select: select(sector: "residential/heating/coal"), start: 2021, full: 2021),
        ],
        targets: [
            Target(id: "so2-2022", title: "二氧化硫减排", metric: .pollutant(.so2), year: 2022, kind: .reduction(0.5)),
            Target(id: "nox-cap", metric: .pollutant(.nox), year: 2022, kind: .cap(90)),
            Target(id: "co2-cap", metric: .pollutant(.co2), year: 2022, kind: .cap(100_000)),
        ])
}

/// `MeasureKindTests.sources` (with energy) and an energy-intensity target.
func energyExample(grouping: Grouping? = nil) throws -> ProjectionResult {
    try engine(
        try inventory(MeasureKindTests.sources),
        drivers: [Driver(subject: .macro("gdp"), growth: .rate(0.25))],
        measures: [
            Measure(
                id: "sub", kind: .substitute(to: .existing(id: "pv"), quantity: .amount(200), ratio: 3),
                select: select(sector: "industry"), start: 2021, full: 2021)
        ],
        targets: [Target(id: "energy", metric: .energy, year: 2021, kind: .intensity(per: "gdp", reduction: 0.2))]
    ).project(grouping: grouping)
}

/// The serialised JSON read back with Foundation: the text is valid JSON.
private func parsed(_ value: JSONValue) throws -> [String: Any] {
    let data = Data(value.serialized().utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

private func numbers(_ any: Any?) -> [Double] { (any as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [] }

private func allClose(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
}

/// CSV text as rows of fields (the tests' tables have no quoted fields).
private func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

@Suite struct ProjectionJSONTests {
    @Test func workedExampleHasExactlyTheKeysAndValuesOfModelSection8() throws {
        let result = try workedExample().project()
        let json = try parsed(ProjectionExport.json(result))
        #expect(
            Set(json.keys) == [
                "scenario", "base_year", "years", "pollutants", "baseline_totals", "totals",
                "measures", "targets", "warnings",
            ])
        #expect(json["scenario"] as? String == "test")
        #expect(numbers([json["base_year"]!]) == [2020])
        #expect(numbers(json["years"]) == [2020, 2021, 2022])
        #expect(json["pollutants"] as? [String] == ["SO2", "NOx", "CO2"])

        let totals = try #require(json["totals"] as? [String: Any])
        let baseline = try #require(json["baseline_totals"] as? [String: Any])
        #expect(Set(totals.keys) == ["SO2", "NOx", "CO2"])
        #expect(allClose(numbers(totals["SO2"]), [65, 40.5, 19.6]))
        #expect(allClose(numbers(baseline["SO2"]), [65, 70, 75.5]))
        #expect(allClose(numbers(totals["CO2"]), [91_980, 100_990, 110_890]))

        let measures = try #require(json["measures"] as? [[String: Any]])
        #expect(measures.map { $0["id"] as? String } == ["ule", "heat"])
        #expect(measures.allSatisfy { Set($0.keys) == ["id", "reduction"] })
        let ule = try #require(measures[0]["reduction"] as? [String: Any])
        let heat = try #require(measures[1]["reduction"] as? [String: Any])
        #expect(Set(heat.keys) == ["SO2", "NOx", "CO2"])
        #expect(allClose(numbers(ule["SO2"]), [0, 22, 48.4]))
        #expect(allClose(numbers(heat["SO2"]), [0, 7.5, 7.5]))
        #expect(allClose(numbers(heat["CO2"]), [0, -10, -10]))

        let targets = try #require(json["targets"] as? [[String: Any]])
        #expect(targets.map { $0["id"] as? String } == ["so2-2022", "nox-cap", "co2-cap"])
        #expect(
            targets.allSatisfy {
                Set($0.keys) == ["id", "pollutant", "year", "kind", "required", "projected", "margin", "met"]
            })
        let so2 = targets[0]
        #expect(so2["pollutant"] as? String == "SO2")
        #expect(so2["kind"] as? String == "reduction")
        #expect(numbers([so2["year"]!]) == [2022])
        #expect(close(numbers([so2["required"]!]).first, 0.5))
        #expect(close(numbers([so2["projected"]!]).first, 1 - 19.6 / 65))
        #expect(close(numbers([so2["margin"]!]).first, 0.5 - 19.6 / 65))
        #expect(so2["met"] as? Bool == true)
        let nox = targets[1]
        #expect(nox["kind"] as? String == "cap")
        #expect(close(numbers([nox["projected"]!]).first, 96.8))
        #expect(close(numbers([nox["margin"]!]).first, -6.8))
        #expect(nox["met"] as? Bool == false)
        #expect((json["warnings"] as? [Any])?.isEmpty == true)
    }

    @Test func numbersArePlainDecimalsAndBooleansAreLiterals() throws {
        let text = ProjectionExport.json(try workedExample().project()).serialized()
        #expect(text.contains("\"years\": [2020, 2021, 2022]"))
        #expect(text.contains("\"met\": true"))
        #expect(!text.contains("e+") && !text.contains("e-") && !text.contains("null"))
    }

    @Test func yearsFilterEveryArray() throws {
        let result = try workedExample().project(grouping: .sector(depth: 1))
        let json = try parsed(ProjectionExport.json(result, years: 2021...2022))
        #expect(numbers(json["years"]) == [2021, 2022])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(allClose(numbers(totals["SO2"]), [40.5, 19.6]))
        let measures = try #require(json["measures"] as? [[String: Any]])
        #expect(allClose(numbers((measures[1]["reduction"] as? [String: Any])?["CO2"]), [-10, -10]))
        let breakdown = try #require(json["breakdown"] as? [[String: Any]])
        #expect(
            breakdown.allSatisfy { group in
                ((group["totals"] as? [String: [Any]]) ?? [:]).values.allSatisfy { $0.count == 2 }
            })
        // Targets are not series: all are kept, each with its own year.
        #expect((json["targets"] as? [Any])?.count == 3)
    }

    @Test func energyKeysOnlyWhenTheInventoryHasEnergy() throws {
        let without = try parsed(ProjectionExport.json(try workedExample().project()))
        #expect(without["energy_tce"] == nil && without["non_fossil_share"] == nil)

        let result = try energyExample()
        let json = try parsed(ProjectionExport.json(result))
        // Base: a 10 + b 30 + c 300 tce; from 2021, 200 of the cement's 400 units (0.1 tce
        // each) move to pv at ratio 3 (0.3 tce each): 340 − 20 + 180.
        #expect(allClose(numbers(json["energy_tce"]), [340, 500, 500]))
        #expect(allClose(numbers(json["non_fossil_share"]), [0, 180.0 / 500, 180.0 / 500]))
        // An energy target names its metric instead of a pollutant.
        let target = try #require((json["targets"] as? [[String: Any]])?.first)
        #expect(target["metric"] as? String == "energy")
        #expect(target["pollutant"] == nil)
        #expect(target["kind"] as? String == "intensity")
    }

    @Test func breakdownGroupsAddUpToTheTotals() throws {
        let result = try workedExample().project(grouping: .sector(depth: 1))
        let json = try parsed(ProjectionExport.json(result))
        #expect(json["by"] as? String == "sector:1")
        let breakdown = try #require(json["breakdown"] as? [[String: Any]])
        #expect(breakdown.map { $0["key"] as? String } == ["power", "residential"])
        let totals = try #require(json["totals"] as? [String: Any])
        for id in ["SO2", "NOx", "CO2"] {
            let groups = breakdown.map { numbers(($0["totals"] as? [String: Any])?[id]) }
            let sum = (0..<3).map { t in groups.reduce(0) { $0 + $1[t] } }
            #expect(allClose(sum, numbers(totals[id]), 1e-9), "\(id)")
        }
    }

    @Test func warningsAreMessagesInTheAskedLanguage() throws {
        let result = try engine(
            try inventory(MeasureKindTests.sources),
            measures: [
                Measure(
                    id: "big", kind: .reduction(amount: [.so2: 10]), select: select(sector: "industry"), start: 2021,
                    full: 2021)
            ]
        ).project()
        let en = try #require(try parsed(ProjectionExport.json(result))["warnings"] as? [String])
        let zh = try #require(try parsed(ProjectionExport.json(result, language: .zh))["warnings"] as? [String])
        #expect(en.count == 1 && zh.count == 1)
        #expect(en[0] == result.warnings[0].message.en)
        #expect(zh[0] == result.warnings[0].message.zh)
    }

    @Test func textIsDeterministicWhateverTheThreadCount() throws {
        let engine = try workedExample()
        let one = ProjectionExport.json(engine.project(grouping: .sector(depth: nil))).serialized()
        let again = ProjectionExport.json(engine.project(grouping: .sector(depth: nil))).serialized()
        let threaded = ProjectionExport.json(engine.project(grouping: .sector(depth: nil), threads: 3)).serialized()
        #expect(one == again)
        #expect(one == threaded)
    }
}

@Suite struct ProjectionCSVTests {
    @Test func oneRowPerSeriesInAFixedOrder() throws {
        let result = try workedExample().project()
        let table = rows(ProjectionExport.csv(result))
        #expect(table[0] == ["scenario", "series", "key", "pollutant", "unit", "2020", "2021", "2022"])
        // baseline and scenario per pollutant, then each measure per pollutant.
        #expect(
            table.dropFirst().map { "\($0[1]) \($0[2]) \($0[3])" } == [
                "baseline  SO2", "baseline  NOx", "baseline  CO2",
                "scenario  SO2", "scenario  NOx", "scenario  CO2",
                "measure ule SO2", "measure ule NOx", "measure ule CO2",
                "measure heat SO2", "measure heat NOx", "measure heat CO2",
            ])
        #expect(table.dropFirst().allSatisfy { $0[0] == "test" && $0[4] == "t" && $0.count == 8 })
        let heatCO2 = try #require(table.first { $0[1] == "measure" && $0[2] == "heat" && $0[3] == "CO2" })
        #expect(allClose(heatCO2[5...].map { Double($0)! }, [0, -10, -10]))
        #expect(allClose(table[4][5...].map { Double($0)! }, [65, 40.5, 19.6]))
    }

    @Test func breakdownAndEnergyRows() throws {
        let result = try energyExample(grouping: .county)
        let table = rows(ProjectionExport.csv(result, years: 2021...2022))
        #expect(table[0].suffix(2) == ["2021", "2022"])
        let county = table.filter { $0[1] == "county" }
        // Groups 东区, 西区 and the empty county of pv, per pollutant (SO2, NOx, CO2).
        #expect(county.map { $0[2] } == ["", "", "", "东区", "东区", "东区", "西区", "西区", "西区"])
        let energy = try #require(table.first { $0[1] == "energy" })
        #expect(energy[2...4] == ["", "", "tce"])
        #expect(allClose(energy[5...].map { Double($0)! }, [500, 500]))
        let share = try #require(table.first { $0[1] == "non_fossil_share" })
        #expect(share[4] == "1")
        #expect(table.last?[1] == "non_fossil_share")
    }

    @Test func excelCompatibleStartsWithABOMAndUsesCRLF() throws {
        let text = ProjectionExport.csv(try workedExample().project(), excelCompatible: true)
        #expect(text.hasPrefix("\u{FEFF}scenario,series"))
        #expect(text.utf8.count(where: { $0 == 10 }) == 13)
        #expect(text.components(separatedBy: "\r\n").count == 14)
        #expect(
            ProjectionExport.csv(try workedExample().project()) == ProjectionExport.csv(try workedExample().project()))
    }
}

@Suite struct ProjectionIAMCTests {
    @Test func variablesUnitsAndSectorHierarchy() throws {
        let result = try workedExample().project(grouping: .sector(depth: nil))
        let table = rows(ProjectionExport.iamc([result], region: "测试市"))
        #expect(table[0] == ["model", "scenario", "region", "variable", "unit", "2020", "2021", "2022"])
        #expect(table.dropFirst().allSatisfy { $0[0] == "emis" && $0[1] == "test" && $0[2] == "测试市" })
        // e1 emits only CO2, so it appears only under CO2; no energy in this inventory.
        #expect(
            table.dropFirst().map { "\($0[3]) [\($0[4])]" } == [
                "Emissions|SO2 [t SO2/yr]",
                "Emissions|SO2|power [t SO2/yr]",
                "Emissions|SO2|power|coal [t SO2/yr]",
                "Emissions|SO2|residential [t SO2/yr]",
                "Emissions|SO2|residential|heating [t SO2/yr]",
                "Emissions|SO2|residential|heating|coal [t SO2/yr]",
                "Emissions|NOx [t NOx/yr]",
                "Emissions|NOx|power [t NOx/yr]",
                "Emissions|NOx|power|coal [t NOx/yr]",
                "Emissions|CO2 [t CO2/yr]",
                "Emissions|CO2|power [t CO2/yr]",
                "Emissions|CO2|power|coal [t CO2/yr]",
                "Emissions|CO2|residential [t CO2/yr]",
                "Emissions|CO2|residential|heating [t CO2/yr]",
                "Emissions|CO2|residential|heating|coal [t CO2/yr]",
                "Emissions|CO2|residential|heating|electric [t CO2/yr]",
            ])
        // A parent is the sum of its children: pyam's check_aggregate holds.
        func values(_ variable: String) -> [Double] {
            table.first { $0[3] == variable }.map { $0[5...].map { Double($0)! } } ?? []
        }
        let heating = zip(
            values("Emissions|CO2|residential|heating|coal"), values("Emissions|CO2|residential|heating|electric")
        )
        .map { $0 + $1 }
        #expect(allClose(values("Emissions|CO2|residential|heating"), heating))
        let co2 = zip(values("Emissions|CO2|power"), values("Emissions|CO2|residential")).map { $0 + $1 }
        #expect(allClose(values("Emissions|CO2"), co2, 1e-9))
        #expect(allClose(values("Emissions|CO2|residential|heating|electric"), [0, 1000, 1000]))
    }

    @Test func severalScenariosShareTheYearColumnsAndEnergyIsPrimaryEnergy() throws {
        let short = try engine(try inventory(MeasureKindTests.sources), years: 2020...2021).project()
        let long = try energyExample()
        let table = rows(ProjectionExport.iamc([long, short], region: "测试市"))
        #expect(table[0].suffix(3) == ["2020", "2021", "2022"])
        // No breakdown asked: only the totals, then energy.
        #expect(
            table.dropFirst().map { $0[3] } == [
                "Emissions|SO2", "Emissions|NOx", "Emissions|CO2", "Primary Energy", "Primary Energy|Non-Fossil",
                "Emissions|SO2", "Emissions|NOx", "Emissions|CO2", "Primary Energy", "Primary Energy|Non-Fossil",
            ])
        // The shorter projection leaves 2022 empty.
        #expect(table.last?.last == "")
        let primary = try #require(table.first { $0[3] == "Primary Energy" })
        let nonFossil = try #require(table.first { $0[3] == "Primary Energy|Non-Fossil" })
        #expect(primary[4] == "tce/yr" && nonFossil[4] == "tce/yr")
        #expect(allClose(nonFossil[5...].map { Double($0)! }, [0, 180, 180]))
        // The years filter narrows the columns of every scenario alike.
        let filtered = rows(ProjectionExport.iamc([long, short], region: "测试市", years: 2021...2021))
        #expect(filtered[0].suffix(2) == ["unit", "2021"])
        #expect(filtered.allSatisfy { $0.count == 6 })
    }

    @Test func deterministic() throws {
        let engine = try workedExample()
        let a = ProjectionExport.iamc([engine.project(grouping: .sector(depth: nil))], region: "r")
        let b = ProjectionExport.iamc([engine.project(grouping: .sector(depth: nil), threads: 2)], region: "r")
        #expect(a == b)
    }
}
