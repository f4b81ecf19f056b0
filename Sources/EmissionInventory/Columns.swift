/// Many short strings stored back to back in one byte buffer: one allocation for a million
/// source ids instead of a million.
public struct StringColumn: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` is element i.
    public private(set) var offsets: [Int] = [0]

    public init() {}

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
        return value.withUTF8 { bytes -> Int32? in
            var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
            while true {
                let code = slots[slot]
                if code < 0 { return nil }
                if values.equals(Int(code), bytes) { return code }
                slot = (slot + 1) & mask
            }
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
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
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
}
