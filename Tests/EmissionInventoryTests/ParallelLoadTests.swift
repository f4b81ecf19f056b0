import Diagnostics
import EmisTestSupport
import Foundation
import Testing

@testable import EmissionInventory

/// Large tables are read in pieces on several threads; the result must be the same, bit for
/// bit and finding for finding, whatever the number of threads.
@Suite struct ParallelLoadTests {
    func load(_ path: String, threads: Int) -> InventoryLoadResult {
        var loader = InventoryLoader(threads: threads)
        loader.minimumBytesPerThread = 64  // cut even small test files into many pieces
        // The serial read keeps every page; the parallel ones give back the pages read after
        // every row (and late diagnostics read them again), so each comparison checks that too.
        loader.releaseInterval = threads == 1 ? Int.max : 1
        return loader.load(path)
    }

    func expectSameTable(_ a: SourceTable, _ b: SourceTable) {
        #expect(a.count == b.count)
        #expect(a.ids.bytes == b.ids.bytes && a.ids.offsets == b.ids.offsets)
        #expect(a.names.bytes == b.names.bytes && a.names.offsets == b.names.offsets)
        #expect(a.sectors.codes == b.sectors.codes && a.sectors.values == b.sectors.values)
        #expect(a.counties.codes == b.counties.codes && a.counties.values == b.counties.values)
        #expect(a.activity == b.activity)
        #expect(a.lines == b.lines)
        #expect(a.energyPerActivity == b.energyPerActivity)
        #expect(a.pollutantColumns == b.pollutantColumns)
    }

    @Test(arguments: [2, 3, 7, 16])
    func syntheticInventoryIsTheSameOnAnyThreadCount(threads: Int) throws {
        let folder = try TemporaryFolder()
        try SyntheticInventory(sourceCount: 2_000, seed: 11).write(to: folder.url)
        let serial = try #require(load(folder.path, threads: 1).inventory)
        let parallel = try #require(load(folder.path, threads: threads).inventory)
        expectSameTable(serial.sources, parallel.sources)
        #expect(serial.baseYearTotals() == parallel.baseYearTotals())
    }

    /// Quoted fields with commas, quotes and line breaks must not be cut in the middle.
    @Test func quotedLineBreaksAreNeverCut() throws {
        var rows = "id,name,sector,CO2\r\n"
        for k in 0..<300 {
            let name = k % 3 == 0 ? "\"plant \(k),\nline two \"\"x\"\"\"" : "p\(k)"
            rows += "s\(k),\(name),sector/\(k % 5),\(k)\r\n"
        }
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: rows)
        let serial = try #require(load(path, threads: 1).inventory)
        for threads in [2, 5, 13] {
            let parallel = try #require(load(path, threads: threads).inventory)
            expectSameTable(serial.sources, parallel.sources)
        }
        #expect(serial.sources.names[3] == "plant 3,\nline two \"x\"")
        #expect(serial.sources.lines[4] == 8)  // row 4 starts after row 3's two lines
    }

    @Test func findingsAreTheSameOnAnyThreadCount() throws {
        var rows = "id,sector,activity,SO2.eff,SO2.ef\n"
        for k in 0..<400 {
            let id = k % 97 == 5 ? "s3" : "s\(k)"  // duplicates far apart
            let activity = k % 61 == 7 ? "-1" : "\(k)"  // negative activities
            rows += "\(id),x,\(activity),0.5,1\n"
        }
        let folder = try TemporaryFolder()
        let path = try folder.writeInventory(sources: rows)
        let serial = load(path, threads: 1).diagnostics
        #expect(serial.errorCount == 5 + 7)  // k = 5, 102, 199, 296, 393; k = 7, 68, …, 373
        for threads in [2, 4, 9] {
            let parallel = load(path, threads: threads).diagnostics
            #expect(parallel.items == serial.items)
        }
        let lines = serial.items.compactMap { $0.location?.line }
        #expect(lines == lines.sorted())
        #expect(serial.items.contains { $0.message.en == "duplicate id 's3' (first used on line 5)" })
    }
}
