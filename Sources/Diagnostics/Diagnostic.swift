/// A language for text that faces users. Chinese is the default: the first users are
/// Chinese city planners; English is available everywhere (`--lang en`).
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en
}

/// A piece of user-facing text in both languages.
public struct LocalizedText: Sendable, Hashable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .en: en
        case .zh: zh
        }
    }
}

/// How serious a finding is. Errors make the input unusable; warnings do not, unless the
/// user asks for strictness.
public enum Severity: Int, Sendable, Comparable, CaseIterable {
    case note = 0
    case warning = 1
    case error = 2

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.note, .en): "note"
        case (.warning, .en): "warning"
        case (.error, .en): "error"
        case (.note, .zh): "提示"
        case (.warning, .zh): "警告"
        case (.error, .zh): "错误"
        }
    }
}

/// A position in an input file. Lines and columns are 1-based; a column counts Unicode
/// scalars (as libyaml does), so a Chinese character is one column. `line == 0` means the
/// file as a whole, `column == 0` the line as a whole.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, omitting the parts that are zero.
    public var description: String {
        switch (line, column) {
        case (0, _): file
        case (_, 0): "\(file):\(line)"
        default: "\(file):\(line):\(column)"
        }
    }
}

/// One finding about the input: what, where, and (when one fits) what was probably meant.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    public var location: SourceLocation?
    public var message: LocalizedText
    /// The text of the offending line, shown under the message with a caret at `column`.
    public var sourceLine: String?
    /// The caret's column within `sourceLine` when that is an excerpt of a long line rather
    /// than the whole line (nil: `location.column`).
    public var sourceColumn: Int?
    /// A likely intended spelling ("did you mean 'SO2.eff'?").
    public var suggestion: String?

    public init(
        _ severity: Severity,
        at location: SourceLocation?,
        _ message: LocalizedText,
        sourceLine: String? = nil,
        sourceColumn: Int? = nil,
        suggestion: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.sourceColumn = sourceColumn
        self.suggestion = suggestion
    }

    public static func error(
        at location: SourceLocation?, en: String, zh: String,
        sourceLine: String? = nil, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            .error, at: location, LocalizedText(en: en, zh: zh),
            sourceLine: sourceLine, suggestion: suggestion)
    }

    public static func warning(
        at location: SourceLocation?, en: String, zh: String,
        sourceLine: String? = nil, suggestion: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            .warning, at: location, LocalizedText(en: en, zh: zh),
            sourceLine: sourceLine, suggestion: suggestion)
    }
}

/// The findings of one piece of work, in the order they were found.
///
/// Large inputs with a systematic mistake (a wrong column in three million rows) would
/// otherwise produce millions of identical findings: after `limit` errors further errors
/// are counted but not stored, and `isTruncated` tells the caller to stop early.
public struct DiagnosticList: Sendable {
    public private(set) var items: [Diagnostic] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    /// Errors found after the limit was reached (counted, not stored).
    public private(set) var suppressedErrorCount = 0
    /// Warnings found after the limit was reached (counted, not stored).
    public private(set) var suppressedWarningCount = 0
    public let limit: Int

    public init(limit: Int = 200) {
        self.limit = limit
    }

    public var hasErrors: Bool { errorCount > 0 }

    /// Whether a finding of `severity` would be stored (not only counted): callers skip
    /// building expensive messages when it would not.
    public func stores(_ severity: Severity) -> Bool {
        switch severity {
        case .error: errorCount < limit
        case .warning: warningCount < limit
        case .note: true
        }
    }

    /// Counts a finding of `severity` that is not stored (past the limit).
    public mutating func count(_ severity: Severity) {
        switch severity {
        case .error:
            errorCount += 1
            suppressedErrorCount += 1
        case .warning:
            warningCount += 1
            suppressedWarningCount += 1
        case .note: break
        }
    }
    public var isTruncated: Bool { suppressedErrorCount > 0 }
    public var isEmpty: Bool { items.isEmpty }

    public mutating func append(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error:
            errorCount += 1
            if errorCount > limit {
                suppressedErrorCount += 1
                return
            }
        case .warning:
            warningCount += 1
            if warningCount > limit {
                suppressedWarningCount += 1
                return
            }
        case .note:
            break
        }
        items.append(diagnostic)
    }

    public mutating func append(contentsOf other: DiagnosticList) {
        for item in other.items { append(item) }
        errorCount += other.suppressedErrorCount
        suppressedErrorCount += other.suppressedErrorCount
        warningCount += other.suppressedWarningCount
        suppressedWarningCount += other.suppressedWarningCount
    }

    /// Orders the findings by file, line and column (stable: equal positions keep their
    /// order; findings without a position come first).
    public mutating func sortByPosition() {
        items = items.enumerated().sorted { a, b in
            let l = a.element.location
            let r = b.element.location
            let lk = (l?.file ?? "", l?.line ?? 0, l?.column ?? 0)
            let rk = (r?.file ?? "", r?.line ?? 0, r?.column ?? 0)
            return lk != rk ? lk < rk : a.offset < b.offset
        }.map(\.element)
    }

    /// Replaces each finding by `transform(finding)` (counts are unchanged).
    public mutating func mapItems(_ transform: (Diagnostic) -> Diagnostic) {
        items = items.map(transform)
    }

    /// Raises every warning to an error (`--strict`).
    public mutating func promoteWarnings() {
        var promoted = DiagnosticList(limit: limit)
        for var item in items {
            if item.severity == .warning { item.severity = .error }
            promoted.append(item)
        }
        promoted.errorCount += suppressedErrorCount + suppressedWarningCount
        promoted.suppressedErrorCount += suppressedErrorCount + suppressedWarningCount
        self = promoted
    }
}
