import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import ScenarioEngine
import Scenarios
import Testing

@testable import Reports

/// What the report holds, its files and formats, and the cases that must give a sensible
/// report rather than a crash.
@Suite struct ReportTests {
    static let all = ["baseline.yaml", "plan.yaml", "enhanced.yaml"]

    @Test func everyFileIsThere() throws {
        let report = try ReportFixture().report(Self.all)
        let paths = report.files.map(\.path)
        #expect(paths == paths.sorted())
        for path in [
            "index.html", "report.md", ".emis-report", "data/iamc.csv", "data/summary-targets.csv",
            "data/trajectories.csv", "data/co2-peak.csv", "data/co-benefits.csv", "data/carbon-peak-actions.csv",
            "data/input-files.csv", "charts/co2-trajectories.svg", "charts/trajectory-SO2.svg",
            "charts/reductions-plan-CO2.svg", "charts/co2-sectors-plan.svg", "charts/co2-intensity.svg",
        ] {
            #expect(paths.contains(path), "missing \(path)")
        }
        // Every table has its CSV and every chart its SVG, and the Markdown links them.
        let markdown = report.text("report.md")
        for table in report.document.tables {
            #expect(paths.contains("data/\(table.file).csv"))
            #expect(markdown.contains("(data/\(table.file).csv)"))
        }
        for figure in report.document.figures {
            #expect(paths.contains("charts/\(figure.file).svg"))
            #expect(markdown.contains("](charts/\(figure.file).svg)"))
        }
    }

    @Test func theSameRequestGivesTheSameBytes() throws {
        let fixture = try ReportFixture()
        let first = try fixture.report(Self.all)
        let second = try fixture.report(Self.all)
        #expect(first.files.map(\.path) == second.files.map(\.path))
        for (a, b) in zip(first.files, second.files) {
            #expect(a.data == b.data, "\(a.path) differs between two runs")
        }
    }

    @Test func htmlIsOneSelfContainedPageWithEveryChartInline() throws {
        let report = try ReportFixture().report(Self.all)
        let html = report.text("index.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        // The only URL is the SVG namespace.
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg") }, "\(urls)")
        #expect(html.components(separatedBy: "<svg").count - 1 == report.document.figures.count)
        #expect(!html.contains("<?xml"))
        #expect(html.contains("@page { size: A4"))
        for anchor in ["summary", "trajectories", "reductions", "costs", "carbon-peak", "provenance"] {
            #expect(html.contains("<section id=\"\(anchor)\">"))
        }
        // Met and missed are coloured and marked.
        #expect(html.contains("<td class=\"num good\">✓"))
        #expect(html.contains("<td class=\"num bad\">✗"))
    }

    @Test func csvFilesAreExcelReady() throws {
        let report = try ReportFixture().report(Self.all)
        for (path, data) in report.files where path.hasSuffix(".csv") {
            #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(path) has no BOM")
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.hasSuffix("\r\n"), "\(path)")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(path) has a bare LF")
        }
        let iamc = report.text("data/iamc.csv")
        #expect(iamc.hasPrefix("\u{FEFF}model,scenario,region,variable,unit,2020,"))
        #expect(iamc.contains("emis,enhanced,示例县,Emissions|CO2|power,t CO2/yr,"))
    }

    @Test func summaryVerdictSaysWhoMeetsWhatAndWhenCO2Peaks() throws {
        let report = try ReportFixture().report(Self.all)
        guard case let .verdict(verdict) = report.document.sections[0].blocks[0] else {
            Issue.record("the summary does not start with the verdict")
            return
        }
        #expect(verdict.contains("只有规划情景和强化情景全部达标"))
        #expect(verdict.contains("基准情景到2030年尚未达峰"))
        #expect(verdict.contains("规划情景2020年（基准年）为最高值，2025年降至"))
        #expect(verdict.contains("要在2030年前稳定达峰，规划情景还需要"))
        #expect(verdict.contains("（要求-18.0%）"))
    }

