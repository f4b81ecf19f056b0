import Diagnostics

/// Strict, typed reading of YAML nodes: every mistake becomes a diagnostic with the file,
/// line and column of the offending node, and reading goes on so that all mistakes are
/// reported together. A `nil` result means "reported, carry on without this value".
extension YAMLDocument {
    /// Reports an error at `location`, quoting its line.
    public func error(
        at location: SourceLocation, en: String, zh: String, suggestion: String? = nil,
        _ diagnostics: inout DiagnosticList
    ) {
        diagnostics.append(
            .error(
                at: location, en: en, zh: zh,
                sourceLine: line(location.line), suggestion: suggestion))
    }

    public func warning(
        at location: SourceLocation, en: String, zh: String, suggestion: String? = nil,
        _ diagnostics: inout DiagnosticList
    ) {
        diagnostics.append(
            .warning(
                at: location, en: en, zh: zh,
                sourceLine: line(location.line), suggestion: suggestion))
    }

    /// Reads a mapping whose keys must come from `allowed`, and must include `required`.
    /// An unknown key is an error with the nearest allowed key as a suggestion, and with the
    /// reason `explain` gives for keys that are known elsewhere (a key of another measure
    /// kind, a scenario key in an imported file). A missing required key is not reported
    /// when an unknown key looks like a misspelling of it: the suggestion already says so.
    public func mapping(
        _ node: YAMLNode, _ what: LocalizedText, allowed: [String], required: [String] = [],
        explain: (String) -> LocalizedText? = { _ in nil }, _ diagnostics: inout DiagnosticList
    ) -> [String: YAMLPair]? {
        guard case let .mapping(pairs) = node.content else {
            error(
                at: node.location,
                en: "\(what.en) must be a mapping, got \(node.kindName.en)",
                zh: "\(what.zh)应为映射（键: 值），实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        var result: [String: YAMLPair] = [:]
        for pair in pairs {
            if allowed.contains(pair.key) {
                result[pair.key] = pair
                continue
            }
            let reason = explain(pair.key)
            error(
                at: pair.keyLocation,
                en: "unknown key '\(pair.key)' in \(what.en)" + (reason.map { " (\($0.en))" } ?? ""),
                zh: "\(what.zh)中有未知的键 '\(pair.key)'" + (reason.map { "（\($0.zh)）" } ?? ""),
                suggestion: Suggestion.nearest(to: pair.key, among: allowed), &diagnostics)
        }
        for key in required where result[key] == nil && !misspells(node, [key], known: { result[$0] != nil }) {
            error(
                at: node.location,
                en: "\(what.en) is missing the required key '\(key)'",
                zh: "\(what.zh)缺少必需的键 '\(key)'", &diagnostics)
        }
        return result
    }

    /// Whether an unknown key of the mapping `node` looks like a misspelling of one of
    /// `candidates`: then that key was reported with a suggestion, and "missing key"
    /// errors about the candidates would only repeat it.
    public func misspells(_ node: YAMLNode, _ candidates: [String], known: (String) -> Bool) -> Bool {
        guard case let .mapping(pairs) = node.content else { return false }
        return pairs.contains { !known($0.key) && Suggestion.nearest(to: $0.key, among: candidates) != nil }
    }

    /// A non-empty string (a scalar of any style; numbers are accepted as their text).
    public func string(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> String? {
        guard case let .scalar(text, _) = node.content, !node.isNull else {
            error(
                at: node.location, en: "'\(what)' must be a text, got \(node.kindName.en)",
                zh: "'\(what)' 应为文本，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        guard !text.trimmingSpaces.isEmpty else {
            error(at: node.location, en: "'\(what)' must not be empty", zh: "'\(what)' 不能为空", &diagnostics)
            return nil
        }
        return text
    }

    /// A finite number written as a plain scalar (`12`, `-0.5`, `1e6`).
    public func number(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> Double? {
        if case let .scalar(text, isPlain) = node.content, isPlain, !node.isNull {
            switch DecimalNumber.parse(text) {
            case let .value(value): return value
            case .nonFinite:
                error(
                    at: node.location, en: "'\(what)' must be a finite number, got '\(text)'",
                    zh: "'\(what)' 应为有限数值，实际为 '\(text)'", &diagnostics)
                return nil
            case .empty, .invalid: break
            }
        }
        error(
            at: node.location, en: "'\(what)' must be a number, got \(describe(node).en)",
            zh: "'\(what)' 应为数值，实际为\(describe(node).zh)", &diagnostics)
        return nil
    }

    /// A whole number written as a plain scalar.
    public func integer(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> Int? {
        if case let .scalar(text, isPlain) = node.content, isPlain, let value = Int(text.trimmingSpaces) {
            return value
        }
        error(
            at: node.location, en: "'\(what)' must be a whole number, got \(describe(node).en)",
            zh: "'\(what)' 应为整数，实际为\(describe(node).zh)", &diagnostics)
        return nil
    }

    /// `true` or `false`.
    public func bool(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> Bool? {
        if case let .scalar(text, isPlain) = node.content, isPlain {
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error(
            at: node.location, en: "'\(what)' must be true or false, got \(describe(node).en)",
            zh: "'\(what)' 应为 true 或 false，实际为\(describe(node).zh)", &diagnostics)
        return nil
    }

    /// A list of nodes; a single scalar is not accepted (use `stringOrList` for that).
    public func list(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> [YAMLNode]? {
        guard case let .sequence(items) = node.content else {
            error(
                at: node.location, en: "'\(what)' must be a list, got \(node.kindName.en)",
                zh: "'\(what)' 应为列表，实际为\(node.kindName.zh)", &diagnostics)
            return nil
        }
        return items
    }

    /// One string or a list of strings.
    public func stringOrList(_ node: YAMLNode, _ what: String, _ diagnostics: inout DiagnosticList) -> [String]? {
        if case let .sequence(items) = node.content {
            let strings = items.compactMap { string($0, what, &diagnostics) }
            return strings.count == items.count ? strings : nil
        }
        return string(node, what, &diagnostics).map { [$0] }
    }

    private func describe(_ node: YAMLNode) -> LocalizedText {
        if case let .scalar(text, _) = node.content, !node.isNull {
            return LocalizedText(en: "'\(text)'", zh: " '\(text)'")
        }
        return node.kindName
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
