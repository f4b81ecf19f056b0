import Diagnostics
import FileFormats
import FormatSchema

/// Reads `inventory.yaml` (Docs/reference/inventory.md), with the keys of `InventoryFormat.manifest`. Every key is checked; mistakes are collected.
enum ManifestReader {
    static var spec: RecordSpec { InventoryFormat.manifest }

    /// Years an inventory's base year may take; anything else is a typo.
    static let plausibleYears = 1950...2100

    static func read(
        _ document: YAMLDocument, defaultName: String,
        _ diagnostics: inout DiagnosticList
    ) -> InventoryManifest? {
        guard let root = document.root else {
            if !diagnostics.hasErrors {
                diagnostics.append(
                    .error(
                        at: SourceLocation(file: document.file),
                        en: "the inventory file is empty", zh: "清单文件为空"))
            }
            return nil
        }
        let what = LocalizedText(en: "the inventory file", zh: "清单文件")
        let errorsBefore = diagnostics.errorCount
        guard
            let keys = document.mapping(
                root, what, allowed: spec.keys,
                required: spec.requiredKeys, &diagnostics)
        else {
            return nil
        }
        var manifest = InventoryManifest(name: defaultName, baseYear: 0)
        if let pair = keys["name"], let name = document.string(pair.value, "name", &diagnostics) {
            manifest.name = name
        }
        if let pair = keys["title"] { manifest.title = document.string(pair.value, "title", &diagnostics) }
        if let pair = keys["region"] { manifest.region = document.string(pair.value, "region", &diagnostics) }
        if let pair = keys["base_year"], let year = document.integer(pair.value, "base_year", &diagnostics) {
            if plausibleYears.contains(year) {
                manifest.baseYear = year
            } else {
                document.error(
                    at: pair.value.location,
                    en:
                        "base_year must be a year between \(plausibleYears.lowerBound) and \(plausibleYears.upperBound), got \(year)",
                    zh: "base_year 应为 \(plausibleYears.lowerBound)–\(plausibleYears.upperBound) 之间的年份，实际为 \(year)",
                    &diagnostics)
            }
        }
        if let pair = keys["sources"], let file = document.string(pair.value, "sources", &diagnostics) {
            manifest.sourcesFile = file
        }
        if let pair = keys["emission_unit"], let symbol = document.string(pair.value, "emission_unit", &diagnostics) {
            if let unit = MassUnit(symbol: symbol) {
                manifest.emissionUnit = unit
            } else {
                document.error(
                    at: pair.value.location,
                    en: "unknown mass unit '\(symbol)' (known: kg, t, kt, 万t, 万吨, Mt)",
                    zh: "未知的质量单位 '\(symbol)'（可用：kg、t、kt、万t、万吨、Mt）",
                    suggestion: Suggestion.nearest(to: symbol, among: MassUnit.spellings.keys.sorted()),
                    &diagnostics)
            }
        }
        if let pair = keys["macro"] {
            manifest.macro = readMacro(pair.value, document, &diagnostics)
        }
        if let pair = keys["sector_names"] {
            manifest.sectorNames = readSectorNames(pair.value, document, &diagnostics)
        }
        if let pair = keys["provenance"] {
            manifest.provenance = document.stringOrList(pair.value, "provenance", &diagnostics) ?? []
        }
        if keys["uncertainty"] != nil || keys["correlation"] != nil {
            manifest.uncertaintyNodes = UncertaintyNodes(
                document: document, factors: keys["uncertainty"]?.value, correlations: keys["correlation"]?.value)
        }
        return diagnostics.errorCount == errorsBefore ? manifest : nil
    }

    /// `sector_names:`: sector path → `{zh, en}` or a plain text (the Chinese name).
    private static func readSectorNames(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> [String: LocalizedText] {
        guard case let .mapping(pairs) = node.content else {
            document.error(
                at: node.location, en: "'sector_names' must be a mapping of sector paths to names, e.g. power: 电力",
                zh: "'sector_names' 应为行业路径到名称的映射，例如 power: 电力", &diagnostics)
            return [:]
        }
        var names: [String: LocalizedText] = [:]
        for pair in pairs {
            guard isValidSector(pair.key) else {
                document.error(
                    at: pair.keyLocation,
                    en: "'\(pair.key)' is not a sector path (segments joined by '/', none empty)",
                    zh: "'\(pair.key)' 不是行业路径（以 '/' 连接、各段非空）", &diagnostics)
                continue
            }
            if case .scalar = pair.value.content {
                if let zh = document.string(pair.value, "sector_names", &diagnostics)?.trimmingSpaces {
                    names[pair.key] = LocalizedText(en: pair.key, zh: zh)
                }
                continue
            }
            let what = LocalizedText(en: "the name of sector '\(pair.key)'", zh: "行业 '\(pair.key)' 的名称")
            let spec = InventoryFormat.sectorName
            guard
                let fields = document.mapping(
                    pair.value, what, allowed: spec.keys, required: spec.requiredKeys,
                    &diagnostics),
                let zh = fields["zh"].flatMap({ document.string($0.value, "zh", &diagnostics) })
            else { continue }
            let en = fields["en"].flatMap { document.string($0.value, "en", &diagnostics) } ?? pair.key
            names[pair.key] = LocalizedText(en: en.trimmingSpaces, zh: zh.trimmingSpaces)
        }
        return names
    }

    private static func readMacro(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> [String: MacroValue] {
        guard case let .mapping(pairs) = node.content else {
            document.error(
                at: node.location, en: "'macro' must be a mapping of series, e.g. gdp: {value: 1405, unit: 亿元}",
                zh: "'macro' 应为映射，例如 gdp: {value: 1405, unit: 亿元}", &diagnostics)
            return [:]
        }
        var result: [String: MacroValue] = [:]
        for pair in pairs {
            let what = LocalizedText(en: "macro series '\(pair.key)'", zh: "宏观序列 '\(pair.key)'")
            guard
                let fields = document.mapping(
                    pair.value, what, allowed: InventoryFormat.macroSeries.keys,
                    required: InventoryFormat.macroSeries.requiredKeys, &diagnostics),
                let valueNode = fields["value"]?.value,
                let value = document.number(valueNode, "value", &diagnostics)
            else { continue }
            guard InventoryFormat.macroSeries.range("value").contains(value) else {
                document.error(
                    at: valueNode.location,
                    en: "macro series '\(pair.key)' must be positive, got \(DecimalNumber.format(value))",
                    zh: "宏观序列 '\(pair.key)' 应为正数，实际为 \(DecimalNumber.format(value))", &diagnostics)
                continue
            }
            let unit = fields["unit"].flatMap { document.string($0.value, "unit", &diagnostics) }
            result[pair.key] = MacroValue(value: value, unit: unit)
        }
        return result
    }
}
