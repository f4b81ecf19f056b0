import Diagnostics
import FileFormats
import FormatSchema

/// Reads `select:` mappings (Docs/reference/scenario.md). Whether a selector matches any source, and
/// whether its ids exist, is checked later against the inventory by the engine.
enum SelectorReader {
    static var keys: [String] { ScenarioFormat.selector.keys }

    static func read(_ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList) -> Selector? {
        let what = LocalizedText(en: "'select'", zh: "'select' ")
        guard let fields = document.mapping(node, what, allowed: keys, &diagnostics) else { return nil }
        let errorsBefore = diagnostics.errorCount
        if case let .mapping(pairs) = node.content, pairs.isEmpty {
            document.error(
                at: node.location,
                en: "an empty 'select' would match every source: give 'sector', 'county' or 'ids'",
                zh: "'select' 为空将匹配所有排放源：请给出 'sector'、'county' 或 'ids'", &diagnostics)
            return nil
        }
        var selector = Selector(location: node.location)
        if let pair = fields["sector"] {
            selector.sectors = strings(pair, document, &diagnostics, into: &selector.valueLocations) {
                document.sector($0, "sector", &$1)
            }
        }
        if let pair = fields["county"] {
            selector.counties = strings(pair, document, &diagnostics, into: &selector.valueLocations) {
                document.string($0, "county", &$1)?.trimmingSpaces
            }
        }
        if let pair = fields["ids"], let items = document.list(pair.value, "ids", &diagnostics) {
            if items.isEmpty {
                document.error(
                    at: pair.value.location, en: "'ids' must not be an empty list",
                    zh: "'ids' 不能为空列表", &diagnostics)
            }
            let what = LocalizedText(en: "source id", zh: "排放源 id")
            selector.ids = items.compactMap { item in
                let id = document.identifier(item, "ids", what, &diagnostics)
                if let id { selector.valueLocations["ids=\(id)"] = item.location }
                return id
            }
        }
        return diagnostics.errorCount == errorsBefore ? selector : nil
    }

    /// One value or a non-empty list of values.
    private static func strings(
        _ pair: YAMLPair, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList,
        into locations: inout [String: SourceLocation], _ read: (YAMLNode, inout DiagnosticList) -> String?
    ) -> [String]? {
        guard case let .sequence(items) = pair.value.content else {
            let value = read(pair.value, &diagnostics)
            if let value { locations["\(pair.key)=\(value)"] = pair.value.location }
            return value.map { [$0] }
        }
        guard !items.isEmpty else {
            document.error(
                at: pair.value.location, en: "'\(pair.key)' must not be an empty list",
                zh: "'\(pair.key)' 不能为空列表", &diagnostics)
            return nil
        }
        let values = items.compactMap { item in
            let value = read(item, &diagnostics)
            if let value { locations["\(pair.key)=\(value)"] = item.location }
            return value
        }
        return values.count == items.count ? values : nil
    }
}

/// Reads the `drivers:` list (Docs/reference/scenario.md).
enum DriverReader {
    static var keys: [String] { ScenarioFormat.driver.keys }

    /// A driver and where its macro series is named (checked against the inventory later).
    struct Read {
        var driver: Driver
        var macroLocation: SourceLocation?
    }

    static func read(_ node: YAMLNode, _ document: YAMLDocument, _ diagnostics: inout DiagnosticList) -> [Read] {
        guard let items = document.list(node, "drivers", &diagnostics) else { return [] }
        return items.compactMap { readDriver($0, document, &diagnostics) }
    }

    private static func readDriver(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> Read? {
        let what = LocalizedText(en: "a driver", zh: "驱动因子")
        guard let fields = document.mapping(node, what, allowed: keys, &diagnostics) else { return nil }
        let errorsBefore = diagnostics.errorCount

        var subject: Driver.Subject?
        var macroLocation: SourceLocation?
        let subjectPair = document.oneOf(
            ScenarioFormat.driver.group("subject"), in: fields, what: what,
            missing: LocalizedText(
                en: "'select' (which sources grow) or 'macro' (a macro series such as gdp)",
                zh: "'select'（哪些排放源增长）或 'macro'（宏观序列，如 gdp）"),
            at: node, &diagnostics)
        if let pair = subjectPair {
            if pair.key == "select" {
                subject = SelectorReader.read(pair.value, document, &diagnostics).map { .sources($0) }
            } else if let name = document.string(pair.value, "macro", &diagnostics)?.trimmingSpaces {
                subject = .macro(name)
                macroLocation = pair.value.location
            }
        }

        var growth: Growth?
        let growthPair = document.oneOf(
            ScenarioFormat.driver.group("growth"), in: fields, what: what,
            missing: LocalizedText(
                en: "'rate' (a compound annual change) or 'index' (values by year)",
                zh: "'rate'（年均变化率）或 'index'（逐年指数）"),
            at: node, &diagnostics)
        if let pair = growthPair {
            if pair.key == "rate" {
                growth = document.number(pair.value, "rate", in: ScenarioFormat.driver.range("rate"), &diagnostics).map
                { .rate($0) }
            } else {
                growth = readIndex(pair.value, document, &diagnostics).map { .index($0) }
            }
        }

        let title = fields["title"].flatMap { document.string($0.value, "title", &diagnostics) }
        _ = fields["note"].flatMap { document.text($0.value, "note", &diagnostics) }
        guard diagnostics.errorCount == errorsBefore, let subject, let growth else { return nil }
        return Read(
            driver: Driver(subject: subject, growth: growth, title: title, location: node.location),
            macroLocation: macroLocation)
    }

    /// `{2020: 1.0, 2025: 1.18}`: whole-number years, positive values, sorted by year.
    private static func readIndex(
        _ node: YAMLNode, _ document: YAMLDocument,
        _ diagnostics: inout DiagnosticList
    ) -> [Growth.YearValue]? {
        guard case let .mapping(pairs) = node.content else {
            document.error(
                at: node.location,
                en:
                    "'index' must be a mapping of years to values, e.g. {2020: 1.0, 2025: 1.18}, got \(node.kindName.en)",
                zh: "'index' 应为年份到数值的映射，例如 {2020: 1.0, 2025: 1.18}，实际为\(node.kindName.zh)",
                &diagnostics)
            return nil
        }
        guard !pairs.isEmpty else {
            document.error(
                at: node.location, en: "'index' must give a value for at least one year",
                zh: "'index' 至少需要给出一个年份的数值", &diagnostics)
            return nil
        }
        var points: [Growth.YearValue] = []
        var complete = true
        for pair in pairs {
            guard let year = Int(pair.key.trimmingSpaces) else {
                document.error(
                    at: pair.keyLocation, en: "the years of 'index' must be whole numbers, got '\(pair.key)'",
                    zh: "'index' 的年份应为整数，实际为 '\(pair.key)'", &diagnostics)
                complete = false
                continue
            }
            guard
                let value = document.number(
                    pair.value, ValueName("index value for \(year)", zh: "\(year) 年的 index"),
                    in: ScenarioFormat.driver.range("index"), &diagnostics)
            else {
                complete = false
                continue
            }
            points.append(Growth.YearValue(year: year, value: value))
        }
        return complete ? points.sorted { $0.year < $1.year } : nil
    }
}

extension ValueName {
    init(_ en: String, zh: String) {
        self.init(en)
        self.zh = zh
    }
}
