import FileFormats
import Foundation
import Glibc

/// A parsed sources table kept in the user's cache folder, so that a large inventory is
/// read from CSV once and then loaded as its columns.
///
/// - **Where:** `$XDG_CACHE_HOME/emis` (or `~/.cache/emis`), never next to the inputs. One
///   file per sources table, named by a hash of the table's absolute path:
///   `sources-<16 hex digits>.columns`. Only files of that form are ever written, always
///   through a temporary file renamed over the old one; a name held by anything but a
///   regular file is left alone (and the table is not cached).
/// - **When it is used:** its header must match the sources file's size and content hash
///   (`ContentHash` of every byte, computed on every load), the hash of `inventory.yaml`'s
///   bytes (the emission unit changes the numbers) and the reader's format version. The
///   columns then must read back with the payload hash they were written with, every length
///   must agree with the row count, and every offset and code must be in range. Anything
///   else — a truncated, corrupted or stale file — is a miss: the CSV is read again and the
///   cache rewritten.
/// - **What is cached:** only tables that loaded without any finding (so a cached load
///   reports exactly what a fresh one would: nothing), and only above `minimumBytes`.
public struct InventoryCache: Sendable {
    /// The folder holding the cache files.
    public var folder: String
    /// Sources files smaller than this are read from CSV every time (default 8 MB: below it
    /// reading the CSV is about as fast as reading the cache).
    public var minimumBytes: Int

    public init(folder: String, minimumBytes: Int = 8 << 20) {
        self.folder = folder
        self.minimumBytes = minimumBytes
    }

