import Diagnostics
import EmissionInventory
import FileFormats
import FormatSchema

/// The name of a value in messages: `share`, or `efficiency for SO2` / `SO2 的 efficiency`.
struct ValueName {
    var en: String
    var zh: String
    /// What the typed readers quote (`'efficiency.SO2' must be a number`).
    var key: String

    init(_ key: String) {
        en = key
        zh = key
        self.key = key
    }

    init(_ key: String, for pollutant: Pollutant) {
        en = "\(key) for \(pollutant.id)"
        zh = "\(pollutant.id) 的 \(key)"
        self.key = "\(key).\(pollutant.id)"
    }
}

extension YAMLDocument {
    /// The text of a scalar as written, for "got …" in messages.
    func written(_ node: YAMLNode) -> String {
        if case let .scalar(text, _) = node.content { return text }
        return node.kindName.en
    }

    /// What a node holds, for "got …" in messages: `'abc'` for a scalar, else its kind.
    func got(_ node: YAMLNode) -> LocalizedText {
        if case let .scalar(text, _) = node.content, !node.isNull {
            return LocalizedText(en: "'\(text)'", zh: " '\(text)'")
        }
        return node.kindName
    }

    /// A number in `range`; out of range is an error stating the range and the value.
    func number(
        _ node: YAMLNode, _ name: ValueName, in range: ValueRange,
        _ diagnostics: inout DiagnosticList
    ) -> Double? {
        guard let value = number(node, name.key, &diagnostics) else { return nil }
        guard range.contains(value) else {
            error(
                at: node.location,
                en: "\(name.en) \(range.text.en), got \(written(node))",
                zh: "\(name.zh) \(range.text.zh)，实际为 \(written(node))", &diagnostics)
            return nil
        }
        return value
    }

    func number(
        _ node: YAMLNode, _ key: String, in range: ValueRange,
        _ diagnostics: inout DiagnosticList
    ) -> Double? {
        number(node, ValueName(key), in: range, &diagnostics)
    }

