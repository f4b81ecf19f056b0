import Analysis
import EmisTestSupport
import EmissionInventory
import Foundation
import Testing

/// End-to-end: the `emis` binary on real files, its output and its exit status.
@Suite struct ValidateCommandTests {
    @Test func bundledDatongInventoryIsValid() throws {
        let run = try Emis.run(["validate", "Inventories/datong-2020"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("清单有效：Inventories/datong-2020（基准年 2020，"))
        #expect(run.stderr.isEmpty)
    }

    @Test func invalidInventoryExitsWithOneAndShowsEveryProblemCompilerStyle() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(
            sources: "id,sector,activity,SO2.ef,SO2.eff\np1,power,10,5,1.2\np1,power,-1,,\n")
        let run = try Emis.run(["validate", path, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(
            run.stderr.contains(
                "\(path)/sources.csv:2:15: error: SO2.eff must be in [0, 1), got 1.2\n 2 | p1,power,10,5,1.2\n   |               ^"
            ))
        #expect(run.stderr.contains("\(path)/sources.csv:3:1: error: duplicate id 'p1' (first used on line 2)"))
        #expect(run.stderr.contains("\(path)/sources.csv:3:10: error: activity must not be negative, got -1"))
        #expect(run.stderr.hasSuffix("3 errors, 0 warnings\n"))
    }

    @Test func messagesAreChineseByDefault() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: "id,sector,NOx\na,x,abc\n")
        let run = try Emis.run(["validate", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("sources.csv:2:5: 错误: NOx 应为数值，实际为 'abc'"))
        #expect(run.stderr.hasSuffix("1 个错误，0 个警告\n"))
    }

    @Test func missingPathIsAnInputErrorNotACrash() throws {
        let run = try Emis.run(["validate", "no/such/inventory", "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("no/such/inventory: error: no such file or folder"))
    }

    @Test func warningsPassUnlessStrict() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: "id,sector,NOx,remark\na,x,1,ok\n")
        let lenient = try Emis.run(["validate", path, "--lang", "en"])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("warning: unknown column 'remark' is ignored"))
        let strict = try Emis.run(["validate", path, "--strict", "--lang", "en"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: unknown column 'remark' is ignored"))
    }

    @Test func usageErrorsExitWith64() throws {
        let run = try Emis.run(["inventory", "Inventories/datong-2020", "--by", "province"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--by must be sector, sector:N"))
    }
}

@Suite struct InventoryCommandTests {
    @Test func jsonHasBaseYearAndNonZeroTotals() throws {
        let run = try Emis.run(["inventory", "Inventories/datong-2020", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["base_year"] as? Int == 2020)
        let totals = try #require(object["totals"] as? [String: Double])
        for id in ["SO2", "NOx", "VOCs", "PM", "COD", "NH3-N", "CO2"] {
            #expect((totals[id] ?? 0) > 0, "\(id)")
        }
    }

    @Test func jsonBreakdownAddsUpToTheTotals() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let run = try Emis.run(["inventory", path, "--format", "json", "--by", "sector:1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["by"] as? String == "sector:1")
        let rows = try #require(object["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == ["power", "residential"])
        let so2 = rows.compactMap { ($0["totals"] as? [String: Double])?["SO2"] }
        #expect(so2 == [50, 15])
        #expect((object["totals"] as? [String: Double])?["SO2"] == 65)
    }

    @Test func csvHasOneRowPerGroupWithUnits() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let run = try Emis.run(["inventory", path, "--format", "csv", "--by", "sector"])
        #expect(
            run.stdout == """
                sector,SO2 (t),NOx (t),CO2 (t)
                power/coal,50,80,90000
                residential/heating/coal,15,0,1980
                residential/heating/electric,0,0,0

                """)
    }

    @Test func tableShowsChineseNamesAndUnitsOrEnglishOnRequest() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let zh = try Emis.run(["inventory", path])
        #expect(zh.stdout.contains("单位：吨/年 (t/a)"))
        #expect(zh.stdout.contains("二氧化硫  SO2"))
        #expect(zh.stdout.contains("91,980"))
        let en = try Emis.run(["inventory", path, "--lang", "en", "--by", "county"])
        #expect(en.stdout.contains("Unit: tonnes per year (t/a)"))
        #expect(en.stdout.contains("(unspecified)"))
        #expect(en.stdout.contains("Total"))
    }

    @Test func badInventoryGivesExitOneForEveryFormat() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: "id,sector\n")
        for format in ["table", "csv", "json"] {
            let run = try Emis.run(["inventory", path, "--format", format])
            #expect(run.status == 1)
            #expect(run.stdout.isEmpty)
        }
    }
}

@Suite struct SynthCommandTests {
    @Test func writesAValidInventoryAndRefusesToOverwrite() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("synth").path
        let first = try Emis.run(["synth", "--sources", "1000", "--seed", "5", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let valid = try Emis.run(["validate", out, "--strict", "--lang", "en"])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.contains("1000 sources, 8 pollutants"))
        // Both benchmark scenarios are valid and project; the whole-sector one selects more.
        for scenario in ["scenario.yaml", "scenario-sectors.yaml"] {
            let checked = try Emis.run(["validate", out + "/" + scenario, "--strict", "--lang", "en"])
            #expect(checked.status == 0, "\(scenario): \(checked.stderr)")
        }
        let sectors = try String(contentsOfFile: out + "/scenario-sectors.yaml", encoding: .utf8)
        #expect(sectors.contains("select: {sector: industry}") && !sectors.contains("industry/cement"))
        // Its own earlier output is replaced; nothing else is left next to it.
        let again = try Emis.run(["synth", "--sources", "10", "--out", out])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: out + "/sources.csv", encoding: .utf8).split(separator: "\n").count == 11)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["synth"])  // no temporary folders left behind
    }
}

