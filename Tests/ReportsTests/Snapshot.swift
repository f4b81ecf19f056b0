import Foundation
import Testing

/// Compares an output with a stored file in `Tests/ReportsTests/Snapshots`.
///
/// Snapshots are re-recorded deliberately: run the tests with `EMIS_RECORD_SNAPSHOTS=1`,
/// look at the change (`git diff Tests/ReportsTests/Snapshots`), and run them again without
/// it. A recording run always fails, so it can never pass silently in CI.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["EMIS_RECORD_SNAPSHOTS"] == "1" }

    static func check(_ actual: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name)
        if recording {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try actual.write(to: url)
                Issue.record(
                    "recorded snapshot \(name); run the tests again without EMIS_RECORD_SNAPSHOTS",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("no snapshot \(name); record it with EMIS_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        // Say where they differ, and keep the new output for a diff.
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("emis-snapshot-\(name)")
        try? actual.write(to: saved)
        let old = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let new = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        let line = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        let before = line < old.count ? old[line] : "(end of file)"
        let after = line < new.count ? new[line] : "(end of file)"
        Issue.record(
            """
            \(name) differs from its snapshot at line \(line + 1):
              stored: \(before.prefix(300))
              now:    \(after.prefix(300))
            The new output is in \(saved.path); if the change is intended, re-record with EMIS_RECORD_SNAPSHOTS=1.
            """, sourceLocation: sourceLocation)
    }
}
