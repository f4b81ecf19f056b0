import Analysis
import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import ScenarioEngine
import Testing

@testable import Reports

/// `emis report --draws`: the uncertainty section, the P(met) line of the target table, and
/// what is refused.
@Suite struct UncertaintyReportTests {
    /// The fixture's plan with factors: the power plant's SO2 factor (which decides the SO2
    /// target), the paint shop's VOCs and the PV substitute's delivery; baseline has none.
    static let uncertain = """
        scenario: plan-uncertain
        title: 规划情景（含不确定性）
        extends: plan.yaml
        uncertainty:
          - {id: ef-so2, title: 电厂SO2排放因子, of: ef, select: {ids: [pp1]}, pollutants: [SO2], range: [-0.2, 0.3]}
          - {id: ef-vocs, title: 涂装VOCs排放因子, of: ef, select: {ids: [paint]}, pollutants: [VOCs], range: [-0.5, 1.0]}
          - {id: pv-level, title: 光伏落实程度, of: level, measure: pv, range: [-0.4, 0], distribution: uniform}

        """

    func inputs(_ fixture: ReportFixture, _ names: [String]) throws -> [ReportRequest.Input] {
        let set = ScenarioSet.load(names.map(fixture.path), loader: InventoryLoader())
        #expect(!set.diagnostics.hasErrors, "\(DiagnosticRenderer(language: .en).render(set.diagnostics))")
        return set.scenarios.map { ReportRequest.Input(path: $0.path, engine: $0.engine, factors: $0.factors) }
    }

    func request(_ fixture: ReportFixture, _ names: [String], draws: Int?, language: Language = .zh) throws
        -> ReportRequest
    {
        ReportRequest(
            scenarios: try inputs(fixture, names), language: language, date: "2024-06-30", emisVersion: "test",
            workingFolder: fixture.folder.path, uncertainty: draws.map { ReportRequest.Uncertainty(draws: $0, seed: 3) }
        )
    }

    @Test func theSectionShowsWhatTheDrawsGive() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write("plan-uncertain.yaml", Self.uncertain)
        let names = ["baseline.yaml", "plan-uncertain.yaml"]
        let report = try Report.make(try request(fixture, names, draws: 400))
        let md = report.text("report.md")
        #expect(md.contains("不确定性与达标概率"))
        // The baseline has no factors and is said to be left out.
        #expect(md.contains("没有不确定性因子，未作抽样"))
        for file in [
            "charts/uncertainty-SO2.svg", "charts/uncertainty-peak-co2.svg", "charts/uncertainty-tornado.svg",
            "data/uncertainty-targets.csv", "data/uncertainty-factors.csv", "data/uncertainty-peak-co2.csv",
        ] {
            #expect(report.has(file), "missing \(file)")
        }

        // The probabilities in the tables are those of emis uncertainty for the same seed.
        let set = ScenarioSet.load([fixture.path("plan-uncertain.yaml")], loader: InventoryLoader())
        let prepared = try #require(set.scenarios.first)
        let deterministic = prepared.engine.project()
        let direct = try UncertaintyAnalysis.run(
            engine: prepared.engine, model: try #require(prepared.factors), levels: [:], deterministic: deterministic,
            draws: 400, seed: 3, threads: 1)
        let csv = report.text("data/uncertainty-targets.csv")
        let lines = csv.split(separator: "\r\n").map(String.init)
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",").map(String.init)
        let pColumn = try #require(header.firstIndex(of: "plan-uncertain p_met"))
        for outcome in direct.targets {
            let row = try #require(lines.first { $0.hasPrefix(outcome.deterministic.id + ",") })
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(Double(cells[pColumn]) == outcome.probabilityMet, "\(outcome.deterministic.id)")
        }
        // Factors whose draws move a target: some P(met) lies strictly between 0 and 1.
        #expect(direct.targets.contains { $0.probabilityMet > 0 && $0.probabilityMet < 1 })

        // The summary table gains P(met) for the drawn scenario only.
        let summary = report.text("data/summary-targets.csv")
        #expect(summary.contains("plan-uncertain p_met"))
        #expect(!summary.contains("baseline p_met"))
        #expect(report.text("index.html").contains("达标概率 "))

        // The factor table lists every factor once.
        let factors = report.text("data/uncertainty-factors.csv")
        for id in ["ef-so2", "ef-vocs", "pv-level"] {
            #expect(factors.components(separatedBy: "\r\n\(id),").count == 2, "\(id)")
        }
    }

    @Test func withoutDrawsTheReportIsUnchanged() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write("plan-uncertain.yaml", Self.uncertain)
        let names = ["baseline.yaml", "plan-uncertain.yaml"]
        let plain = try Report.make(try request(fixture, names, draws: nil))
        #expect(!plain.text("report.md").contains("不确定性与达标概率"))
        #expect(!plain.has("data/uncertainty-targets.csv"))
        #expect(!plain.text("data/summary-targets.csv").contains("p_met"))
    }

    @Test func theEnglishReportSpeaksEnglish() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write("plan-uncertain.yaml", Self.uncertain)
        let report = try Report.make(try request(fixture, ["plan-uncertain.yaml"], draws: 100, language: .en))
        let md = report.text("report.md")
        #expect(md.contains("Uncertainty: how likely the targets are met"))
        #expect(md.contains("P(met)"))
        #expect(!md.contains("达标概率"))
    }

    @Test func drawsAreRefusedWithoutFactorsOrOutOfRange() throws {
        let fixture = try ReportFixture()
        #expect(throws: ReportFailure.noUncertainFactors) {
            try Report.make(try request(fixture, ["baseline.yaml", "plan.yaml"], draws: 10))
        }
        try fixture.folder.write("plan-uncertain.yaml", Self.uncertain)
        #expect(throws: ReportFailure.drawsOutOfRange(0)) {
            try Report.make(try request(fixture, ["plan-uncertain.yaml"], draws: 0))
        }
    }
}