/// Scenarios naming one inventory by different paths share one load of it.
@Suite struct SharedInventoryTests {
    @Test func oneInventoryUnderTwoPathsIsLoadedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        try folder.write("a.yaml", "scenario: a\ninventory: inv\nyears: [2020, 2022]\n")
        try folder.write("sub/b.yaml", "scenario: b\ninventory: ../inv/\nyears: [2020, 2022]\n")
        try folder.write("c.yaml", "scenario: c\ninventory: \(folder.path)/inv\nyears: [2020, 2022]\n")
        let set = ScenarioSet.load(
            ["a.yaml", "sub/b.yaml", "c.yaml"].map { folder.path + "/" + $0 }, loader: InventoryLoader())
        #expect(set.diagnostics.errorCount == 0, "\(set.diagnostics.items.map(\.message.en))")
        let paths = set.scenarios.map(\.inventory.manifestPath)
        #expect(paths.count == 3 && Set(paths).count == 1, "\(paths)")
    }
}

/// The projection made while reading serves a command only when it is the one asked for.
@Suite struct ReusedProjectionTests {
    @Test(arguments: [nil, Grouping.sector(depth: 1)] as [Grouping?])
    func theReusedProjectionIsTheProjectionAskedFor(loadedWith: Grouping?) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let plan = root.appendingPathComponent("Scenarios/plan.yaml").path
        let set = ScenarioSet.load([plan], loader: InventoryLoader(), grouping: loadedWith)
        let prepared = try #require(set.scenarios.first)
        for asked in [nil, Grouping.sector(depth: 1), .county] as [Grouping?] {
            let analysed = try #require(ScenarioAnalysis(grouping: asked).run([prepared]).first)
            let fresh = prepared.engine.project(levels: analysed.levels, grouping: asked)
            #expect(analysed.result.breakdown?.keys == fresh.breakdown?.keys, "\(String(describing: asked))")
            #expect(analysed.result.breakdown?.totals == fresh.breakdown?.totals)
            #expect(analysed.result.totals == fresh.totals)
            #expect(analysed.result.measures.map(\.reduction) == fresh.measures.map(\.reduction))
        }
    }
}