    /// Free text (`description`, `note`): any scalar, possibly empty; not a list or mapping.
    func text(_ node: YAMLNode, _ key: String, _ diagnostics: inout DiagnosticList) -> String? {
        if node.isNull { return nil }
        guard case let .scalar(text, _) = node.content else {
            error(
                at: node.location, en: "'\(key)' must be a text, got \(node.kindName.en)",
                zh: "'\(key)' 应为文本，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        return text
    }

    /// A string that must be an id (`[A-Za-z0-9_.-]+`).
    func identifier(
        _ node: YAMLNode, _ key: String, _ what: LocalizedText,
        _ diagnostics: inout DiagnosticList
    ) -> String? {
        guard let id = string(node, key, &diagnostics)?.trimmingSpaces else { return nil }
        guard isValidID(id) else {
            error(
                at: node.location,
                en: "\(what.en) '\(id)' may only hold letters, digits, '_', '.' and '-'",
                zh: "\(what.zh) '\(id)' 只能包含字母、数字、'_'、'.' 和 '-'", &diagnostics)
            return nil
        }
        return id
    }

    /// A sector path such as `industry/cement`.
    func sector(_ node: YAMLNode, _ key: String, _ diagnostics: inout DiagnosticList) -> String? {
        guard let text = string(node, key, &diagnostics)?.trimmingSpaces else { return nil }
        guard isValidSector(text) else {
            error(
                at: node.location,
                en: "sector '\(text)' must be a path like 'industry/cement' (no empty parts)",
                zh: "行业 '\(text)' 应为 'industry/cement' 形式的路径（各段不能为空）", &diagnostics)
            return nil
        }
        return text
    }

    /// A mass of emissions per year, converted to t: a bare number in t, or
    /// `"<number> <unit>"` with a unit of Docs/reference/README.md. Must not be negative.
    func mass(_ node: YAMLNode, _ name: ValueName, _ diagnostics: inout DiagnosticList) -> Double? {
        guard case let .scalar(text, _) = node.content, !node.isNull else {
            error(
                at: node.location,
                en: "\(name.en) must be a mass such as 120 or \"1.2 万t\", got \(node.kindName.en)",
                zh: "\(name.zh) 应为质量，例如 120 或 \"1.2 万t\"，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        switch QuantityText.parseMass(text, defaultUnit: .tonne) {
        case let .value(tonnes):
            guard tonnes >= 0 else {
                error(
                    at: node.location, en: "\(name.en) must not be negative, got \(text)",
                    zh: "\(name.zh) 不能为负数，实际为 \(text)", &diagnostics)
                return nil
            }
            return tonnes
        case .invalidNumber:
            error(
                at: node.location,
                en: "\(name.en) must be a mass such as 120 or \"1.2 万t\", got '\(text)'",
                zh: "\(name.zh) 应为质量，例如 120 或 \"1.2 万t\"，实际为 '\(text)'", &diagnostics)
        case let .unknownUnit(unit):
            error(
                at: node.location,
                en: "unknown mass unit '\(unit)' in \(name.en) (known: kg, t, kt, 万t, 万吨, Mt)",
                zh: "\(name.zh) 中有未知的质量单位 '\(unit)'（可用：kg、t、kt、万t、万吨、Mt）",
                suggestion: Suggestion.nearest(to: unit, among: MassUnit.spellings.keys.sorted()), &diagnostics)
        }
        return nil
    }

    /// An amount of money, converted to 元: a bare number in 元, or `"<number> <unit>"` with
    /// unit 元, 万元 or 亿元. Must not be negative.
    func money(_ node: YAMLNode, _ key: String, _ diagnostics: inout DiagnosticList) -> Double? {
        guard case let .scalar(text, _) = node.content, !node.isNull else {
            error(
                at: node.location,
                en: "\(key) must be an amount of money such as 350000 or \"3.53 亿元\", got \(node.kindName.en)",
                zh: "\(key) 应为金额，例如 350000 或 \"3.53 亿元\"，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        switch MoneyUnit.parse(text) {
        case let .value(yuan):
            guard yuan >= 0 else {
                error(
                    at: node.location, en: "\(key) must not be negative, got \(text)",
                    zh: "\(key) 不能为负数，实际为 \(text)", &diagnostics)
                return nil
            }
            return yuan
        case .invalidNumber:
            error(
                at: node.location,
                en: "\(key) must be an amount of money such as 350000 or \"3.53 亿元\", got '\(text)'",
                zh: "\(key) 应为金额，例如 350000 或 \"3.53 亿元\"，实际为 '\(text)'", &diagnostics)
        case let .unknownUnit(unit):
            error(
                at: node.location,
                en: "unknown money unit '\(unit)' in \(key) (known: 元, 万元, 亿元)",
                zh: "\(key) 中有未知的货币单位 '\(unit)'（可用：元、万元、亿元）",
                // Longest first: '亿' is nearer to 亿元 than to 元.
                suggestion: Suggestion.nearest(to: unit, among: MoneyUnit.allCases.reversed().map(\.rawValue)),
                &diagnostics)
        }
        return nil
    }

    /// A pollutant named by its registry id (case-sensitive in YAML, Docs/reference/README.md).
    func pollutant(_ name: String, at location: SourceLocation, _ diagnostics: inout DiagnosticList) -> Pollutant? {
        if let pollutant = Pollutant(id: name) { return pollutant }
        let ids = Pollutant.allCases.map(\.id)
        let caseOnly = Pollutant(caseInsensitiveID: name) != nil
        error(
            at: location,
            en: "unknown pollutant '\(name)' "
                + (caseOnly ? "(pollutant ids are case-sensitive)" : "(known: \(ids.joined(separator: ", ")))"),
            zh: "未知的污染物 '\(name)'"
                + (caseOnly ? "（污染物代码区分大小写）" : "（可用：\(ids.joined(separator: "、"))）"),
            suggestion: Suggestion.nearest(to: name, among: ids), &diagnostics)
        return nil
    }

    /// A mapping pollutant → value (`efficiency: {SO2: 0.9}`), with at least one entry.
    /// Entries with a mistake are reported and left out.
    func pollutantMap(
        _ node: YAMLNode, _ key: String, _ diagnostics: inout DiagnosticList,
        value read: (YAMLNode, Pollutant, inout DiagnosticList) -> Double?
    ) -> [Pollutant: Double]? {
        guard case let .mapping(pairs) = node.content else {
            error(
                at: node.location,
                en: "'\(key)' must be a mapping of pollutants, e.g. {SO2: …}, got \(node.kindName.en)",
                zh: "'\(key)' 应为以污染物为键的映射，例如 {SO2: …}，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        guard !pairs.isEmpty else {
            error(
                at: node.location, en: "'\(key)' must name at least one pollutant",
                zh: "'\(key)' 至少需要列出一种污染物", &diagnostics)
            return nil
        }
        var result: [Pollutant: Double] = [:]
        var complete = true
        for pair in pairs {
            guard let pollutant = pollutant(pair.key, at: pair.keyLocation, &diagnostics) else {
                complete = false
                continue
            }
            if result[pollutant] != nil {
                // `SO2` twice is caught by the parser; this is the same id written differently.
                error(
                    at: pair.keyLocation, en: "pollutant \(pollutant.id) appears twice in '\(key)'",
                    zh: "污染物 \(pollutant.id) 在 '\(key)' 中重复出现", &diagnostics)
                complete = false
                continue
            }
            guard let value = read(pair.value, pollutant, &diagnostics) else {
                complete = false
                continue
            }
            result[pollutant] = value
        }
        return complete ? result : nil
    }

    /// Reports that at most one of `keys` may be given, at the second one given; returns
    /// the one given (or nil when none or several are).
    func oneOf(
        _ keys: [String], in fields: [String: YAMLPair], what: LocalizedText,
        missing: LocalizedText?, at node: YAMLNode, _ diagnostics: inout DiagnosticList
    ) -> YAMLPair? {
        let given = fields.values.filter { keys.contains($0.key) }.sorted {
            ($0.keyLocation.line, $0.keyLocation.column) < ($1.keyLocation.line, $1.keyLocation.column)
        }
        if given.count > 1 {
            let list = keys.map { "'\($0)'" }
            error(
                at: given[1].keyLocation,
                en:
                    "\(what.en) takes only one of \(list.joined(separator: ", ")), got both '\(given[0].key)' and '\(given[1].key)'",
                zh: "\(what.zh)只能给出 \(list.joined(separator: "、")) 中的一个，但同时给出了 '\(given[0].key)' 和 '\(given[1].key)'",
                &diagnostics)
            return nil
        }
        if given.isEmpty, let missing, !misspells(node, keys, known: { fields[$0] != nil }) {
            error(
                at: node.location, en: "\(what.en) needs \(missing.en)", zh: "\(what.zh)需要 \(missing.zh)", &diagnostics)
        }
        return given.first
    }
}
