import EmisTestSupport
import Foundation
import Testing

/// Long lines, names and many columns: messages echo a bounded excerpt, the number of
/// messages is bounded, and the whole of standard error stays small.
@Suite struct LongInputTests {
    static let manifest = "name: long\nbase_year: 2020\nsources: sources.csv\n"

    func validate(_ sources: String) throws -> EmisRun {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: sources, manifest: Self.manifest)
        return try Emis.run(["validate", "inv", "--lang", "en"], in: folder.url)
    }

    @Test func aHugeColumnNameIsEchoedShort() throws {
        let name = String(repeating: "n", count: 5_000_000)
        let run = try validate("id,sector,activity,SO2.ef,\(name)\na,x,1,1,2\n")
        #expect(run.status == 0)
        #expect(run.stderr.utf8.count < 2_000, "\(run.stderr.utf8.count) bytes")
        #expect(run.stderr.contains("unknown column 'nnnnnnnnnn"))
        #expect(run.stderr.contains("…"))
    }

    @Test func aHugeCellWithoutANewlineIsEchoedShort() throws {
        let run = try validate("id,sector,activity,SO2.ef\na,x,1," + String(repeating: "9", count: 5_000_000) + "x")
        #expect(run.status == 1)
        #expect(run.stderr.utf8.count < 2_000, "\(run.stderr.utf8.count) bytes")
        #expect(run.stderr.contains("inv/sources.csv:2:7: error: SO2.ef must be a number"))
        // The caret sits under the cell's first character within the excerpt.
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count >= 3)
        if lines.count >= 3 {
            let source = Array(lines[1])
            let caret = Array(lines[2])
            if let position = caret.firstIndex(of: "^") {
                #expect(source.count > position && source[position] == "9", "\(lines[1].prefix(20))")
            }
        }
    }

    @Test func manyUnknownColumnsAreCountedNotAllShown() throws {
        let count = 20_000
        let header = (0..<count).map { "note\($0)" }.joined(separator: ",")
        let run = try validate(
            "id,sector,activity,SO2.ef,\(header)\na,x,1,1" + String(repeating: ",", count: count) + "\n")
        #expect(run.status == 0)
        #expect(run.stderr.contains("... and \(count - 200) more warnings not shown"))
        #expect(run.stderr.contains("0 errors, \(count) warnings"))
        #expect(run.stderr.utf8.count < 200_000, "\(run.stderr.utf8.count) bytes")
    }

    @Test func strictCountsEveryPromotedWarning() throws {
        let folder = try TemporaryFolder()
        let header = (0..<300).map { "note\($0)" }.joined(separator: ",")
        try folder.writeInventory(
            sources: "id,sector,activity,SO2.ef,\(header)\na,x,1,1" + String(repeating: ",", count: 300) + "\n",
            manifest: Self.manifest)
        let run = try Emis.run(["validate", "inv", "--lang", "en", "--strict"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("300 errors, 0 warnings"), "\(run.stderr.suffix(200))")
    }
}
