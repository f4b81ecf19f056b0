import Diagnostics
internal import Yams

/// A YAML node with its position, as read from a file. Only what our files use: scalars,
/// sequences and mappings; aliases are expanded (within a budget), tags are ignored.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// `isPlain` is false for quoted and block scalars, which are always strings.
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var location: SourceLocation

    /// A plain scalar spelt as YAML's null (`~`, `null`, or nothing).
    public var isNull: Bool {
        if case let .scalar(text, isPlain) = content, isPlain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// What a reader calls this kind of node in a message.
    public var kindName: LocalizedText {
        switch content {
        case .scalar: isNull ? LocalizedText(en: "null", zh: "空值") : LocalizedText(en: "a scalar", zh: "标量")
        case .sequence: LocalizedText(en: "a list", zh: "列表")
        case .mapping: LocalizedText(en: "a mapping", zh: "映射")
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode
}

/// A parsed YAML file: its root node and its lines (to quote them in diagnostics).
public struct YAMLDocument: Sendable {
    /// The file name used in diagnostics (as the user gave it).
    public let file: String
    public let root: YAMLNode?
    private let lines: [Substring]

    /// Alias expansion beyond this many nodes is refused ("billion laughs").
    public static let nodeBudget = 1_000_000
    /// Flow collections nested deeper than this are refused (the parser recurses).
    public static let maximumDepth = 512

    /// The text of 1-based line `number`, if the file has it.
    public func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
    }

    /// Parses `text` (the contents of `file`). Syntax errors, duplicate keys, excessive
    /// nesting and alias bombs become diagnostics; the document then has no root.
    public static func parse(_ text: String, file: String, diagnostics: inout DiagnosticList) -> YAMLDocument {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Lines as YAML 1.1 counts them (libyaml's marks): CR LF, LF, CR, NEL, LS and PS all
        // end a line (a lone CR too: the fuzzer found a file of old-Mac line ends whose marks
        // pointed past the last LF-separated line).
        let lines = text.split(omittingEmptySubsequences: false) {
            $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}"
        }
        func fail(_ line: Int, _ column: Int, en: String, zh: String) -> YAMLDocument {
            let location = SourceLocation(file: file, line: line, column: column)
            let source = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
            diagnostics.append(.error(at: location, en: en, zh: zh, sourceLine: source))
            return YAMLDocument(file: file, root: nil, lines: lines)
        }
        let hints = YAMLHints.scan(lines, file: file)
        for hint in hints { diagnostics.append(hint) }
        if hints.contains(where: { $0.severity == .error }) { return YAMLDocument(file: file, root: nil, lines: lines) }
        if let (line, column) = excessiveNesting(text) {
            return fail(
                line, column,
                en: "YAML nested more than \(maximumDepth) levels deep",
                zh: "YAML 嵌套超过 \(maximumDepth) 层")
        }
        let node: Node?
        do {
            node = try Parser(yaml: text).singleRoot()
        } catch let error as YamlError {
            switch error {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
                let .composer(context, problem, mark, _):
                let detail = context.map { "\(problem) (\($0.text))" } ?? problem
                return fail(
                    mark.line, mark.column, en: "invalid YAML: \(detail)",
                    zh: "YAML 语法错误：\(Self.chinese(problem) ?? detail)")
            case let .duplicatedKeysInMapping(duplicates, context):
                let key = duplicates.first ?? ""
                let (line, column) = secondOccurrence(of: key, after: context.mark, in: lines)
                return fail(line, column, en: "duplicate key '\(key)'", zh: "重复的键 '\(key)'")
            case let .reader(problem, _, _, _):
                return fail(0, 0, en: "cannot read YAML: \(problem)", zh: "无法读取 YAML：\(problem)")
            default:
                return fail(0, 0, en: "invalid YAML: \(error)", zh: "YAML 错误：\(error)")
            }
        } catch {
            return fail(0, 0, en: "invalid YAML: \(error)", zh: "YAML 错误：\(error)")
        }
        guard let node else { return YAMLDocument(file: file, root: nil, lines: lines) }
        var budget = nodeBudget
        var conversion = Conversion()
        guard let root = convert(node, file: file, budget: &budget, &conversion) else {
            let mark = conversion.exhaustedAt ?? node.mark
            return fail(
                mark?.line ?? 1, mark?.column ?? 1,
                en: "YAML aliases expand to more than \(nodeBudget) nodes (an alias bomb?)",
                zh: "YAML 别名展开后超过 \(nodeBudget) 个节点（疑似别名炸弹）")
        }
        if let (tag, location) = conversion.unknownTags.first {
            return fail(
                location.line, location.column,
                en: "unknown YAML tag '\(tag)': emis files use no tags; remove it",
                zh: "未知的 YAML 标签 '\(tag)'：emis 的文件不使用标签，请删除它")
        }
        return YAMLDocument(file: file, root: root, lines: lines)
    }

    private init(file: String, root: YAMLNode?, lines: [Substring]) {
        self.file = file
        self.root = root
        self.lines = lines
    }

    /// What converting the tree found besides the nodes.
    struct Conversion {
        /// The outermost key whose value ran the alias budget out.
        var exhaustedAt: Mark?
        /// Explicit tags (`!years`, `!!binary`): emis formats use none.
        var unknownTags: [(String, SourceLocation)] = []
    }

    /// Tags a node may carry: none written (implicit), the non-specific `!` of quoted text,
    /// and those of the core schema that plain scalars resolve to (so `!!int 5` is the same
    /// as `5`). Anything else (`!years`, `!!binary`) would be dropped silently.
    static let acceptedTags: Set<String> = Set(
        ["", "!"]
            + ["str", "seq", "map", "int", "float", "bool", "null", "timestamp", "merge", "value"].map {
                "tag:yaml.org,2002:" + $0
            })

    /// Chinese for libyaml's commonest problems, with the usual cause.
    static func chinese(_ problem: String) -> String? {
        let table: [(String, String)] = [
            ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：值中含有“: ”却没有加引号，或缩进有误）"),
            ("could not find expected ':'", "找不到应有的冒号“:”（常见原因：上一行的键后缺少“:”，或用了全角冒号“：”）"),
            ("did not find expected key", "找不到应有的键（常见原因：缩进不一致）"),
            ("did not find expected node content", "找不到应有的内容（常见原因：“-”或“:”后缺少值）"),
            ("found character that cannot start any token", "出现了不能开始 YAML 内容的字符（如制表符 Tab、@ 或 `）"),
            ("found unexpected end of stream", "文件意外结束（常见原因：引号或括号没有闭合）"),
            ("did not find expected ',' or ']'", "找不到应有的“,”或“]”（常见原因：方括号没有闭合，或用了全角逗号“，”）"),
            ("did not find expected ',' or '}'", "找不到应有的“,”或“}”（常见原因：花括号没有闭合，或用了全角逗号“，”）"),
            ("found unknown escape character", "引号中有未知的转义字符（Windows 路径请用单引号或写成 /）"),
            ("block sequence entries are not allowed", "此处不能出现列表项“- ”（常见原因：缩进有误）"),
            ("found undefined tag handle", "出现了未定义的标签（emis 的文件不使用标签）"),
            ("found a tab character", "缩进中有制表符（Tab）：YAML 只能用空格缩进"),
            ("did not find expected <document start>", "找不到文档开头（常见原因：顶层缩进有误）"),
            ("found unexpected ':'", "出现了多余的“:”"),
            ("while scanning a simple key", "键没有以“:”结束"),
        ]
        return table.first { problem.contains($0.0) }?.1
    }

    /// Converts Yams' tree, counting every node visited (an alias is visited again each
    /// time it is used). Returns nil when the budget runs out.
    private static func convert(
        _ node: Node, file: String, budget: inout Int, _ conversion: inout Conversion
    ) -> YAMLNode? {
        budget -= 1
        let mark = node.mark
        if budget < 0 {
            if conversion.exhaustedAt == nil { conversion.exhaustedAt = mark }
            return nil
        }
        let location = SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
        let tag = node.tag.rawValue
        if !Self.acceptedTags.contains(tag) { conversion.unknownTags.append((tag, location)) }
        switch node {
        case let .scalar(scalar):
            return YAMLNode(content: .scalar(scalar.string, isPlain: scalar.style == .plain), location: location)
        case let .sequence(sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = convert(item, file: file, budget: &budget, &conversion) else { return nil }
                items.append(converted)
            }
            return YAMLNode(content: .sequence(items), location: location)
        case let .mapping(mapping):
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                budget -= 1
                let keyMark = key.mark
                guard budget >= 0, let converted = convert(value, file: file, budget: &budget, &conversion) else {
                    // Unwinding, this ends at the outermost key: where the bomb is written.
                    conversion.exhaustedAt = keyMark
                    return nil
                }
                let keyText = key.scalar?.string ?? "\(key)"
                pairs.append(
                    YAMLPair(
                        key: keyText,
                        keyLocation: SourceLocation(file: file, line: keyMark?.line ?? 0, column: keyMark?.column ?? 0),
                        value: converted))
            }
            return YAMLNode(content: .mapping(pairs), location: location)
        case let .alias(alias):
            let mark = alias.mark
            return YAMLNode(
                content: .scalar("", isPlain: true),
                location: SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0))
        }
    }

    /// Where flow brackets nest deeper than `maximumDepth`, if anywhere (quotes and comments
    /// are skipped roughly; block nesting is bounded by line length and harmless).
    private static func excessiveNesting(_ text: String) -> (Int, Int)? {
        var depth = 0
        var line = 1
        var column = 0
        var quote: Unicode.Scalar?
        var comment = false
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" {
                line += 1
                column = 0
                comment = false
                continue
            }
            if comment { continue }
            if let open = quote {
                if scalar == open { quote = nil }
                continue
            }
            switch scalar {
            case "\"", "'": quote = scalar
            case "#": comment = true
            case "[", "{":
                depth += 1
                if depth > maximumDepth { return (line, column) }
            case "]", "}": depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// Yams reports a duplicate key at its first occurrence; point at the second one, which
    /// is what the author most likely added by mistake: the next line, at the same column,
    /// that starts with the same key.
    private static func secondOccurrence(of key: String, after mark: Mark, in lines: [Substring]) -> (Int, Int) {
        guard mark.line >= 1, mark.column >= 1, mark.line <= lines.count else { return (mark.line, mark.column) }
        for index in mark.line..<lines.count {
            let text = lines[index]
            let scalars = Array(text.unicodeScalars)
            guard mark.column - 1 < scalars.count else { continue }
            let rest = String(String.UnicodeScalarView(scalars[(mark.column - 1)...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop(while: { $0 == " " })
                if after.hasPrefix(":") { return (index + 1, mark.column) }
            }
        }
        return (mark.line, mark.column)
    }
}
