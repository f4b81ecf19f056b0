import FileFormats

/// Machine-readable views of base-year emissions: the JSON and CSV that
/// `emis inventory --format json|csv` writes. Emissions are in t/a.
public enum InventoryExport {
    /// `{"base_year": 2020, "inventory": …, "totals": {"SO2": t, …}, "by": …, "breakdown": […]}`.
    /// `totals` lists every pollutant the sources table has columns for.
    public static func json(_ inventory: Inventory, breakdown: Breakdown?) -> JSONValue {
        let pollutants = inventory.sources.pollutants
        let totals = inventory.baseYearTotals()
        var object: [String: JSONValue] = [
            "inventory": .string(inventory.manifest.name),
            "base_year": .number(Double(inventory.baseYear)),
            "unit": .string("t"),
            "source_count": .number(Double(inventory.sources.count)),
            "pollutants": .array(pollutants.map { .string($0.id) }),
            "totals": .object(Dictionary(uniqueKeysWithValues: pollutants.map { ($0.id, .number(totals[$0] ?? 0)) })),
        ]
        if let title = inventory.manifest.title { object["title"] = .string(title) }
        if let region = inventory.manifest.region { object["region"] = .string(region) }
        if !inventory.manifest.macro.isEmpty {
            object["macro"] = .object(
                inventory.manifest.macro.mapValues { value in
                    var entry: [String: JSONValue] = ["value": .number(value.value)]
                    if let unit = value.unit { entry["unit"] = .string(unit) }
                    return .object(entry)
                })
        }
        if let breakdown {
            object["by"] = .string(breakdown.grouping.description)
            object["breakdown"] = .array(
                breakdown.keys.indices.map { row in
                    var entry: [String: JSONValue] = [
                        "key": .string(breakdown.keys[row]),
                        "totals": .object(
                            Dictionary(
                                uniqueKeysWithValues: pollutants.map {
                                    ($0.id, .number(breakdown.totals[$0]?[row] ?? 0))
                                })),
                    ]
                    if breakdown.grouping == .source {
                        let sources = inventory.sources
                        entry["name"] = .string(sources.names[row])
                        entry["sector"] = .string(sources.sectors[row] ?? "")
                        entry["county"] = sources.counties[row].map(JSONValue.string) ?? .null
                    }
                    return .object(entry)
                })
        }
        return .object(object)
    }

    /// One row per group (or one `total` row), one column per pollutant: `sector,SO2 (t),…`.
    public static func csv(_ inventory: Inventory, breakdown: Breakdown, excelCompatible: Bool = false) -> String {
        let pollutants = inventory.sources.pollutants
        var writer = CSVWriter(excelCompatible: excelCompatible)
        let keyHeader =
            switch breakdown.grouping {
            case .total: "scope"
            case .sector: "sector"
            case .county: "county"
            case .source: "id"
            }
        var header = [keyHeader]
        if breakdown.grouping == .source { header += ["name", "sector", "county"] }
        writer.writeRow(header + pollutants.map { "\($0.id) (t)" })
        for row in breakdown.keys.indices {
            var fields = [breakdown.keys[row]]
            if breakdown.grouping == .source {
                let sources = inventory.sources
                fields += [sources.names[row], sources.sectors[row] ?? "", sources.counties[row] ?? ""]
            }
            fields += pollutants.map { DecimalNumber.format(breakdown.totals[$0]?[row] ?? 0) }
            writer.writeRow(fields)
        }
        return writer.text
    }
}
