import EmisTestSupport
import Foundation
import Testing

/// One rule for candidate measures in every command: `project`, `check`, `compare` and
/// `report` of `Scenarios/optimize-2025.yaml` give the same totals and verdicts whether the
/// least-cost levels are found by the command itself or given with `--levels`, and each
/// says which it used.
@Suite struct CandidateRuleTests {
    static let scenario = "Scenarios/optimize-2025.yaml"

    /// `emis optimize --format json` written to a file, as a planner would keep it.
    private func levelsFile(in folder: TemporaryFolder) throws -> String {
        let run = try Emis.run(["optimize", Self.scenario, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        return try folder.write("levels.json", run.stdout)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The lines of a terminal output without the line stating where the levels came from.
    private func withoutStatement(_ text: String, _ statement: String) -> [Substring] {
        text.split(separator: "\n").filter { !$0.contains(statement) }
    }

    @Test func projectGivesTheSameTotalsAndTargetsAndSaysWhich() throws {
        let folder = try TemporaryFolder()
        let levels = try levelsFile(in: folder)
        let own = try Emis.run(["project", Self.scenario, "--format", "json"])
        let given = try Emis.run(["project", Self.scenario, "--levels", levels, "--format", "json"])
        #expect(own.status == 0 && given.status == 0, "\(own.stderr)\(given.stderr)")
        let a = try json(own.stdout)
        let b = try json(given.stdout)
        let ca = try #require(a["candidates"] as? [String: Any])
        let cb = try #require(b["candidates"] as? [String: Any])
        #expect(ca["source"] as? String == "least-cost")
        #expect(cb["source"] as? String == "file")
        #expect((cb["statement"] as? String ?? "").contains(levels))

        let ta = try #require(a["totals"] as? [String: [Double]])
        let tb = try #require(b["totals"] as? [String: [Double]])
        #expect(Set(ta.keys) == Set(tb.keys) && !ta.isEmpty)
        for (pollutant, series) in ta {
            let other = try #require(tb[pollutant])
            #expect(series.count == other.count)
            for (x, y) in zip(series, other) {
                // The JSON round trip of the levels is exact to the last digit but one.
                #expect(abs(x - y) <= 1e-9 * max(1, abs(x)), "\(pollutant): \(x) vs \(y)")
            }
        }
        let va = try #require(a["targets"] as? [[String: Any]]).map { "\($0["id"] ?? "")=\($0["met"] ?? "")" }
        let vb = try #require(b["targets"] as? [[String: Any]]).map { "\($0["id"] ?? "")=\($0["met"] ?? "")" }
        #expect(va == vb && !va.isEmpty)
    }

    @Test func checkAndCompareGiveTheSameVerdictsAndSayWhich() throws {
        let folder = try TemporaryFolder()
        let levels = try levelsFile(in: folder)
        let ownStatement = "备选措施按最低成本组合计入"
        let givenStatement = "备选措施按 \(levels) 给定的力度计入"
        for command in [["check"], ["compare", "Scenarios/plan.yaml"]] {
            let own = try Emis.run(command + [Self.scenario])
            let given = try Emis.run(command + [Self.scenario, "--levels", levels])
            #expect(own.status == given.status, "\(command): \(own.stderr)\(given.stderr)")
            #expect(own.stdout.contains(ownStatement), "\(command): \(own.stdout)")
            #expect(given.stdout.contains(givenStatement), "\(command): \(given.stdout)")
            #expect(
                withoutStatement(own.stdout, ownStatement) == withoutStatement(given.stdout, givenStatement),
                "\(command)")
        }
    }

    @Test func reportGivesTheSameTablesAndListsTheLevelsFile() throws {
        let folder = try TemporaryFolder()
        let levels = try levelsFile(in: folder)
        let own = folder.url.appendingPathComponent("own").path
        let given = folder.url.appendingPathComponent("given").path
        let a = try Emis.run(["report", Self.scenario, "--out", own])
        let b = try Emis.run(["report", Self.scenario, "--levels", levels, "--out", given])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        for table in ["trajectories", "summary-targets", "co2-intensity", "costs-optimize-2025", "sectors-VOCs"] {
            let x = try String(contentsOfFile: "\(own)/data/\(table).csv", encoding: .utf8)
            let y = try String(contentsOfFile: "\(given)/data/\(table).csv", encoding: .utf8)
            #expect(x == y, "\(table).csv differs")
        }
        let markdown = try String(contentsOfFile: "\(given)/report.md", encoding: .utf8)
        #expect(markdown.contains("备选措施按 \(levels) 给定的力度计入"))
        let inputs = try String(contentsOfFile: "\(given)/data/input-files.csv", encoding: .utf8)
        #expect(inputs.contains("levels.json"))
    }

    @Test func duplicateScenarioIdsAreAnErrorNamingBothFiles() throws {
        let folder = try TemporaryFolder()
        // A copy of the plan under another name keeps the id `plan`.
        let plan = try String(
            contentsOfFile: Fixtures.repositoryRoot.appendingPathComponent("Scenarios/plan.yaml").path,
            encoding: .utf8)
        let root = Fixtures.repositoryRoot.appendingPathComponent("Scenarios").path
        // The copy inherits everything else from the repository's baseline.
        let copy = try folder.write(
            "plan-copy.yaml",
            plan.replacingOccurrences(of: "extends: baseline.yaml", with: "extends: \(root)/baseline.yaml"))
        for command in ["compare", "check"] {
            let run = try Emis.run([command, "Scenarios/plan.yaml", copy, "--lang", "en"])
            #expect(run.status == 1, "\(command): \(run.stdout)")
            #expect(
                run.stderr.contains("the scenario id 'plan' is also the id of Scenarios/plan.yaml"),
                "\(command): \(run.stderr)")
            #expect(run.stderr.contains(copy), "\(command): \(run.stderr)")
        }
        let twice = try Emis.run(["compare", "Scenarios/plan.yaml", "Scenarios/plan.yaml", "--lang", "en"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("the scenario 'plan' is given twice"))
    }
}
