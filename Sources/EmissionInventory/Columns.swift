import Dispatch

/// Many short strings stored back to back in one byte buffer: one allocation for a million
/// source ids instead of a million.
public struct StringColumn: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` is element i.
    public private(set) var offsets: [Int] = [0]

    public init() {}

    /// A column from its storage; nil unless `offsets` starts at 0, never decreases and ends
    /// at `bytes.count`.
    init?(bytes: [UInt8], offsets: [Int]) {
        guard offsets.first == 0, offsets.last == bytes.count else { return nil }
        var previous = 0
        for offset in offsets {
            guard offset >= previous else { return nil }
            previous = offset
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    public subscript(index: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[index]..<offsets[index + 1]]), as: UTF8.self)
        }
    }

    public mutating func append(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    public mutating func append(_ value: String) {
        var value = value
        value.withUTF8 { append($0) }
    }

    public mutating func reserveCapacity(count: Int, bytes byteCount: Int) {
        offsets.reserveCapacity(count + 1)
        bytes.reserveCapacity(byteCount)
    }

    public mutating func append(contentsOf other: StringColumn) {
        let shift = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + shift })
    }

    /// Element `index` as bytes, valid inside `body` only.
    public func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[offsets[index]..<offsets[index + 1]])) }
    }

    /// Rows whose value repeats an earlier row's, as (row, first row with that value). Empty
    /// values are skipped. `hashes[i]` must be `StringIndex.hash` of element i.
    ///
    /// The rows are split into `parts` classes by hash, and each class is checked on its own
    /// thread against its own table, so the result does not depend on `parts`.
    public func duplicates(hashes: [UInt64], parts: Int) -> [(row: Int, first: Int)] {
        let parts = max(1, parts)
        let results = ConcurrentSlots<[(row: Int, first: Int)]>(count: parts, repeating: [])
        let column = self
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var found: [(row: Int, first: Int)] = []
            var capacity = 16
            while capacity < 2 * column.count / parts + 16 { capacity <<= 1 }
            var slots = [Int32](repeating: -1, count: capacity)
            var used = 0
            column.bytes.withUnsafeBufferPointer { pool in
                func equal(_ a: Int, _ b: Int) -> Bool {
                    let la = column.offsets[a + 1] - column.offsets[a]
                    guard la == column.offsets[b + 1] - column.offsets[b] else { return false }
                    let sa = column.offsets[a]
                    let sb = column.offsets[b]
                    for k in 0..<la where pool[sa + k] != pool[sb + k] { return false }
                    return true
                }
                for row in 0..<column.count where Int(hashes[row] % UInt64(parts)) == part {
                    if column.offsets[row + 1] == column.offsets[row] { continue }
                    if 2 * (used + 1) > slots.count {
                        // Grow: rehash what is stored.
                        let old = slots
                        slots = [Int32](repeating: -1, count: old.count * 2)
                        for stored in old where stored >= 0 {
                            var slot = Int(truncatingIfNeeded: hashes[Int(stored)] >> 16) & (slots.count - 1)
                            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
                            slots[slot] = stored
                        }
                    }
                    let mask = slots.count - 1
                    var slot = Int(truncatingIfNeeded: hashes[row] >> 16) & mask
                    while true {
                        let stored = slots[slot]
                        if stored < 0 {
                            slots[slot] = Int32(row)
                            used += 1
                            break
                        }
                        if hashes[Int(stored)] == hashes[row], equal(Int(stored), row) {
                            found.append((row, Int(stored)))
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
            results[part] = found
        }
        return results.elements.flatMap { $0 }.sorted { $0.row < $1.row }
    }

    /// Whether element `index` has exactly these bytes.
    func equals(_ index: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[index]
        let length = offsets[index + 1] - start
        guard length == value.count else { return false }
        return bytes.withUnsafeBufferPointer { pool in
            for k in 0..<length where pool[start + k] != value[k] { return false }
            return true
        }
    }
}

/// Distinct strings, each stored once, found by content without building a `String`:
/// an open-addressing hash table over a `StringColumn`. Used to check that a million ids are
/// unique and to turn repeated texts (sectors, counties) into small integer codes.
public struct StringIndex: Sendable {
    public private(set) var values = StringColumn()
    private var slots: [Int32]  // -1 empty, otherwise an index into `values`
    private var mask: Int

    public init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    public var count: Int { values.count }

    /// The code of `value`, adding it if new. `inserted` tells which.
    public mutating func insert(_ value: UnsafeBufferPointer<UInt8>) -> (code: Int32, inserted: Bool) {
        if (values.count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: Self.hash(value)) & mask
        while true {
            let code = slots[slot]
            if code < 0 {
                let newCode = Int32(values.count)
                values.append(value)
                slots[slot] = newCode
                return (newCode, true)
            }
            if values.equals(Int(code), value) { return (code, false) }
            slot = (slot + 1) & mask
        }
    }

    public mutating func insert(_ value: String) -> (code: Int32, inserted: Bool) {
        var value = value
        return value.withUTF8 { insert($0) }
    }

    /// The code of `value` if present.
    public func code(of value: String) -> Int32? {
        var value = value
        return value.withUTF8 { code(of: $0) }
    }

    /// The code of the string with these UTF-8 bytes, if present.
    public func code(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let code = slots[slot]
            if code < 0 { return nil }
            if values.equals(Int(code), bytes) { return code }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        let pool = values
        pool.bytes.withUnsafeBufferPointer { bytes in
            for code in 0..<pool.count {
                let value = UnsafeBufferPointer(rebasing: bytes[pool.offsets[code]..<pool.offsets[code + 1]])
                var slot = Int(truncatingIfNeeded: Self.hash(value)) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(code)
            }
        }
    }

    /// FNV-1a, 64-bit, with a final avalanche so that the low bits used for the slot mix well.
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

/// A text column with few distinct values (sector, county, unit): one small code per row.
public struct CategoryColumn: Sendable {
    /// Code per row; -1 when the row has no value.
    public internal(set) var codes: [Int32] = []
    public internal(set) var index = StringIndex()

    public init() {}

    /// A column from its codes and its distinct values (by code); nil when a value repeats
    /// or a code is out of range.
    init?(codes: [Int32], values: StringColumn) {
        for code in 0..<values.count {
            let inserted = values.withBytes(code) { index.insert($0) }
            guard inserted.inserted, inserted.code == Int32(code) else { return nil }
        }
        let count = Int32(values.count)
        for code in codes where code < -1 || code >= count { return nil }
        self.codes = codes
    }

    /// The distinct values, by code.
    public var values: [String] { (0..<index.count).map { index.values[$0] } }

    /// The value of row `row`, or nil when the cell was empty.
    public subscript(row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : index.values[Int(code)]
    }

    public mutating func append(_ value: UnsafeBufferPointer<UInt8>?) {
        guard let value, !value.isEmpty else {
            codes.append(-1)
            return
        }
        codes.append(index.insert(value).code)
    }

    public mutating func append(_ value: String?) {
        guard var value, !value.isEmpty else {
            codes.append(-1)
            return
        }
        value.withUTF8 { append($0) }
    }

    /// Appends another column's rows, translating its codes into this column's.
    public mutating func append(contentsOf other: CategoryColumn) {
        let translation = (0..<other.index.count).map { code in
            other.index.values.withBytes(code) { index.insert($0).code }
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        for code in other.codes { codes.append(code < 0 ? -1 : translation[Int(code)]) }
    }
}

/// One result slot per iteration of `DispatchQueue.concurrentPerform`: iteration k writes
/// slot k and nothing else, so the writes never overlap (raw memory, no shared array).
public final class ConcurrentSlots<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    public init(count: Int, repeating value: Element) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: value)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    public subscript(index: Int) -> Element {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    public var elements: [Element] { Array(buffer) }
}