    @Test func provenanceListsEveryInputWithItsSHA256() throws {
        let fixture = try ReportFixture()
        let report = try fixture.report(Self.all)
        let csv = report.text("data/input-files.csv")
        for file in ["baseline.yaml", "plan.yaml", "enhanced.yaml", "inv/inventory.yaml", "inv/sources.csv"] {
            let data = try Data(contentsOf: fixture.folder.url.appendingPathComponent(file))
            #expect(csv.contains("\(file),"), "\(file) is not listed")
            #expect(csv.contains(FileDigest.sha256(of: data)), "\(file) has the wrong digest")
        }
        // A known digest: SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        #expect(
            FileDigest.sha256(of: Data("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let markdown = report.text("report.md")
        #expect(markdown.contains("测试数据：为报告测试手工编写的小型清单"))
        #expect(markdown.contains("emis 版本：test"))
    }

    @Test func englishReport() throws {
        let report = try ReportFixture().report(Self.all, language: .en)
        let html = report.text("index.html")
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("1 Summary"))
        #expect(html.contains("has not peaked by 2030"))
        #expect(report.text("report.md").contains("## 5 Carbon peak (碳达峰)"))
    }

    // MARK: - Edge cases: a sensible report, not a crash

    @Test func aSingleScenario() throws {
        let report = try ReportFixture().report(["plan.yaml"])
        let markdown = report.text("report.md")
        #expect(markdown.contains("规划情景全部达标") || markdown.contains("所比较的1个情景均达到其全部2025年目标"))
        #expect(has(report, "charts/co2-trajectories.svg"))
    }

    @Test func aScenarioWithoutTargets() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write(
            "free.yaml",
            """
            scenario: free
            title: 无目标情景
            inventory: inv
            years: [2020, 2030]
            measures:
              - {id: fgd, kind: retrofit, select: {ids: [pp1]}, efficiency: {SO2: 0.97}, start: 2021}
            """)
        let alone = try fixture.report(["free.yaml"])
        #expect(alone.text("report.md").contains("所比较的情景都没有设定目标"))
        #expect(!alone.has("data/summary-targets.csv"))
        let together = try fixture.report(["plan.yaml", "free.yaml"])
        let csv = together.text("data/summary-targets.csv")
        #expect(csv.contains("so2-2025,"))
        #expect(csv.contains(",,,\r\n") || csv.contains(",,,"), "the scenario without the target has empty cells")
        #expect(together.text("index.html").contains("<td class=\"num muted\">–</td>"))
    }

