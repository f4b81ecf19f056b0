import Diagnostics
import EmisTestSupport
import FileFormats
import Foundation
import Testing

@testable import EmissionInventory

/// The parsed-table cache: used only when nothing it depends on changed, and a damaged
/// cache file is never believed.
@Suite struct InventoryCacheTests {
    /// An inventory of `count` synthetic sources and a cache folder, both temporary.
    struct Setup {
        let inventory = try! TemporaryFolder()
        let cacheRoot = try! TemporaryFolder()
        var cache: InventoryCache { InventoryCache(folder: cacheRoot.path + "/emis", minimumBytes: 0) }
        var sourcesPath: String { inventory.path + "/sources.csv" }
        var cacheFile: String { cache.file(for: sourcesPath) }

        init(count: Int = 500) throws {
            try SyntheticInventory(sourceCount: count, seed: 3).write(to: inventory.url)
        }

        func load(cache: InventoryCache? = nil) -> InventoryLoadResult {
            InventoryLoader(threads: 1, cache: cache ?? self.cache).load(inventory.path)
        }

        func fresh() -> SourceTable? { InventoryLoader(threads: 1).load(inventory.path).inventory?.sources }
    }

    /// Every column equal (reported by name, not by dumping the arrays).
    func expectSameTable(
        _ a: SourceTable?, _ b: SourceTable?, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let a, let b else {
            Issue.record("a table is missing", sourceLocation: sourceLocation)
            return
        }
        func category(_ x: CategoryColumn, _ y: CategoryColumn) -> Bool { x.codes == y.codes && x.values == y.values }
        let columns: [(String, Bool)] = [
            ("count", a.count == b.count),
            ("ids", a.ids.bytes == b.ids.bytes && a.ids.offsets == b.ids.offsets),
            ("names", a.names.bytes == b.names.bytes && a.names.offsets == b.names.offsets),
            ("sectors", category(a.sectors, b.sectors)),
            ("counties", category(a.counties, b.counties)),
            ("activity units", category(a.activityUnits, b.activityUnits)),
            ("activity", a.activity == b.activity),
            ("lines", a.lines == b.lines),
            ("energy", a.energyPerActivity == b.energyPerActivity),
            ("fossil", a.isFossil == b.isFossil),
            ("pollutants", a.pollutantColumns == b.pollutantColumns),
            // Lookups go through the rebuilt category index.
            ("sector index", a.sectors.index.code(of: "power/coal") == b.sectors.index.code(of: "power/coal")),
        ]
        for (name, same) in columns where !same {
            Issue.record("the column \(name) differs", sourceLocation: sourceLocation)
        }
    }

    @Test func theSecondLoadReadsTheCacheAndGivesTheSameTable() throws {
        let setup = try Setup()
        let first = setup.load()
        #expect(first.cacheUse == .written)
        #expect(FileManager.default.fileExists(atPath: setup.cacheFile))
        let second = setup.load()
        #expect(second.cacheUse == .read)
        #expect(second.diagnostics.isEmpty)
        expectSameTable(second.inventory?.sources, setup.fresh())
        #expect(second.inventory?.baseYearTotals() == first.inventory?.baseYearTotals())
        #expect(second.inventory?.sourcesPath == first.inventory?.sourcesPath)
    }