    /// `$XDG_CACHE_HOME/emis`, else `$HOME/.cache/emis`; nil when neither is set to an
    /// absolute path.
    public static func defaultFolder(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/emis" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/emis" }
        return nil
    }

    /// What a load did with the cache.
    public enum Use: Sendable, Equatable {
        /// Not consulted (no cache, a small file, a table with findings).
        case none
        /// The table came from the cache.
        case read
        /// The table was read from CSV and the cache written.
        case written
    }

    /// Version of the cache layout and of what the reader derives; bumped whenever either
    /// changes, so that old files are misses.
    static let formatVersion: UInt64 = 1
    static let magic: UInt64 = 0x314C_4F43_5349_4D45  // "EMISCOL1", little-endian
    static let headerWords = 8

    /// The identity of a sources file's content, and the manifest it is read with.
    struct Key: Equatable {
        var size: UInt64
        var contentHash: UInt64
        var manifestHash: UInt64
    }

    /// The cache file for the sources table at `sourcesPath`.
    func file(for sourcesPath: String) -> String {
        let absolute = Self.absolute(sourcesPath)
        let name = absolute.utf8CString.withUnsafeBytes {
            ContentHash.of(UnsafeRawBufferPointer(rebasing: $0.dropLast()))
        }
        return folder + "/sources-" + String(name, radix: 16).leftPadded(to: 16) + ".columns"
    }

    static func absolute(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The key of the sources file (hashed with plain reads through a small buffer, so that
    /// its pages do not count in the process's memory) read with this manifest text.
    static func key(sourcesPath: String, manifestBytes: Data) -> Key? {
        let descriptor = open(sourcesPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hash = ContentHash()
        var size: UInt64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            hash.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            size += UInt64(count)
        }
        return Key(size: size, contentHash: hash.value, manifestHash: manifestHash(manifestBytes))
    }

    /// The key of sources bytes already in memory.
    static func key(sources: UnsafeRawBufferPointer, manifestBytes: Data) -> Key {
        Key(
            size: UInt64(sources.count), contentHash: ContentHash.of(sources), manifestHash: manifestHash(manifestBytes)
        )
    }

    static func manifestHash(_ bytes: Data) -> UInt64 {
        var hash = ContentHash(seed: formatVersion)
        bytes.withUnsafeBytes { hash.update($0) }
        return hash.value
    }

    // MARK: - Reading

    /// The cached table for `key`, or nil on any mismatch or damage.
    func read(_ sourcesPath: String, key: Key) -> SourceTable? {
        let path = file(for: sourcesPath)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var input = CacheInput(descriptor: descriptor, fileSize: Int(status.st_size))
        return input.table(key: key)
    }

    // MARK: - Writing

    /// Writes `table` for `key`; false when the cache could not be written (a read-only
    /// folder, a full disk, a name held by something else): the load goes on without it.
    @discardableResult
    func write(_ table: SourceTable, sourcesPath: String, key: Key) -> Bool {
        guard Self.makeFolder(folder) else { return false }
        let path = file(for: sourcesPath)
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG { return false }
        Self.removeStaleTemporaries(in: folder)
        let temporary = folder + "/\(Self.temporaryPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return false }
        var output = CacheOutput(descriptor: descriptor)
        output.table(table, key: key)
        // Closed exactly once, whatever failed (a second close could hit a reused descriptor).
        let closed = close(descriptor) == 0
        guard !output.failed, closed, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Temporary cache files are named `.sources-tmp-<pid>-<random>`.
    static let temporaryPrefix = ".sources-tmp-"

    /// Removes the temporary files of runs that died while writing (their pid is gone): only
    /// regular files of that name, in the cache folder.
    static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            let rest = name.dropFirst(temporaryPrefix.count)
            // Exactly `<pid>-<random>`, both decimal, as `write` names them.
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0,
                UInt32(rest[rest.index(after: dash)...]) != nil
            else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }  // alive, or not ours to ask
            var status = stat()
            let path = folder + "/" + name
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    /// Creates the cache folder (and its parents) for this user only; false when it is not a
    /// folder we can write.
    static func makeFolder(_ folder: String) -> Bool {
        var status = stat()
        if stat(folder, &status) == 0 { return status.st_mode & S_IFMT == S_IFDIR && access(folder, W_OK) == 0 }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return false
        }
        return true
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The cache file's layout: 8 header words (magic, version, sources size, sources content
/// hash, manifest hash, row count, payload length, payload hash), then the payload, a
/// sequence of sections, each a word giving its length in bytes and then its bytes, padded
/// to a multiple of 8. Numbers are stored as this machine stores them (the cache never
/// leaves it).
private struct CacheOutput {
    let descriptor: Int32
    var failed = false
    var hash = ContentHash()
    var payloadLength = 0
    var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    mutating func table(_ table: SourceTable, key: InventoryCache.Key) {
        let header = [UInt64](repeating: 0, count: InventoryCache.headerWords)
        header.withUnsafeBytes { writeRaw($0) }
        strings(table.ids)
        strings(table.names)
        for column in [table.sectors, table.counties, table.activityUnits] {
            section(column.codes)
            strings(column.index.values)
        }
        section(table.activity)
        section([UInt8(table.energyPerActivity == nil ? 0 : 1)])
        if let energy = table.energyPerActivity { section(energy) }
        section([UInt8(table.isFossil == nil ? 0 : 1)])
        if let fossil = table.isFossil { section(fossil.map { $0 ? UInt8(1) : 0 }) }
        section(table.pollutantColumns.map { $0 == nil ? UInt8(0) : 1 })
        for columns in table.pollutantColumns {
            guard let columns else { continue }
            section(columns.intensity)
            section(columns.efficiency)
        }
        section(table.lines)
        flush()
        let words: [UInt64] = [
            InventoryCache.magic, InventoryCache.formatVersion, key.size, key.contentHash, key.manifestHash,
            UInt64(table.count), UInt64(payloadLength), hash.value,
        ]
        words.withUnsafeBytes { raw in
            if !failed, pwrite(descriptor, raw.baseAddress, raw.count, 0) != raw.count { failed = true }
        }
    }

    mutating func strings(_ column: StringColumn) {
        section(column.bytes)
        section(column.offsets)
    }

    mutating func section<T>(_ elements: [T]) {
        let length = elements.count * MemoryLayout<T>.stride
        let padding = (8 - length % 8) % 8
        withUnsafeBytes(of: UInt64(length)) { payload($0) }
        elements.withUnsafeBytes { payload($0) }
        if padding > 0 { [UInt8](repeating: 0, count: padding).withUnsafeBytes { payload($0) } }
    }

    mutating func payload(_ bytes: UnsafeRawBufferPointer) {
        hash.update(bytes)
        payloadLength += bytes.count
        if bytes.count >= 1 << 16 {
            flush()
            writeRaw(bytes)
        } else {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { flush() }
        }
    }

    mutating func flush() {
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        pending.withUnsafeBytes { writeRaw($0) }
    }

    mutating func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while !failed, offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                failed = true
            } else {
                offset += count
            }
        }
    }
}

