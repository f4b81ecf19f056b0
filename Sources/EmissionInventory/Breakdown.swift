/// How to group sources when adding up emissions.
public enum Grouping: Sendable, Equatable, CustomStringConvertible {
    /// One group: the whole inventory.
    case total
    /// By sector path; `depth` keeps only the first segments (`sector:1` → `industry`).
    case sector(depth: Int?)
    case county
    /// One group per source.
    case source

    /// Parses `sector`, `sector:N` (N ≥ 1), `county`, `source`.
    public init?(argument: String) {
        switch argument {
        case "total": self = .total
        case "sector": self = .sector(depth: nil)
        case "county": self = .county
        case "source": self = .source
        default:
            guard argument.hasPrefix("sector:"), let depth = Int(argument.dropFirst(7)), depth >= 1 else {
                return nil
            }
            self = .sector(depth: depth)
        }
    }

    public var description: String {
        switch self {
        case .total: "total"
        case let .sector(depth): depth.map { "sector:\($0)" } ?? "sector"
        case .county: "county"
        case .source: "source"
        }
    }
}

/// Emissions added up by group: one row per group, one column per pollutant, in t/a.
public struct Breakdown: Sendable {
    public var grouping: Grouping
    /// Group keys: sector paths, county names (empty for sources without a county), or
    /// source ids. Sorted by key, except for sources, which keep the table's order.
    public var keys: [String]
    /// Totals per pollutant, aligned with `keys`.
    public var totals: [Pollutant: [Double]]
}

/// Compensated summation (Neumaier's variant of Kahan's): the sum of millions of terms of
/// very different sizes keeps its last digits, and the result does not depend on how
/// large the terms at the start were.
public struct CompensatedSum: Sendable {
    public private(set) var sum = 0.0
    private var compensation = 0.0

    public init() {}

    @inline(__always)
    public mutating func add(_ value: Double) {
        let t = sum + value
        // Neumaier: the larger operand's lost low part. Written with selections rather than
        // a branch (the same arithmetic): a data-dependent branch mispredicts.
        let larger = abs(sum) >= abs(value)
        let big = larger ? sum : value
        let small = larger ? value : sum
        compensation += (big - t) + small
        sum = t
    }

    public var value: Double { sum + compensation }
}

extension Inventory {
    /// Base-year emissions per pollutant, t/a: `Σ_s A0 · k · (1 − η0)`.
    public func baseYearTotals() -> [Pollutant: Double] {
        let breakdown = breakdown(by: .total)
        return breakdown.totals.mapValues { $0.first ?? 0 }
    }

    /// Pollutants with a non-zero base-year total, in registry order.
    public func emittedPollutants() -> [Pollutant] {
        let totals = baseYearTotals()
        return Pollutant.allCases.filter { (totals[$0] ?? 0) != 0 }
    }

    /// Base-year emissions added up by `grouping`.
    public func breakdown(by grouping: Grouping) -> Breakdown {
        let count = sources.count
        var keys: [String]
        var groupOfSource: [Int32]
        switch grouping {
        case .total:
            keys = ["total"]
            groupOfSource = [Int32](repeating: 0, count: count)
        case .source:
            keys = (0..<count).map { sources.ids[$0] }
            groupOfSource = (0..<count).map { Int32($0) }
        case .county:
            (keys, groupOfSource) = Self.group(sources.counties) { $0 ?? "" }
        case let .sector(depth):
            (keys, groupOfSource) = Self.group(sources.sectors) { sector in
                guard let sector, let depth else { return sector ?? "" }
                return sector.split(separator: "/").prefix(depth).joined(separator: "/")
            }
        }
        var totals: [Pollutant: [Double]] = [:]
        for pollutant in sources.pollutants {
            guard let columns = sources.columns(for: pollutant) else { continue }
            var sums = [CompensatedSum](repeating: CompensatedSum(), count: keys.count)
            for s in 0..<count {
                sums[Int(groupOfSource[s])].add(
                    sources.activity[s] * columns.intensity[s] * (1 - columns.efficiency[s]))
            }
            totals[pollutant] = sums.map(\.value)
        }
        return Breakdown(grouping: grouping, keys: keys, totals: totals)
    }

    /// Maps a category column to sorted group keys and each source's group.
    private static func group(_ column: CategoryColumn, key: (String?) -> String) -> ([String], [Int32]) {
        // Group keys of the distinct category values (-1 = no value), computed once.
        let values = column.values
        let rawKeys = values.map { key($0) }
        let missingKey = key(nil)
        let sortedKeys = Array(Set(rawKeys + (column.codes.contains(-1) ? [missingKey] : []))).sorted()
        let position = Dictionary(uniqueKeysWithValues: sortedKeys.enumerated().map { ($1, Int32($0)) })
        let groupOfCode = rawKeys.map { position[$0]! }
        let missingGroup = position[missingKey] ?? -1
        let groups = column.codes.map { $0 < 0 ? missingGroup : groupOfCode[Int($0)] }
        return (sortedKeys, groups)
    }
}