    /// A change of one digit, with the file's size and modification time kept, is still seen.
    @Test func anyChangeToTheSourcesFileIsAMiss() throws {
        let setup = try Setup()
        _ = setup.load()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: setup.sourcesPath)))
        var status = stat()
        stat(setup.sourcesPath, &status)
        // The last digit of the file (of the last row's last number).
        let digit = try #require(bytes.lastIndex { (UInt8(ascii: "1")...UInt8(ascii: "8")).contains($0) })
        bytes[digit] += 1
        try Data(bytes).write(to: URL(fileURLWithPath: setup.sourcesPath))
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, setup.sourcesPath, &times, 0) == 0)
        stat(setup.sourcesPath, &status)
        let changed = setup.load()
        #expect(changed.cacheUse == .written)
        expectSameTable(changed.inventory?.sources, setup.fresh())
        #expect(setup.load().cacheUse == .read)
    }

    @Test func aChangeToTheManifestIsAMiss() throws {
        let setup = try Setup()
        _ = setup.load()
        let manifest = setup.inventory.path + "/inventory.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try (text + "# edited\n").write(toFile: manifest, atomically: false, encoding: .utf8)
        #expect(setup.load().cacheUse == .written)
        // The emission unit changes the numbers the table holds.
        try text.replacingOccurrences(of: "emission_unit: t", with: "emission_unit: kt")
            .write(toFile: manifest, atomically: false, encoding: .utf8)
        let kt = setup.load()
        #expect(kt.cacheUse == .written)
        expectSameTable(kt.inventory?.sources, setup.fresh())
    }

    @Test(arguments: [0, 7, 64, 1000, -1])
    func aTruncatedCacheFileIsAMiss(keep: Int) throws {
        let setup = try Setup()
        _ = setup.load()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: setup.cacheFile)[.size] as? Int)
        #expect(truncate(setup.cacheFile, off_t(keep < 0 ? size - 1 : keep)) == 0)
        let reread = setup.load()
        #expect(reread.cacheUse == .written)
        #expect(reread.diagnostics.isEmpty)
        expectSameTable(reread.inventory?.sources, setup.fresh())
        #expect(setup.load().cacheUse == .read)
    }

    /// One byte changed anywhere (the header, a length, a number, the padding, the last byte)
    /// is caught by the header's checks or the payload hash.
    @Test(arguments: [0, 9, 17, 33, 41, 57, 64, 70, 5000, 20000, -1])
    func aCorruptedCacheFileIsAMiss(position: Int) throws {
        let setup = try Setup()
        _ = setup.load()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: setup.cacheFile)))
        let at = position < 0 ? bytes.count - 1 : position
        try #require(at < bytes.count)
        bytes[at] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: setup.cacheFile))
        let reread = setup.load()
        #expect(reread.cacheUse == .written)
        expectSameTable(reread.inventory?.sources, setup.fresh())
    }

    @Test func aTableWithFindingsIsNotCached() throws {
        let setup = try Setup()
        let csv = try String(contentsOfFile: setup.sourcesPath, encoding: .utf8)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        let withNote = ([lines[0] + ",note"] + lines.dropFirst().map { $0.isEmpty ? $0 : $0 + ",x" })
            .joined(separator: "\n")
        try withNote.write(toFile: setup.sourcesPath, atomically: false, encoding: .utf8)
        let result = setup.load()
        #expect(result.diagnostics.warningCount == 1)  // the unknown column
        #expect(result.cacheUse == .none)
        #expect(!FileManager.default.fileExists(atPath: setup.cacheFile))
    }

    /// Findings of inventory.yaml are the manifest's, read every time: they do not keep the
    /// table from the cache, and a cached load reports them as a fresh one does.
    @Test func aManifestWarningIsReportedAndTheTableStillCached() throws {
        let setup = try Setup()
        let manifest = setup.inventory.path + "/inventory.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        // Chinese quotes used as YAML quotes: a warning.
        let quoted = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("title: ") ? "title: “合成清单”" : String($0) }.joined(separator: "\n")
        try #require(quoted != text)
        try quoted.write(toFile: manifest, atomically: false, encoding: .utf8)
        let first = setup.load()
        let second = setup.load()
        #expect(first.cacheUse == .written && second.cacheUse == .read)
        #expect(first.diagnostics.warningCount == 1 && first.diagnostics.errorCount == 0)
        #expect(second.diagnostics.items.map(\.message) == first.diagnostics.items.map(\.message))
    }

    @Test func smallTablesAndNoCacheReadTheCSV() throws {
        let setup = try Setup()
        var cache = setup.cache
        cache.minimumBytes = 8 << 20
        #expect(setup.load(cache: cache).cacheUse == .none)
        #expect(InventoryLoader(threads: 1, cache: nil).load(setup.inventory.path).cacheUse == .none)
        #expect(!FileManager.default.fileExists(atPath: setup.cache.folder))
    }

    /// Whatever holds the cache file's name and is not a regular file is left as it is: a
    /// folder, a symbolic link (its target is neither read nor written).
    @Test func onlyRegularCacheFilesAreReadOrReplaced() throws {
        let setup = try Setup()
        _ = setup.load()
        let cacheFile = setup.cacheFile
        let saved = cacheFile + ".saved"
        #expect(rename(cacheFile, saved) == 0)
        #expect(symlink(saved, cacheFile) == 0)
        let viaLink = setup.load()
        #expect(viaLink.cacheUse == .none)
        expectSameTable(viaLink.inventory?.sources, setup.fresh())
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: cacheFile)
        #expect(link == saved)
        unlink(cacheFile)
        try FileManager.default.createDirectory(atPath: cacheFile, withIntermediateDirectories: false)
        #expect(setup.load().cacheUse == .none)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: cacheFile, isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    /// A run killed while writing leaves its temporary file; the next write removes it, and
    /// leaves those of live runs and anything not named like one.
    @Test func temporariesOfDeadRunsAreRemoved() throws {
        let setup = try Setup()
        _ = setup.load()
        let folder = setup.cache.folder
        let dead = folder + "/.sources-tmp-2147483646-1"  // no such process
        let live = folder + "/.sources-tmp-\(getpid())-2"
        let other = folder + "/notes.txt"
        for path in [dead, live, other] {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        }
        // The next write (the table changed) tidies up.
        try Data((try String(contentsOfFile: setup.sourcesPath, encoding: .utf8) + "\n").utf8)
            .write(to: URL(fileURLWithPath: setup.sourcesPath))
        #expect(setup.load().cacheUse == .written)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live) && FileManager.default.fileExists(atPath: other))
    }

    @Test func anUnusableCacheFolderOnlyTurnsTheCacheOff() throws {
        let setup = try Setup()
        try setup.cacheRoot.write("emis", "not a folder")
        let result = setup.load()
        #expect(result.cacheUse == .none)
        #expect(result.diagnostics.isEmpty)
        expectSameTable(result.inventory?.sources, setup.fresh())
        #expect(try String(contentsOfFile: setup.cache.folder, encoding: .utf8) == "not a folder")
    }

    @Test func theDefaultFolderFollowsXDG() {
        #expect(InventoryCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/emis")
        #expect(InventoryCache.defaultFolder(environment: ["HOME": "/h"]) == "/h/.cache/emis")
        let relative = InventoryCache.defaultFolder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])
        #expect(relative == "/h/.cache/emis")
        #expect(InventoryCache.defaultFolder(environment: [:]) == nil)
    }
}

@Suite struct ContentHashTests {
    let bytes: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }

    @Test(arguments: [1, 3, 31, 32, 33, 100, 999])
    func piecesOfAnySizeGiveTheHashOfTheWhole(piece: Int) {
        var hash = ContentHash()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + piece)
            bytes[start..<end].withUnsafeBytes { hash.update($0) }
            start = end
        }
        #expect(hash.value == bytes.withUnsafeBytes { ContentHash.of($0) })
    }

    @Test func everySingleBitFlipAndEveryLengthChangesTheHash() {
        var seen = Set<UInt64>()
        let sample = Array(bytes.prefix(100))
        seen.insert(sample.withUnsafeBytes { ContentHash.of($0) })
        for i in sample.indices {
            for bit in 0..<8 {
                var flipped = sample
                flipped[i] ^= 1 << bit
                seen.insert(flipped.withUnsafeBytes { ContentHash.of($0) })
            }
        }
        #expect(seen.count == 1 + 100 * 8)
        // A zero byte more is another content.
        let lengths = (0..<40).map { n in [UInt8](repeating: 0, count: n).withUnsafeBytes { ContentHash.of($0) } }
        #expect(Set(lengths).count == 40)
    }
}
