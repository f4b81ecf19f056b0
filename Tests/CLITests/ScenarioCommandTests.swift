import EmisTestSupport
import Foundation
import Testing

/// The scenario commands end to end, on the bundled Datong scenarios and on small files.
@Suite struct ScenarioCommandTests {
    /// A workspace with the worked-example inventory and a scenario file `s.yaml`.
    func workspace(_ scenario: String) throws -> (TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let path = try folder.write("s.yaml", scenario)
        return (folder, path)
    }

    static let worked = """
        scenario: worked
        inventory: inv
        years: [2020, 2022]
        drivers:
          - {select: {sector: power}, rate: 0.1}
        measures:
          - {id: ule, kind: retrofit, select: {ids: [p1]}, efficiency: {SO2: 0.9}, start: 2021, full: 2022}
          - {id: heat, kind: substitute, select: {sector: residential/heating/coal}, to: e1, share: 0.5, ratio: 2, start: 2021}
        targets:
          - {id: so2, pollutant: SO2, year: 2022, reduction: 0.5}
          - {id: co2, pollutant: CO2, year: 2022, cap: 100000}

        """

    @Test func projectJSONFollowsTheModel() throws {
        let (folder, path) = try workspace(Self.worked)
        let run = try Emis.run(["project", path, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "scenario", "base_year", "years", "pollutants", "baseline_totals", "totals",
                "measures", "targets", "warnings",
            ])
        #expect(object["scenario"] as? String == "worked")
        #expect(object["years"] as? [Int] == [2020, 2021, 2022])
        let totals = try #require(object["totals"] as? [String: [Double]])
        #expect(abs(totals["SO2"]![1] - 40.5) < 1e-9)
        #expect(abs(totals["SO2"]![2] - 19.6) < 1e-9)
        let measures = try #require(object["measures"] as? [[String: Any]])
        #expect(measures.map { $0["id"] as? String } == ["ule", "heat"])
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.map { $0["met"] as? Bool } == [true, false])
        withExtendedLifetime(folder) {}
    }

    @Test func checkExitsThreeWhenATargetIsMissedAndZeroWhenAllAreMet() throws {
        let (folder, path) = try workspace(Self.worked)
        let missed = try Emis.run(["check", path, "--lang", "en"])
        #expect(missed.status == 3)
        #expect(missed.stdout.contains("✓ worked  so2"))
        #expect(missed.stdout.contains("✗ worked  co2"))
        let (folder2, metPath) = try workspace(Self.worked.replacingOccurrences(of: "cap: 100000", with: "cap: 200000"))
        let met = try Emis.run(["check", metPath])
        #expect(met.status == 0, "\(met.stdout)")
        withExtendedLifetime(folder) {}
        withExtendedLifetime(folder2) {}
    }

    @Test func invalidScenarioExitsOneWithEveryProblemAtItsLine() throws {
        let broken = Self.worked
            .replacingOccurrences(of: "efficiency: {SO2: 0.9}", with: "efficiencey: {SO2: 0.9}")
            .replacingOccurrences(of: "share: 0.5", with: "share: 1.5")
            .replacingOccurrences(
                of: "{select: {sector: power}, rate: 0.1}", with: "{select: {sector: powr}, rate: 0.1}")
        let (folder, path) = try workspace(broken)
        for command in ["check", "project", "validate", "compare"] {
            let run = try Emis.run([command, path, "--lang", "en"])
            #expect(run.status == 1, "\(command)")
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains("s.yaml:7:52: error: unknown key 'efficiencey'"), "\(run.stderr)")
            #expect(run.stderr.contains("(did you mean 'efficiency'?)"))
            #expect(run.stderr.contains("s.yaml:8:93: error: share must be in (0, 1], got 1.5"), "\(run.stderr)")
        }
        withExtendedLifetime(folder) {}
    }

    @Test func aSelectorThatMatchesNothingIsReportedWithItsLine() throws {
        let (folder, path) = try workspace(
            Self.worked.replacingOccurrences(of: "{sector: power}", with: "{sector: powr}"))
        let run = try Emis.run(["validate", path, "--lang", "en"])
        #expect(run.status == 1)
        // The caret is under the value, with what was probably meant.
        #expect(
            run.stderr.contains(
                "s.yaml:5:23: error: no source has the sector 'powr' (in the selector of a driver) (did you mean 'power'?)"
            ),
            "\(run.stderr)")
        #expect(run.stderr.contains(" 5 |   - {select: {sector: powr}, rate: 0.1}"))
        withExtendedLifetime(folder) {}
    }

    @Test func yearsOutsideTheScenarioAreRefused() throws {
        let (folder, path) = try workspace(Self.worked)
        let run = try Emis.run(["project", path, "--years", "2019-2021", "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("outside the scenario's years 2020-2022"))
        let usage = try Emis.run(["project", path, "--years", "soon"])
        #expect(usage.status == 64)
        withExtendedLifetime(folder) {}
    }

    @Test func datongScenariosValidateAndCompare() throws {
        for name in ["baseline", "plan", "enhanced"] {
            let run = try Emis.run(["validate", "Scenarios/\(name).yaml"])
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let compare = try Emis.run([
            "compare", "Scenarios/baseline.yaml", "Scenarios/plan.yaml",
            "Scenarios/enhanced.yaml", "--year", "2025",
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.contains("vocs-2025-plan"))
        let csv = try Emis.run(["project", "Scenarios/plan.yaml", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("scenario,series,key,pollutant,unit,2020,"))
        let iamc = try Emis.run(["project", "Scenarios/plan.yaml", "--format", "iamc", "--by", "sector:1"])
        #expect(iamc.stdout.hasPrefix("model,scenario,region,variable,unit,2020,"))
        #expect(iamc.stdout.contains("emis,plan,大同市,Emissions|NOx,t NOx/yr,"))
    }

    @Test func projectionIsTheSameOnAnyThreadCount() throws {
        let one = try Emis.run(["project", "Scenarios/enhanced.yaml", "--format", "json", "--threads", "1"])
        let two = try Emis.run(["project", "Scenarios/enhanced.yaml", "--format", "json", "--threads", "2"])
        let three = try Emis.run(["project", "Scenarios/enhanced.yaml", "--format", "json", "--threads", "3"])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout == three.stdout)
    }
}
