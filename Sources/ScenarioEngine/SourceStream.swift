import Diagnostics
import Dispatch
import EmissionInventory
import Glibc

/// The scenario emissions of every source in every year, computed a year at a time and
/// kept in unlinked temporary files (one per year, `pollutants × sources` doubles), so that
/// a breakdown by millions of sources can be written out in blocks of sources, with all its
/// years side by side, in memory that does not grow with the inventory.
///
/// The files live in `$TMPDIR` (else `/tmp`) and are unlinked as soon as they are opened:
/// nothing is left behind, whatever happens to the process.
final class SourceSpill: @unchecked Sendable {
    let sourceCount: Int
    let pollutantCount: Int
    private let descriptors: [Int32]
    /// The `errno` of a failed write, per year (0: none); each year is written by one thread.
    private let failures: ConcurrentSlots<Int32>

    init(years: Int, pollutants: Int, sources: Int) throws(SourceStreamError) {
        sourceCount = sources
        pollutantCount = pollutants
        failures = ConcurrentSlots(count: years, repeating: 0)
        var opened: [Int32] = []
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        for _ in 0..<years {
            var template = Array((folder + "/emis-sources-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else {
                let code = errno
                for d in opened { close(d) }
                throw SourceStreamError(folder: folder, code: code)
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            opened.append(descriptor)
        }
        descriptors = opened
    }

    deinit { for d in descriptors { close(d) } }

    /// Writes year t: `value(p, s)` for every pollutant index p and source s, in that order.
    func write(year t: Int, _ value: (Int, Int) -> Double) {
        let chunk = 1 << 15
        var buffer = [Double](repeating: 0, count: chunk)
        for p in 0..<pollutantCount {
            var start = 0
            while start < sourceCount, failures[t] == 0 {
                let end = min(sourceCount, start + chunk)
                for s in start..<end { buffer[s - start] = value(p, s) }
                let offset = (p * sourceCount + start) * 8
                buffer.withUnsafeBytes { raw in
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<((end - start) * 8)])
                    if let code = Self.writeAll(descriptors[t], bytes, at: offset) { failures[t] = code }
                }
                start = end
            }
        }
    }

    /// Reads `count` values of pollutant index p from year t, starting at source `first`.
    func read(year t: Int, pollutant p: Int, first: Int, into buffer: UnsafeMutableBufferPointer<Double>)
        throws(SourceStreamError)
    {
        var done = 0
        let total = buffer.count * 8
        let raw = UnsafeMutableRawBufferPointer(buffer)
        while done < total {
            let count = pread(
                descriptors[t], raw.baseAddress! + done, total - done, off_t((p * sourceCount + first) * 8 + done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw SourceStreamError(folder: nil, code: count < 0 ? errno : EIO) }
            done += count
        }
    }

    /// The first write failure, if any.
    func checkWrites() throws(SourceStreamError) {
        for t in 0..<descriptors.count where failures[t] != 0 {
            throw SourceStreamError(folder: nil, code: failures[t])
        }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32? {
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += count
        }
        return nil
    }
}

/// Why the per-source emissions could not be kept (a full disk, an unwritable `$TMPDIR`).
public struct SourceStreamError: Error, Sendable {
    public let message: LocalizedText

    init(folder: String?, code: Int32) {
        let reason = String(cString: strerror(code))
        if let folder {
            message = LocalizedText(
                en: "cannot create a temporary file in \(folder) for the emissions by source: \(reason)",
                zh: "无法在 \(folder) 中创建按排放源输出所需的临时文件：\(reason)")
        } else {
            message = LocalizedText(
                en: "cannot keep the emissions by source in temporary files: \(reason)",
                zh: "无法在临时文件中保存按排放源的排放量：\(reason)")
        }
    }
}

/// A block of consecutive sources with their scenario emissions in every year.
public struct SourceBlock: Sendable {
    /// Source ids, in the projection's order.
    public let ids: [String]
    /// The pollutants of `values`, in order.
    public let pollutants: [Pollutant]
    public let yearCount: Int
    /// `values[(k · yearCount + t) · ids.count + i]`: pollutant k, year index t, source i (t/a).
    let values: [Double]

    /// Emissions of source i, pollutant index k, year index t (t/a).
    public func value(source i: Int, pollutant k: Int, year t: Int) -> Double {
        values[(k * yearCount + t) * ids.count + i]
    }
}

extension ProjectionEngine {
    /// Projects at `levels` (as `project` does) and hands the scenario emissions of every
    /// source — inventory sources, then those the scenario defines, as in a breakdown by
    /// source — to `body`, `blockSize` sources at a time. Memory holds one block for all
    /// years, not the whole breakdown: each year's per-source emissions go to an unlinked
    /// temporary file as the year is computed, and the blocks are read back from there.
    ///
    /// Each value is exactly the one `project(levels:grouping: .source)` gives (tested).
    /// `pollutants` are the pollutants to hand over (those the result shows).
    public func streamSources(
        levels: [String: Double], pollutants: [Pollutant], threads: Int = 1, blockSize: Int = 1 << 14,
        _ body: (SourceBlock) throws -> Void
    ) throws {
        let yearCount = years.count
        let n = universe.count
        let all = universe.pollutants
        let spill = try SourceSpill(years: yearCount, pollutants: all.count, sources: n)
        let workers = max(1, min(threads, yearCount))
        let engine = self
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var worker = ProjectionWorker(engine: engine)
            for t in stride(from: w, to: yearCount, by: workers) {
                _ = worker.year(t, levels: levels, groupOfSource: nil, groupCount: 0, reference: false, spill: spill)
            }
        }
        try spill.checkWrites()
        let indices = pollutants.map { all.firstIndex(of: $0) }
        let size = max(1, blockSize)
        var first = 0
        while first < n {
            let count = min(size, n - first)
            var values = [Double](repeating: 0, count: pollutants.count * yearCount * count)
            try values.withUnsafeMutableBufferPointer { buffer throws(SourceStreamError) in
                for (k, p) in indices.enumerated() {
                    guard let p else { continue }  // a pollutant no source has: zeros
                    for t in 0..<yearCount {
                        let start = (k * yearCount + t) * count
                        try spill.read(
                            year: t, pollutant: p, first: first,
                            into: UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + count)]))
                    }
                }
            }
            try body(
                SourceBlock(
                    ids: (first..<(first + count)).map(universe.id), pollutants: pollutants, yearCount: yearCount,
                    values: values))
            first += count
        }
    }
}
