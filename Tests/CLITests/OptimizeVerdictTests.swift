import EmisTestSupport
import Foundation
import Testing

/// `optimize` says what it achieved, levels carry no interior-point residue, `--strict`
/// fails on the projection's warnings, and levels files are read as strictly as YAML.
@Suite struct OptimizeVerdictTests {
    static let scenario = "Scenarios/optimize-2025.yaml"

    @Test func budgetModeSaysHowManyTargetsAreMet() throws {
        for (language, line) in [("en", "maximised under the budget: "), ("zh", "预算内最大化削减量：2025 年 11 个目标中 ")] {
            let run = try Emis.run([
                "optimize", Self.scenario, "--maximize", "VOCs", "--budget", "1 亿元", "--lang", language,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains(line), "\(run.stdout)")
            #expect(!run.stdout.contains("every 2025 target met") && !run.stdout.contains("达到 2025 年全部目标"))
        }
    }

    /// Levels within 10⁻⁶ of a bound are set to it, unless a target needs the residue: then
    /// setting it to the bound must make that target missed (`check` exits 3).
    @Test func levelsCarryNoInteriorPointResidue() throws {
        let folder = try TemporaryFolder()
        for extra in [[], ["--maximize", "VOCs", "--budget", "1 亿元"]] {
            let run = try Emis.run(["optimize", Self.scenario, "--format", "json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let levels = try #require(json["levels"] as? [String: Double])
            let residues = levels.filter { $0.value != 0 && $0.value != 1 && ($0.value < 1e-6 || $0.value > 1 - 1e-6) }
            if !extra.isEmpty { #expect(residues.isEmpty, "\(residues)") }
            #expect(residues.count <= 2, "\(residues)")
            for (id, level) in residues {
                var snapped = levels
                snapped[id] = level < 0.5 ? 0 : 1
                let data = try JSONSerialization.data(withJSONObject: ["levels": snapped])
                let file = try folder.write("snapped-\(id).json", data)
                let check = try Emis.run(["check", Self.scenario, "--levels", file])
                #expect(check.status == 3, "\(id) at \(level) is not needed: \(check.stdout)")
            }
        }
    }

    @Test func strictFailsOnTheProjectionsWarnings() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        _ = try folder.write(
            "s.yaml",
            """
            inventory: inv
            years: [2020, 2022]
            measures:
              - {id: big, kind: reduction, select: {ids: [p1]}, amount: {NOx: 1000}}
            """)
        let plain = try Emis.run(["check", "s.yaml", "--lang", "en"], in: folder.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        let strict = try Emis.run(["check", "s.yaml", "--lang", "en", "--strict"], in: folder.url)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("s.yaml:4:5: error: measure 'big' cuts NOx by 1000 t"), "\(strict.stderr)")
    }

    @Test(arguments: [
        ("{\"heat-boiler-to-chp\": 0.5, \"heat-boiler-to-chp\": 0.7}", "levels.json:1:2: error: duplicate key"),
        (
            "{\"heat-boiler-to-chp\": 0.5,\n \"pwr-pv-10gw\": }",
            "levels.json:2:17: error: 'pwr-pv-10gw' must be a number"
        ),
        (
            "{\"levels\": {\n  \"heat-boiler-to-chp\": 1.5}}",
            "levels.json:2:3: error: the level of 'heat-boiler-to-chp' must be in [0, 1]"
        ),
        ("{\"levels\": {\"no-such\": 1}}", "levels.json:1:13: error: 'no-such' is not a measure of scenario"),
        ("{\"scenario\": \"plan\", \"levels\": {}}", "error: the levels are for scenario 'plan'"),
        ("[1, 2]", "levels.json:1:1: error: the levels file must be a JSON object"),
    ])
    func malformedLevelsFilesAreErrorsAtTheirPosition(text: String, message: String) throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("levels.json", text)
        let run = try Emis.run(
            [
                "project", Fixtures.repositoryRoot.appendingPathComponent(Self.scenario).path, "--levels",
                "levels.json",
                "--lang", "en",
            ],
            in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
