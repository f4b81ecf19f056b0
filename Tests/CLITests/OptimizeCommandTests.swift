import EmisTestSupport
import Foundation
import Testing

/// `emis optimize` and `emis macc` end to end on the Datong candidates, and the levels
/// round trip into `emis project --levels`.
@Suite struct OptimizeCommandTests {
    @Test func datongLeastCostPortfolioMeetsEveryTargetAndFeedsProject() throws {
        let run = try Emis.run(["optimize", "Scenarios/optimize-2025.yaml", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "optimal")
        let cost = try #require(object["annual_cost"] as? Double)
        #expect(cost > 0)
        let levels = try #require(object["levels"] as? [String: Double])
        #expect(levels.values.allSatisfy { $0 >= 0 && $0 <= 1 })
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.allSatisfy { $0["met"] as? Bool == true })
        #expect(targets.contains { ($0["shadow_price"] as? Double ?? 0) > 0 })

        // The levels, given back to project and check, reproduce a scenario that meets them.
        let folder = try TemporaryFolder()
        let file = try folder.write("levels.json", run.stdout)
        let check = try Emis.run(["project", "Scenarios/optimize-2025.yaml", "--levels", file, "--format", "json"])
        #expect(check.status == 0, "\(check.stderr)")
        let projected = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let projectedTargets = try #require(projected["targets"] as? [[String: Any]])
        #expect(projectedTargets.filter { $0["year"] as? Int == 2025 }.allSatisfy { $0["met"] as? Bool == true })
    }

    @Test func infeasibleBudgetAndBadLevelsAreReported() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.json", #"{"levels": {"ule-nonpower-5firms": 1.5, "no-such": 1}}"#)
        let run = try Emis.run(["project", "Scenarios/optimize-2025.yaml", "--levels", bad, "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("the level of 'ule-nonpower-5firms' must be in [0, 1], got 1.5"))
        #expect(run.stderr.contains("'no-such' is not a measure of scenario 'optimize-2025'"))
        let noCandidates = try Emis.run(["optimize", "Scenarios/plan.yaml", "--lang", "en"])
        #expect(noCandidates.status == 1)
        #expect(noCandidates.stderr.contains("no candidate measures"))
    }

    @Test func maximizeWithinABudgetAndTheCostCurve() throws {
        let run = try Emis.run([
            "optimize", "Scenarios/optimize-2025.yaml", "--maximize", "VOCs", "--budget", "1 亿元",
            "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["annual_cost"] as? Double ?? .infinity) <= 1e8 * (1 + 1e-6))
        let curve = try Emis.run(["macc", "Scenarios/optimize-2025.yaml", "--pollutant", "VOCs", "--format", "csv"])
        #expect(curve.status == 0, "\(curve.stderr)")
        let rows = curve.stdout.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let costs = rows.compactMap { Double($0[$0.count - 2]) }
        #expect(!costs.isEmpty)
        #expect(costs == costs.sorted())
    }
}
