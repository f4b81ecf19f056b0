import EmisTestSupport
import Foundation
import Testing

/// `emis uncertainty` and `emis report --draws` end to end on the Datong scenarios: the
/// formats, the same bytes for any thread count, and the refusals.
@Suite struct UncertaintyCommandTests {
    @Test func theTableSpeaksChineseFirstAndEnglishOnRequest() throws {
        let zh = try Emis.run(["uncertainty", "Scenarios/plan.yaml", "--draws", "40"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("情景 plan：40 次抽样（种子 1）"))
        #expect(zh.stdout.contains("达标概率"))
        #expect(zh.stdout.contains("CO2 峰值年份分布"))
        let en = try Emis.run(["uncertainty", "Scenarios/plan.yaml", "--draws", "40", "--lang", "en"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.contains("Scenario plan: 40 draws (seed 1)"))
        #expect(en.stdout.contains("P(met)"))
        #expect(!en.stdout.contains("达标概率"))
    }

    @Test func jsonIsTheSameForAnyThreadCountAndDiffersWithTheSeed() throws {
        func json(_ extra: [String]) throws -> String {
            let run = try Emis.run(
                ["uncertainty", "Scenarios/plan.yaml", "--draws", "300", "--format", "json"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
        let one = try json(["--threads", "1"])
        #expect(try json(["--threads", "2"]) == one)
        // Nor on OpenBLAS's own threads (the tests otherwise run with one).
        let blas = try Emis.run(
            ["uncertainty", "Scenarios/plan.yaml", "--draws", "300", "--format", "json", "--threads", "1"],
            environment: ["OPENBLAS_NUM_THREADS": "4"])
        #expect(blas.stdout == one)
        #expect(try json(["--threads", "1", "--seed", "2"]) != one)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(one.utf8)) as? [String: Any])
        #expect(object["draws"] as? Int == 300)
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.count == 11)
        for target in targets {
            let p = try #require(target["p_met"] as? Double)
            #expect((0...1).contains(p))
        }
        #expect((object["change_from_base_year"] as? [String: Any])?["NOx"] != nil)
    }

    @Test func csvHasOneRowPerStatistic() throws {
        let run = try Emis.run(["uncertainty", "Scenarios/plan.yaml", "--draws", "20", "--format", "csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(
            lines.first == "scenario,series,key,statistic,unit,2020,2021,2022,2023,2024,2025,2026,2027,2028,2029,2030")
        #expect(lines.contains { $0.hasPrefix("plan,total,NOx,p95,t,") })
        #expect(lines.contains { $0.hasPrefix("plan,target,nox-2025-national,p_met,1,") })
        #expect(lines.contains { $0.hasPrefix("plan,peak_year,CO2,2020,1,") })
    }

    @Test(arguments: [["--draws", "0"], ["--draws", "10000001"], ["--draws", "-3"], ["--seed", "9007199254740992"]])
    func outOfRangeArgumentsAreUsageErrors(arguments: [String]) throws {
        let run = try Emis.run(["uncertainty", "Scenarios/plan.yaml"] + arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let report = try Emis.run(["report", "Scenarios/plan.yaml", "--out", "/nonexistent/x"] + arguments)
        #expect(report.status == 64, "\(arguments): \(report.stderr)")
    }

    @Test func aScenarioWithoutFactorsIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: "id,sector,activity,SO2.ef\ns1,power/coal,1,1000\n")
        let scenario = try folder.write("s.yaml", "inventory: inv\nyears: [2020, 2025]\n")
        let run = try Emis.run(["uncertainty", scenario, "--draws", "10"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("没有不确定性因子"))
        let report = try Emis.run(
            ["report", scenario, "--draws", "10", "--out", folder.url.appendingPathComponent("r").path])
        #expect(report.status == 1)
        #expect(report.stderr.contains("没有不确定性因子"))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("r").path))
    }

    @Test func theReportWithDrawsShowsProbabilities() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("report")
        let run = try Emis.run(
            ["report", "Scenarios/plan.yaml", "--draws", "100", "--out", out.path],
            environment: ["SOURCE_DATE_EPOCH": "1719705600"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("不确定性与达标概率"))
        #expect(html.contains("达标概率 "))
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("charts/uncertainty-tornado.svg").path))
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("data/uncertainty-peak-co2.csv").path))
    }
}
