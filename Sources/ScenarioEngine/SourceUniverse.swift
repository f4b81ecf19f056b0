import Diagnostics
import EmissionInventory
import Scenarios

/// The sources a scenario works on: the inventory's, followed by the sources its measures
/// define (`add` sources and inline substitution targets), in the order they are defined.
///
/// Inventory columns are used in place (never copied: a census has millions of rows);
/// the few scenario-defined sources are kept in small arrays after them, at indices
/// `inventoryCount ..< count`.
struct SourceUniverse: Sendable {
    var table: SourceTable
    let inventoryCount: Int
    /// Scenario-defined sources.
    private(set) var extras: [SourceRow] = []
    /// For each extra source: the index of the `add` measure that creates it, or nil for an
    /// inline substitution target (which exists from the start, with zero activity).
    private(set) var extraCreator: [Int?] = []
    /// Pollutants with any non-zero intensity, in registry order.
    private(set) var pollutants: [Pollutant]

    init(table: SourceTable) {
        self.table = table
        inventoryCount = table.count
        pollutants = table.pollutants
    }

    var count: Int { inventoryCount + extras.count }

    /// Multiplies k of `pollutant` of a scenario-defined source (an uncertainty draw).
    mutating func scaleExtraIntensity(_ s: Int, _ pollutant: Pollutant, by x: Double) {
        let e = s - inventoryCount
        if let (k, eta) = extras[e].pollutants[pollutant] { extras[e].pollutants[pollutant] = (k * x, eta) }
    }

    /// Multiplies the activity of a scenario-defined source (an uncertainty draw).
    mutating func scaleExtraActivity(_ s: Int, by x: Double) { extras[s - inventoryCount].activity *= x }

    mutating func append(_ row: SourceRow, createdBy measure: Int?) {
        extras.append(row)
        extraCreator.append(measure)
        let used = Set(pollutants).union(row.pollutants.keys)
        pollutants = Pollutant.allCases.filter(used.contains)
    }

    func id(_ s: Int) -> String { s < inventoryCount ? table.ids[s] : extras[s - inventoryCount].id }
    func sector(_ s: Int) -> String { s < inventoryCount ? table.sectors[s] ?? "" : extras[s - inventoryCount].sector }
    func county(_ s: Int) -> String? { s < inventoryCount ? table.counties[s] : extras[s - inventoryCount].county }

    /// Base activity: the inventory's A0, or for an `add` source its full activity (scaled by
    /// the measure's φ when the measure applies), or 0 for an inline substitution target.
    func baseActivity(_ s: Int) -> Double {
        s < inventoryCount
            ? table.activity[s] : (extraCreator[s - inventoryCount] == nil ? 0 : extras[s - inventoryCount].activity)
    }

    /// The indices into `pollutants` of those that some of the sources emit (non-zero
    /// intensity): one pass over the sources, ending when all are found.
    func emitting(anyOf sources: [Int32]) -> [Int] {
        let columns = pollutants.map { table.columns(for: $0)?.intensity ?? [] }
        var found = [Bool](repeating: false, count: pollutants.count)
        var missing = pollutants.count
        for s32 in sources where missing > 0 {
            let s = Int(s32)
            for p in pollutants.indices where !found[p] {
                let k =
                    s < inventoryCount
                    ? (columns[p].isEmpty ? 0 : columns[p][s])
                    : extras[s - inventoryCount].pollutants[pollutants[p]]?.intensity ?? 0
                if k != 0 {
                    found[p] = true
                    missing -= 1
                }
            }
        }
        return pollutants.indices.filter { found[$0] }
    }

    func energyPerActivity(_ s: Int) -> Double {
        s < inventoryCount ? table.energyPerActivity?[s] ?? 0 : extras[s - inventoryCount].energyPerActivity ?? 0
    }

    func isFossil(_ s: Int) -> Bool {
        s < inventoryCount ? table.isFossil?[s] ?? true : extras[s - inventoryCount].isFossil ?? true
    }

    var hasEnergy: Bool {
        table.energyPerActivity != nil || extras.contains { $0.energyPerActivity != nil }
    }

