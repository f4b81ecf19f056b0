import Charts
import Foundation
import Testing

/// Byte-for-byte comparison of one chart with a stored SVG, so any change to the output is
/// seen in review. To re-record after an intended change:
///
///     EMIS_RECORD_SNAPSHOTS=1 swift test --filter ChartsTests.SnapshotTests
///
/// The recording run fails on purpose (a recording must never pass silently); run again
/// without the variable and commit the new file.
@Suite struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__", isDirectory: true)

    @Test func lineChart() throws {
        try assertSnapshot(Samples.line.svg(), named: "line-chart.svg")
    }

    private func assertSnapshot(
        _ actual: String, named name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let file = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["EMIS_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record(
                "Recorded snapshot \(file.path). Run again without EMIS_RECORD_SNAPSHOTS to compare.",
                sourceLocation: sourceLocation)
            return
        }
        guard let expected = FileManager.default.contents(atPath: file.path) else {
            Issue.record(
                "No snapshot at \(file.path); record it with EMIS_RECORD_SNAPSHOTS=1.",
                sourceLocation: sourceLocation)
            return
        }
        if expected == Data(actual.utf8) { return }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("emis-snapshots", isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let actualFile = out.appendingPathComponent(name)
        try Data(actual.utf8).write(to: actualFile)
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        let detail =
            firstDifference.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" }
            ?? "lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
        Issue.record(
            """
            Snapshot \(name) differs; actual output written to \(actualFile.path)
            (compare: diff \(file.path) \(actualFile.path)); first difference at \(detail)
            """, sourceLocation: sourceLocation)
    }
}
