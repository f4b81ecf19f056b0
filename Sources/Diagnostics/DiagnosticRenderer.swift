/// Renders findings compiler-style, for a terminal or a log:
///
///     sources.csv:37:12: error: SO2.eff must be in [0, 1), got 1.2
///        37 | p1,power/coal,100,GWh,1000,1.2,80
///           |                            ^
///
/// The renderer returns text; printing it is the caller's business.
public struct DiagnosticRenderer: Sendable {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var head = ""
        if let location = diagnostic.location {
            head += "\(location): "
        }
        head += "\(diagnostic.severity.label(language)): \(Self.abbreviated(diagnostic.message(language), to: 1000))"
        if let suggestion = diagnostic.suggestion {
            head += language == .zh ? "（是否想写 '\(suggestion)'？）" : " (did you mean '\(suggestion)'?)"
        }
        guard let line = diagnostic.sourceLine, let location = diagnostic.location,
            location.line > 0
        else {
            return head
        }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // A long line is cut to a window of about 160 characters around the caret.
        var (shown, column) = (Self.printable(line), diagnostic.sourceColumn ?? location.column)
        let scalars = Array(shown.unicodeScalars)
        if scalars.count > Self.window {
            let caret = max(0, min(scalars.count, column - 1))
            let start = max(0, min(caret - Self.window / 2, scalars.count - Self.window))
            let end = min(scalars.count, start + Self.window)
            shown =
                (start > 0 ? "…" : "") + String(String.UnicodeScalarView(scalars[start..<end]))
                + (end < scalars.count ? "…" : "")
            if column > 0 { column = caret - start + 1 + (start > 0 ? 1 : 0) }
        }
        var text = head + "\n \(number) | \(shown)"
        if column > 0 {
            let prefix = shown.unicodeScalars.prefix(column - 1)
            let width = prefix.reduce(0) { $0 + DisplayWidth.of($1) }
            text += "\n \(gutter) | " + String(repeating: " ", count: width) + "^"
        }
        return text
    }

    /// Renders a list, followed by a one-line summary of the counts.
    public func render(_ list: DiagnosticList) -> String {
        var parts = list.items.map(render)
        if list.suppressedErrorCount > 0 {
            parts.append(
                language == .zh
                    ? "……另有 \(list.suppressedErrorCount) 个错误未列出"
                    : "... and \(list.suppressedErrorCount) more errors not shown")
        }
        if list.suppressedWarningCount > 0 {
            parts.append(
                language == .zh
                    ? "……另有 \(list.suppressedWarningCount) 个警告未列出"
                    : "... and \(list.suppressedWarningCount) more warnings not shown")
        }
        return parts.joined(separator: "\n")
    }

    public func summary(_ list: DiagnosticList) -> String {
        switch language {
        case .zh: "\(list.errorCount) 个错误，\(list.warningCount) 个警告"
        case .en:
            "\(list.errorCount) error\(list.errorCount == 1 ? "" : "s"), "
                + "\(list.warningCount) warning\(list.warningCount == 1 ? "" : "s")"
        }
    }

    /// The characters of a source line shown under a message.
    static let window = 160

    /// `text` cut to `limit` characters with "…".
    public static func abbreviated(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…"
    }

    /// Tabs become one space so the caret stays aligned; other control characters are
    /// dropped.
    private static func printable(_ line: String) -> String {
        String(
            String.UnicodeScalarView(
                line.unicodeScalars.compactMap { scalar in
                    if scalar == "\t" { return " " }
                    return scalar.value < 0x20 || scalar.value == 0x7F ? nil : scalar
                }))
    }
}

/// Terminal display width of a character: East Asian wide and full-width characters take
/// two columns, combining marks none, everything else one (a simplified UAX #11).
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v)
            || (0x3041...0x33FF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }
}
