import Foundation
import Testing

@testable import Reports

/// The report of the fixture county, against stored files: `report.md` (all the text and
/// every table), one chart and one CSV.
@Suite struct ReportSnapshotTests {
    @Test func reportMarkdownChartAndCSVMatchTheirSnapshots() throws {
        let fixture = try ReportFixture()
        let report = try fixture.report(["baseline.yaml", "plan.yaml", "enhanced.yaml"])
        let files = Dictionary(uniqueKeysWithValues: report.files.map { ($0.path, $0.data) })
        Snapshot.check(try #require(files["report.md"]), named: "report.md")
        Snapshot.check(try #require(files["charts/co2-trajectories.svg"]), named: "co2-trajectories.svg")
        Snapshot.check(try #require(files["data/summary-targets.csv"]), named: "summary-targets.csv")
    }
}