    /// The index of each of `ids` that names a source (scanning the id column once without
    /// building a string per source).
    func locate(_ ids: Set<String>) -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        var wanted = StringIndex(expectedCount: ids.count)
        let order = ids.sorted()
        for id in order { _ = wanted.insert(id) }
        var found: [String: Int] = [:]
        // Only ids of a wanted length are looked up: most of millions of ids are ruled out
        // by their length alone.
        let lengths = order.map(\.utf8.count)
        var wantedLength = [Bool](repeating: false, count: (lengths.max() ?? 0) + 1)
        for length in lengths { wantedLength[length] = true }
        let column = table.ids
        column.bytes.withUnsafeBufferPointer { bytes in
            column.offsets.withUnsafeBufferPointer { offsets in
                for s in 0..<inventoryCount {
                    let start = offsets[s]
                    let length = offsets[s + 1] - start
                    guard length < wantedLength.count, wantedLength[length] else { continue }
                    let id = UnsafeBufferPointer(rebasing: bytes[start..<(start + length)])
                    if let code = wanted.code(of: id) {
                        let name = order[Int(code)]
                        if found[name] == nil { found[name] = s }
                    }
                }
            }
        }
        for (k, row) in extras.enumerated() where ids.contains(row.id) && found[row.id] == nil {
            found[row.id] = inventoryCount + k
        }
        return found
    }

    /// The sector and county values of `selector` that no source has (a sector matches a
    /// source whose sector equals it or starts with it and `/`), each with the nearest
    /// sector path (or prefix) or county, for a "did you mean".
    func unmatchedValues(of selector: Selector) -> [(key: String, value: String, suggestion: String?)] {
        var sectors = Set(table.sectors.values)
        var counties = Set(table.counties.values)
        for row in extras {
            sectors.insert(row.sector)
            if let county = row.county { counties.insert(county) }
        }
        var paths = Set<String>()
        for sector in sectors {
            var prefix = ""
            for segment in sector.split(separator: "/") {
                prefix = prefix.isEmpty ? String(segment) : prefix + "/" + segment
                paths.insert(prefix)
            }
        }
        var result: [(String, String, String?)] = []
        for value in selector.sectors ?? [] where !paths.contains(value) {
            result.append(("sector", value, Suggestion.nearest(to: value, among: paths.sorted())))
        }
        for value in selector.counties ?? [] where !counties.contains(value) {
            result.append(("county", value, Suggestion.nearest(to: value, among: counties.sorted())))
        }
        return result
    }

    /// Indices of the sources a selector matches, in order. Sector and county matching is
    /// decided once per distinct value (there are few), then looked up per source.
    func select(_ selector: Selector, idIndex: [String: Int]) -> (indices: [Int32], unknownIDs: [String]) {
        let sectorOK = table.sectors.values.map { sector in
            selector.sectors.map { $0.contains { sector == $0 || sector.hasPrefix($0 + "/") } } ?? true
        }
        let countyOK: [Bool] = table.counties.values.map { county in
            selector.counties.map { $0.contains(county) } ?? true
        }
        let countyMissingOK = selector.counties == nil
        var idSet: Set<Int>?
        var unknown: [String] = []
        if let ids = selector.ids {
            var set = Set<Int>()
            for id in ids {
                if let index = idIndex[id] { set.insert(index) } else { unknown.append(id) }
            }
            idSet = set
        }
        var indices: [Int32] = []
        if let idSet {
            // Few ids: check just those.
            for s in idSet.sorted() where matchesSectorAndCounty(s, selector, sectorOK, countyOK, countyMissingOK) {
                indices.append(Int32(s))
            }
            return (indices, unknown)
        }
        // One pass over the codes, through raw buffers: this runs for every selector on
        // millions of sources.
        let count = inventoryCount
        table.sectors.codes.withUnsafeBufferPointer { sectorCodes in
            table.counties.codes.withUnsafeBufferPointer { countyCodes in
                sectorOK.withUnsafeBufferPointer { sectorOK in
                    countyOK.withUnsafeBufferPointer { countyOK in
                        let anyCounty = selector.counties == nil
                        for s in 0..<count {
                            let sc = sectorCodes[s]
                            guard sc >= 0, sectorOK[Int(sc)] else { continue }
                            if !anyCounty {
                                let cc = countyCodes[s]
                                guard cc >= 0 ? countyOK[Int(cc)] : countyMissingOK else { continue }
                            }
                            indices.append(Int32(s))
                        }
                    }
                }
            }
        }
        for (k, row) in extras.enumerated() where selector.matches(sector: row.sector, county: row.county) {
            indices.append(Int32(inventoryCount + k))
        }
        return (indices, unknown)
    }

    private func matchesSectorAndCounty(
        _ s: Int, _ selector: Selector, _ sectorOK: [Bool], _ countyOK: [Bool],
        _ countyMissingOK: Bool
    ) -> Bool {
        if s >= inventoryCount {
            let row = extras[s - inventoryCount]
            return selector.matches(sector: row.sector, county: row.county)
        }
        let sc = table.sectors.codes[s]
        let cc = table.counties.codes[s]
        guard sc >= 0, sectorOK[Int(sc)] else { return false }
        return cc >= 0 ? countyOK[Int(cc)] : countyMissingOK
    }
}
