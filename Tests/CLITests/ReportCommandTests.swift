import EmisTestSupport
import Foundation
import Testing

/// `emis report` end to end: the files, reproducibility, and the rules for `--out`.
@Suite struct ReportCommandTests {
    static let epoch = ["SOURCE_DATE_EPOCH": "1719705600"]  // 2024-06-30 00:00 UTC
    static let scenarios = ["Scenarios/baseline.yaml", "Scenarios/plan.yaml"]

    /// Every file under `folder`, relative path → contents.
    func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            out[String(url.path.dropFirst(folder.path.count + 1))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func writesTheReportAndSaysWhere() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("report")
        let run = try Emis.run(["report"] + Self.scenarios + ["--out", out.path], environment: Self.epoch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\(out.path)/index.html"))
        // Progress goes to a terminal only; here stderr is a pipe.
        #expect(run.stderr.isEmpty)
        let written = try files(out)
        for name in ["index.html", "report.md", ".emis-report", "data/iamc.csv", "charts/co2-trajectories.svg"] {
            #expect(written[name] != nil, "missing \(name)")
        }
        let html = String(decoding: written["index.html"] ?? Data(), as: UTF8.self)
        #expect(html.contains("生成日期：2024-06-30"))
        #expect(html.contains("大同市"))
        // No temporary folder is left next to the report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report"])
    }

    @Test func twoRunsWithTheSameSourceDateEpochAreIdentical() throws {
        let folder = try TemporaryFolder()
        let a = folder.url.appendingPathComponent("a")
        let b = folder.url.appendingPathComponent("b")
        for out in [a, b] {
            let run = try Emis.run(
                ["report"] + Self.scenarios + ["--out", out.path, "--lang", "en"], environment: Self.epoch)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let first = try files(a)
        let second = try files(b)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, data) in first { #expect(second[name] == data, "\(name) differs") }
        #expect(String(decoding: first["index.html"] ?? Data(), as: UTF8.self).contains("Date: 2024-06-30"))
    }

    @Test func aFolderOfOtherFilesIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let notes = try folder.write("mine/notes.txt", "keep me")
        let out = folder.url.appendingPathComponent("mine").path
        for force in [false, true] {
            let run = try Emis.run(
                ["report", "Scenarios/plan.yaml", "--out", out] + (force ? ["--force"] : []), environment: Self.epoch)
            #expect(run.status == 1)
            #expect(run.stderr.contains("不是 emis 生成的文件"), "\(run.stderr)")
            #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mine"])
    }

    @Test func anEmptyFolderIsFilled() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        let run = try Emis.run(["report", "Scenarios/baseline.yaml", "--out", out.path], environment: Self.epoch)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.path + "/index.html"))
    }

    @Test func anEarlierReportIsReplaced() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("report")
        let first = try Emis.run(["report", "Scenarios/baseline.yaml", "--out", out.path], environment: Self.epoch)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.path + "/charts/co2-trajectories.svg"))
        try Data("stale".utf8).write(to: out.appendingPathComponent("charts/stale.svg"))
        let second = try Emis.run(["report", "Scenarios/plan.yaml", "--out", out.path], environment: Self.epoch)
        #expect(second.status == 0, "\(second.stderr)")
        // The folder is the new report only: nothing of the old one is left.
        #expect(!FileManager.default.fileExists(atPath: out.path + "/charts/stale.svg"))
        let markdown = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("规划情景"))
    }

    @Test func aFolderHoldingAnInputIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let scenario = try folder.write("s.yaml", "scenario: s\ninventory: inv\nyears: [2020, 2022]\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: scenario))
        for out in [folder.path, folder.url.appendingPathComponent("inv").path] {
            let run = try Emis.run(["report", scenario, "--out", out, "--force"], environment: Self.epoch)
            #expect(run.status == 1)
            #expect(!run.stderr.isEmpty)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: scenario)) == before)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("inv/sources.csv").path))
    }

    /// A title that Excel would run as a formula reaches the CSV tables as text.
    @Test func formulasInTitlesAreNeutralisedInTheCSVTables() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        let scenario = try folder.write(
            "s.yaml",
            """
            scenario: s
            inventory: inv
            years: [2020, 2022]
            measures:
              - {id: ule, title: "=HYPERLINK(\\"http://example.com\\")", kind: retrofit, select: {ids: [p1]}, efficiency: {SO2: 0.9}}
            """)
        let out = folder.url.appendingPathComponent("report").path
        let run = try Emis.run(["report", scenario, "--out", out], environment: Self.epoch)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOfFile: out + "/data/measures-s.csv", encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://example.com\"\")\""), "\(csv)")
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
    }

    @Test func aYearOutsideTheScenariosIsRefused() throws {
        let folder = try TemporaryFolder()
        let out = folder.url.appendingPathComponent("report").path
        let run = try Emis.run(
            ["report", "Scenarios/plan.yaml", "--out", out, "--year", "2040"], environment: Self.epoch)
        #expect(run.status == 1)
        #expect(run.stderr.contains("2040"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