    /// No policy number comes from the code: a scenario whose targets state no CO2-intensity
    /// target gets no requirement, no verdict and no target line for it.
    @Test func aScenarioWithoutACO2IntensityTargetIsNotJudgedOnOne() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write(
            "no-intensity.yaml",
            """
            scenario: no-intensity
            extends: baseline.yaml
            targets:
              - {id: so2-2025, pollutant: SO2, year: 2025, reduction: 0.30}
            """)
        // The child replaces targets by id and keeps the others: write the baseline without it.
        let baseline = ReportFixture.baseline.split(separator: "\n").filter { !$0.contains("co2-intensity") }
            .joined(separator: "\n")
        try fixture.folder.write("baseline.yaml", baseline)
        let report = try fixture.report(["no-intensity.yaml"])
        let csv = report.text("data/co2-intensity.csv")
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 2, "\(csv)")
        // scenario, base, target_year, required_reduction, change_at_target_year, met, change_last
        let cells = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(cells[2] == "" && cells[3] == "" && cells[5] == "", "\(rows[1])")
        let markdown = report.text("report.md")
        #expect(!markdown.contains("18%") && !markdown.contains("18.0%"), "a −18 % target appeared")
        #expect(!report.text("charts/co2-intensity.svg").contains("要求"))
    }

    @Test func aScenarioThatDoesNotReachTheComparisonYear() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write(
            "short.yaml",
            """
            scenario: short
            title: 短期情景
            inventory: inv
            years: [2020, 2023]
            drivers:
              - {macro: gdp, rate: 0.06}
            """)
        let report = try fixture.report(["plan.yaml", "short.yaml"])
        #expect(report.document.facts.contains { $0.contains("对比年份：2025") })
        #expect(report.text("report.md").contains("| 短期情景 | 吨/年 | 900 | – | – |"))
        // A year that no scenario reaches is refused with a message.
        #expect(throws: ReportFailure.yearOutsideScenarios(2040, available: 2020...2030)) {
            _ = try fixture.report(["plan.yaml", "short.yaml"], year: 2040)
        }
        // A year only one reaches is fine.
        let late = try fixture.report(["plan.yaml", "short.yaml"], year: 2028)
        #expect(late.text("report.md").contains("2028"))
    }

    @Test func pollutantsWithZeroEmissionsAreLeftOut() throws {
        // NH3 has a column of zeros: no chart, no row, no crash.
        let report = try ReportFixture().report(Self.all)
        #expect(!has(report, "charts/trajectory-NH3.svg"))
        #expect(!report.text("data/trajectories.csv").contains("\r\nNH3,"))
        // An inventory where every pollutant is zero.
        let folder = try TemporaryFolder()
        try folder.writeInventory("inv", sources: "id,sector,activity,SO2,CO2\na,power,1,0,0\n")
        try folder.write("zero.yaml", "scenario: zero\ninventory: inv\nyears: [2020, 2025]\n")
        let zero = try Report.make(
            ReportRequest(
                scenarios: try inputs(folder, ["zero.yaml"]), date: "2024-01-01",
                emisVersion: "test"))
        let markdown = zero.text("report.md")
        #expect(markdown.contains("所有污染物在各年的排放量均为零"))
        #expect(markdown.contains("清单和情景中没有二氧化碳排放"))
    }

    @Test func aScenarioWhoseCO2NeverPeaks() throws {
        let report = try ReportFixture().report(["baseline.yaml"])
        let peak = report.text("data/co2-peak.csv")
        #expect(peak.contains("baseline,not_peaked,2030,"))
        #expect(report.text("report.md").contains("到2030年尚未达峰（2030年较上年+2.8%）"))
    }

    @Test func aScenarioWithCandidatesIsReportedAtItsLeastCostLevels() throws {
        let fixture = try ReportFixture()
        try fixture.folder.write(
            "choice.yaml",
            """
            scenario: choice
            title: 最低成本组合
            extends: baseline.yaml
            measures:
              - {id: fgd, title: 电厂脱硫提效, kind: retrofit, select: {ids: [pp1]}, efficiency: {SO2: 0.97}, start: 2021,
                 candidate: true, cost: {capital: "2 亿元", om: "1000 万元", lifetime: 15}}
              - {id: boiler-fgd, title: 锅炉脱硫, kind: retrofit, select: {ids: [boiler]}, efficiency: {SO2: 0.9}, start: 2021,
                 candidate: true, cost: {capital: "1 亿元", om: "500 万元", lifetime: 15}}
              - {id: pv, title: 光伏替代煤电, kind: substitute, select: {sector: power/coal}, to: pv, share: 0.3, start: 2021,
                 full: 2025, candidate: true, cost: {capital: "20 亿元", om: "2000 万元", lifetime: 25}}
              - {id: paint, title: 涂装VOCs治理, kind: retrofit, select: {ids: [paint]}, additional: {VOCs: 0.3}, start: 2022,
                 candidate: true, cost: {capital: "500 万元", om: "50 万元", lifetime: 10}}
              - {id: sewage, title: 污水处理厂扩建, kind: reduction, select: {sector: wastewater}, amount: {COD: 600},
                 start: 2022, full: 2024, candidate: true, cost: {capital: "1 亿元", om: "0 元", lifetime: 20}}
              - {id: heat, title: 农村清洁取暖煤改电, kind: substitute, select: {sector: residential/heating}, to: heatpump,
                 share: 0.6, ratio: 2.5, start: 2021, full: 2023, candidate: true,
                 cost: {capital: "3 亿元", om: "0 元", lifetime: 15}}
              - {id: nox, title: 电厂脱硝, kind: retrofit, select: {ids: [pp1]}, efficiency: {NOx: 0.8}, start: 2021,
                 candidate: true, cost: {capital: "1 亿元", om: "300 万元", lifetime: 15}}
            """)
        let report = try fixture.report(["choice.yaml"])
        let markdown = report.text("report.md")
        #expect(markdown.contains("最低成本措施组合"))
        #expect(has(report, "data/optimization-choice.csv"))
        #expect(has(report, "data/shadow-prices-choice.csv"))
        #expect(has(report, "charts/macc-choice-SO2.svg"))
        // The projection used the chosen levels: every target met.
        #expect(report.text("data/summary-targets.csv").contains(",true\r\n"))
        #expect(!report.text("data/summary-targets.csv").contains(",false\r\n"))
    }

    @Test func peakAnalysis() {
        let years = Array(2020...2025)
        let rising = PeakAnalysis(years: years, values: [1, 2, 3, 4, 5, 6])!
        #expect(rising.status == .notPeaked)
        #expect(rising.peakYear == 2025)
        #expect(abs(rising.endRate - 0.2) < 1e-12)
        let peaked = PeakAnalysis(years: years, values: [1, 3, 4, 3, 2, 2])!
        #expect(peaked.status == .peaked)
        #expect(peaked.peakYear == 2022)
        #expect(peaked.peakValue == 4)
        let rebound = PeakAnalysis(years: years, values: [5, 4, 3, 2, 3, 4])!
        #expect(rebound.status == .rebounding)
        #expect((rebound.peakYear, rebound.lowYear, rebound.lowValue) == (2020, 2023, 2))
        #expect(PeakAnalysis(years: years, values: [2, 2, 2, 2, 2, 2])!.status == .flat)
        #expect(PeakAnalysis(years: years, values: [0, 0, 0, 0, 0, 0])!.status == .noEmissions)
        #expect(PeakAnalysis(years: [2020], values: [3])!.status == .flat)
        #expect(PeakAnalysis(years: [], values: []) == nil)
        // Ties: the earliest highest year.
        #expect(PeakAnalysis(years: years, values: [1, 4, 4, 3, 2, 1])!.peakYear == 2021)
    }

    @Test func carbonPeakActionsAreRecognised() {
        #expect(Vocabulary.action(of: "能源绿色低碳转型行动") == 0)
        #expect(Vocabulary.action(of: "工业领域碳达峰") == 2)
        #expect(Vocabulary.action(of: "Green and low-carbon transport") == 4)
        #expect(Vocabulary.action(of: "污染治理") == nil)
    }

    @Test func pathsAreShownRelativeAndNormalised() {
        #expect(FileDigest.normalized("Scenarios/../Inventories/x/./inventory.yaml") == "Inventories/x/inventory.yaml")
        #expect(FileDigest.normalized("/a/b/../../c") == "/c")
        #expect(FileDigest.normalized("../a") == "../a")
    }

    /// Whether the report has the file (a Bool, so that a failure does not print the report).
    private func has(_ report: Report, _ path: String) -> Bool { report.files.contains { $0.path == path } }

    private func inputs(_ folder: TemporaryFolder, _ names: [String]) throws -> [ReportRequest.Input] {
        try names.map { name in
            let file = folder.url.appendingPathComponent(name).path
            let loaded = ScenarioLoader().load(file)
            let scenario = try #require(loaded.scenario)
            let inventory = try #require(InventoryLoader().load(scenario.inventoryPath).inventory)
            var diagnostics = DiagnosticList()
            let engine = try #require(
                ProjectionEngine(scenario: scenario, inventory: inventory, diagnostics: &diagnostics))
            return ReportRequest.Input(path: file, engine: engine)
        }
    }
}