/// Reads what `CacheOutput` wrote, checking as it goes; any mismatch gives nil.
private struct CacheInput {
    let descriptor: Int32
    let fileSize: Int
    var hash = ContentHash()
    /// Payload bytes left to read, by the header.
    var remaining = 0

    init(descriptor: Int32, fileSize: Int) {
        self.descriptor = descriptor
        self.fileSize = fileSize
    }

    mutating func table(key: InventoryCache.Key) -> SourceTable? {
        var header = [UInt64](repeating: 0, count: InventoryCache.headerWords)
        let headerBytes = header.count * 8
        guard fileSize >= headerBytes,
            header.withUnsafeMutableBytes({ readFully($0) }),
            header[0] == InventoryCache.magic, header[1] == InventoryCache.formatVersion,
            header[2] == key.size, header[3] == key.contentHash, header[4] == key.manifestHash,
            header[6] == UInt64(fileSize - headerBytes), header[5] <= UInt64(Int32.max)
        else { return nil }
        remaining = fileSize - headerBytes
        let n = Int(header[5])

        var table = SourceTable()
        guard let ids = strings(count: n), let names = strings(count: n) else { return nil }
        table.ids = ids
        table.names = names
        var categories: [CategoryColumn] = []
        for _ in 0..<3 {
            guard let codes: [Int32] = section(count: n), let values = strings(count: nil),
                let column = CategoryColumn(codes: codes, values: values)
            else { return nil }
            categories.append(column)
        }
        table.sectors = categories[0]
        table.counties = categories[1]
        table.activityUnits = categories[2]
        guard let activity: [Double] = section(count: n) else { return nil }
        table.activity = activity
        guard let hasEnergy: [UInt8] = section(count: 1) else { return nil }
        if hasEnergy[0] == 1 {
            guard let energy: [Double] = section(count: n) else { return nil }
            table.energyPerActivity = energy
        }
        guard let hasFossil: [UInt8] = section(count: 1) else { return nil }
        if hasFossil[0] == 1 {
            guard let fossil: [UInt8] = section(count: n) else { return nil }
            table.isFossil = fossil.map { $0 != 0 }
        }
        guard let present: [UInt8] = section(count: table.pollutantColumns.count) else { return nil }
        for p in present.indices where present[p] != 0 {
            guard let intensity: [Double] = section(count: n), let efficiency: [Double] = section(count: n) else {
                return nil
            }
            table.pollutantColumns[p] = PollutantColumns(intensity: intensity, efficiency: efficiency)
        }
        guard let lines: [Int32] = section(count: n) else { return nil }
        table.lines = lines
        guard remaining == 0, hash.value == header[7] else { return nil }
        return table
    }

    /// A string column of `count` elements (any number when nil), checked.
    mutating func strings(count: Int?) -> StringColumn? {
        guard let bytes: [UInt8] = section(count: nil), let offsets: [Int] = section(count: count.map { $0 + 1 })
        else { return nil }
        return StringColumn(bytes: bytes, offsets: offsets)
    }

    /// The next section as an array, of exactly `count` elements unless nil.
    mutating func section<T>(count: Int?) -> [T]? {
        var word: UInt64 = 0
        guard remaining >= 8, withUnsafeMutableBytes(of: &word, { readPayload($0) }) else { return nil }
        let stride = MemoryLayout<T>.stride
        guard word <= UInt64(remaining), Int(word) % stride == 0 else { return nil }
        let length = Int(word)
        let elements = length / stride
        if let count, elements != count { return nil }
        let padding = (8 - length % 8) % 8
        guard length + padding <= remaining else { return nil }
        var ok = true
        let array = [T](unsafeUninitializedCapacity: elements) { buffer, initialized in
            ok = readPayload(UnsafeMutableRawBufferPointer(buffer))
            initialized = ok ? elements : 0
        }
        guard ok else { return nil }
        if padding > 0 {
            var pad: UInt64 = 0
            let padded = withUnsafeMutableBytes(of: &pad) {
                readPayload(UnsafeMutableRawBufferPointer(rebasing: $0[0..<padding]))
            }
            guard padded else { return nil }
        }
        return array
    }

    mutating func readPayload(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard buffer.count <= remaining, readFully(buffer) else { return false }
        remaining -= buffer.count
        hash.update(UnsafeRawBufferPointer(buffer))
        return true
    }

    func readFully(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { return false }
            offset += count
        }
        return true
    }
}
