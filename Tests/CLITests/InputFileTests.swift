import EmisTestSupport
import Foundation
import Testing

/// Inputs that are not UTF-8 text files: each gets a message that says what it is and how
/// to fix it, at the first bad byte where there is one, and nothing waits on a FIFO.
@Suite struct InputFileTests {
    static let manifest = "name: e\nbase_year: 2020\nsources: sources.csv\n"

    /// `text` in UTF-16 little-endian with a byte-order mark (ASCII only).
    static func utf16(_ text: String) -> Data {
        Data([0xFF, 0xFE] + text.utf8.flatMap { [$0, 0] })
    }

    @Test func aUTF16SourcesTableIsRefusedWithTheCommandThatConvertsIt() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("inv/inventory.yaml", Self.manifest)
        _ = try folder.write("inv/sources.csv", Self.utf16("id,sector,activity\na,x,1\n"))
        let run = try Emis.run(["validate", "inv", "--lang", "en"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("inv/sources.csv:1:1: error: the file is UTF-16"))
        #expect(run.stderr.contains("iconv -f UTF-16 -t UTF-8 sources.csv > utf8-sources.csv"))
    }

    @Test func aGBKScenarioNamesItsFirstBadByte() throws {
        let folder = try TemporaryFolder()
        try folder.writeInventory(sources: Fixtures.workedExampleSources)
        // "规划" in GBK on line 2, after "title: ".
        _ = try folder.write(
            "s.yaml",
            Data("inventory: inv\ntitle: ".utf8) + Data([0xB9, 0xE6, 0xBB, 0xAE]) + Data("\nyears: [2020, 2022]\n".utf8)
        )
        for (language, text) in [
            ("en", "s.yaml:2:8: error: the file is not UTF-8 (it looks like GBK/GB18030"),
            ("zh", "s.yaml:2:8: 错误: 该文件不是 UTF-8 编码（看起来是 GBK/GB18030"),
        ] {
            let run = try Emis.run(["validate", "s.yaml", "--lang", language], in: folder.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains(text), "\(run.stderr)")
            #expect(run.stderr.contains("iconv -f GB18030 -t UTF-8 s.yaml > utf8-s.yaml"))
        }
    }

    @Test func aUTF16InventoryFileIsRefused() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("inv/inventory.yaml", Self.utf16(Self.manifest))
        _ = try folder.write("inv/sources.csv", Fixtures.workedExampleSources)
        let run = try Emis.run(["validate", "inv", "--lang", "en"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("inv/inventory.yaml:1:1: error: the file is UTF-16"), "\(run.stderr)")
    }

    @Test func aSymbolicLinkLoopIsNotCalledMissing() throws {
        let folder = try TemporaryFolder()
        let loop = folder.url.appendingPathComponent("loop.yaml").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.yaml")
        let run = try Emis.run(["validate", "loop.yaml", "--lang", "en"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("loop.yaml: error: a loop of symbolic links"), "\(run.stderr)")
    }

    /// Reading a FIFO would wait for a writer forever: it is refused without being opened.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("inv"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.url.appendingPathComponent("inv/inventory.yaml").path, 0o600) == 0)
        #expect(mkfifo(folder.url.appendingPathComponent("s.yaml").path, 0o600) == 0)
        for (path, message) in [
            ("inv", "inv/inventory.yaml: error: is a FIFO (named pipe), not a regular file"),
            ("s.yaml", "s.yaml: error: is a FIFO (named pipe), not a regular file"),
        ] {
            let run = try Emis.run(["validate", path, "--lang", "en"], in: folder.url)
            #expect(run.status == 1)
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
